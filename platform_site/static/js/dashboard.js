// Dashboard charts (Chart.js, served from /static/vendor/chartjs). Every chart has the same
// numbers in the table below it; suppressed cells are null here (no point drawn).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
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
  draw("chart-monthly", "line", data.monthly);
  draw("chart-categories", "bar", data.categories);
})();
