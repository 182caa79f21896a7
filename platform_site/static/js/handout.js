// The hand-out's "print" button; without JavaScript the browser's own print works the same.
(function () {
  "use strict";
  var button = document.getElementById("print-handout");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
