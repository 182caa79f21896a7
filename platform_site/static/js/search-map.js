/*
 * Search page enhancements; the page works without them.
 * - 「現在地を使う」: fills the hidden lat/lng inputs from navigator.geolocation.
 * - 「地図で表示」: a Leaflet map (loaded only when opened) with the page's hits, and
 *   「この範囲で検索」, which submits the map's bounds as bbox.
 * Texts come from data-* attributes rendered by the template, so they are translated there.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var near = document.getElementById("id_near");
  var lat = document.getElementById("id_lat");
  var lng = document.getElementById("id_lng");
  var bbox = document.getElementById("id_bbox");
  var sort = document.getElementById("id_sort");

  function setHidden(input, value) {
    input.value = value;
    input.disabled = value === "";
  }

  // --- 現在地を使う ------------------------------------------------------------------------
  var locate = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (locate && status && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Three decimals (about 100 m) is enough to find nearby services and keeps a shared
          // URL from pointing at someone's front door.
          setHidden(lat, position.coords.latitude.toFixed(3));
          setHidden(lng, position.coords.longitude.toFixed(3));
          if (near) near.value = "";
          status.textContent = locate.dataset.located;
        },
        function () {
          status.textContent = locate.dataset.failed;
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }
  if (near) {
    // A typed place replaces the current location (the server refuses both at once).
    near.addEventListener("input", function () {
      if (near.value.trim() !== "") {
        setHidden(lat, "");
        setHidden(lng, "");
      }
    });
  }

  // --- 地図 -----------------------------------------------------------------------------------
  var panel = document.getElementById("search-map-panel");
  var dataNode = document.getElementById("search-map-data");
  if (!panel || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var toggle = document.getElementById("map-toggle");
  var container = document.getElementById("search-map");
  var note = document.getElementById("search-map-note");
  var searchArea = document.getElementById("map-search-area");
  var storageKey = "tsunagu-search-map-open";
  var map = null;
  panel.hidden = false;

  function loadLeaflet(callback) {
    if (window.L) return callback();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = panel.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = panel.dataset.leafletJs;
    script.onload = callback;
    document.head.appendChild(script);
  }

  function popupContent(hit) {
    // Built from text nodes: names come from editors and must not be read as HTML.
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = hit.url;
    link.textContent = hit.name;
    wrapper.appendChild(link);
    [hit.organization, hit.location].forEach(function (text) {
      if (!text) return;
      var line = document.createElement("div");
      line.textContent = text;
      wrapper.appendChild(line);
    });
    return wrapper;
  }

  function createMap() {
    var L = window.L;
    map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: panel.dataset.attribution,
    }).addTo(map);
    var bounds = L.latLngBounds([]);
    data.hits.forEach(function (hit) {
      var marker = L.marker([hit.lat, hit.lng], { title: hit.name, alt: hit.name });
      marker.bindPopup(popupContent(hit)).addTo(map);
      bounds.extend([hit.lat, hit.lng]);
    });
    if (data.center) {
      var circle = L.circle(data.center, {
        radius: (data.radius_km || 5) * 1000,
        weight: 1,
        fillOpacity: 0.05,
        interactive: false,
      }).addTo(map);
      if (!bounds.isValid()) bounds = circle.getBounds();
    }
    if (data.bbox) {
      // The view the visitor chose with 「この範囲で検索」 comes back as it was.
      bounds = L.latLngBounds([data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]);
      map.fitBounds(bounds);
    } else if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      map.setView([36.2, 138.25], 5); // all of Japan
    }
  }

  function clamp(value, min, max) {
    return Math.min(max, Math.max(min, value));
  }

  function setOpen(open) {
    container.hidden = !open;
    note.hidden = !open;
    searchArea.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? panel.dataset.hideLabel : panel.dataset.showLabel;
    try {
      window.sessionStorage.setItem(storageKey, open ? "1" : "0");
    } catch (e) {
      /* storage may be disabled; the map then simply starts closed */
    }
    if (!open) return;
    loadLeaflet(function () {
      if (!map) createMap();
      map.invalidateSize();
    });
  }

  toggle.addEventListener("click", function () {
    setOpen(container.hidden);
  });

  searchArea.addEventListener("click", function () {
    if (!map) return;
    var b = map.getBounds();
    var values = [
      clamp(b.getWest(), -180, 180),
      clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90),
    ].map(function (v) {
      return v.toFixed(5);
    });
    setHidden(bbox, values.join(","));
    // The box replaces the place: keeping both would search only where they overlap.
    if (near) near.value = "";
    setHidden(lat, "");
    setHidden(lng, "");
    if (sort && sort.value === "distance") sort.value = "relevance";
    form.submit();
  });

  var wasOpen = false;
  try {
    wasOpen = window.sessionStorage.getItem(storageKey) === "1";
  } catch (e) {
    wasOpen = false;
  }
  if (wasOpen) setOpen(true);
})();
