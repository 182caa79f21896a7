// Dashboard charts (Chart.js, served from /static/vendor/chartjs). Every chart has the same
// numbers in the table below it; suppressed cells are null here (no point drawn).
// On /dashboard/ the first paint has the headline counts only: this fetches the panels page
// (the other figures, tables and charts) and shows its #dashboard-panels in place. Without
// JavaScript, or if the fetch fails, the link to the panels page stays.
(function () {
  "use strict";
  var colours = ["#1b5e9b", "#2e7d32", "#b45309", "#6d28d9"];
  function draw(id, kind, block) {
    var canvas = document.getElementById(id);
    if (!canvas || !block || !block.labels.length) return;
    new window.Chart(canvas, {
      type: kind,
      data: {
        labels: block.labels,
        datasets: block.series.map(function (s, i) {
          return { label: s.label, data: s.data, borderColor: colours[i], backgroundColor: colours[i], spanGaps: false };
        })
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } }
    });
  }
  function drawAll() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    draw("chart-monthly", "line", data.monthly);
    draw("chart-categories", "bar", data.categories);
  }
  function load(holder) {
    var loading = holder.querySelector("[data-loading]");
    if (loading) loading.hidden = false;
    holder.setAttribute("aria-busy", "true");
    fetch(holder.getAttribute("data-panels-src"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var panels = new DOMParser().parseFromString(html, "text/html").getElementById("dashboard-panels");
        if (!panels) throw new Error("no panels");
        var nodes = Array.prototype.map.call(panels.childNodes, function (node) {
          return document.importNode(node, true);
        });
        holder.replaceChildren.apply(holder, nodes);
        drawAll();
      })
      .catch(function () {
        if (loading) loading.hidden = true;
      })
      .then(function () {
        holder.removeAttribute("aria-busy");
      });
  }
  var holder = document.querySelector("[data-panels-src]");
  if (holder) load(holder);
  else drawAll();
})();
