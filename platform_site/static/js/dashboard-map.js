// The gap map: one rectangle per third-order mesh (about 1 km) with referrals; red = gap.
(function () {
  "use strict";
  var element = document.getElementById("gap-map");
  var source = document.getElementById("gap-data");
  if (!element || !source || typeof window.L === "undefined") return;
  var features = JSON.parse(source.textContent);
  var map = window.L.map(element);
  // Tile URL and attribution from settings (MAP_TILE_*), through the element's data-*.
  window.L.tileLayer(element.dataset.tileUrl, {
    maxZoom: Number(element.dataset.tileMaxZoom) || 18,
    attribution: element.dataset.attribution
  }).addTo(map);
  var bounds = [];
  features.forEach(function (f) {
    window.L.rectangle(f.bounds, {
      color: f.gap ? "#b91c1c" : "#6b7280",
      weight: 1,
      fillOpacity: f.gap ? 0.45 : 0.15
    }).bindTooltip(f.label).addTo(map);
    bounds.push(f.bounds[0], f.bounds[1]);
  });
  if (bounds.length) map.fitBounds(bounds); else map.setView([35.7263, 139.7167], 12);
})();
