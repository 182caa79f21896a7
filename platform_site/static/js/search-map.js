/*
 * Search page enhancements; the page works without them.
 * - 「現在地を使う」: fills the hidden lat/lng inputs from navigator.geolocation.
 * - 「地図で表示」: a Leaflet map (loaded only when opened) with every result of the query in
 *   view, refreshed as the map moves, and 「この範囲で検索」, which submits the bounds as bbox.
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
  // The map shows every result of the query inside the visible area: the page's hits first,
  // then, after each move (debounced), /api/v1/search with bbox= for the view, page by page.
  // Nearby pins are clustered (Leaflet.markercluster); services at one address share one pin
  // whose popup lists them all.
  var panel = document.getElementById("search-map-panel");
  var dataNode = document.getElementById("search-map-data");
  if (!panel || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var toggle = document.getElementById("map-toggle");
  var container = document.getElementById("search-map");
  var note = document.getElementById("search-map-note");
  var mapStatus = document.getElementById("search-map-status");
  var searchArea = document.getElementById("map-search-area");
  var storageKey = "tsunagu-search-map-open";
  var REFRESH_DELAY_MS = 400;
  var PAGE_SIZE = 100;
  var MAX_PAGES = 10; // at most 1,000 services on the map at once
  var map = null;
  var cluster = null;
  var refreshTimer = null;
  var refreshNumber = 0;
  panel.hidden = false;

  function loadScript(src, callback) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = callback;
    document.head.appendChild(script);
  }

  function loadStyle(href) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = href;
    document.head.appendChild(css);
  }

  function loadLeaflet(callback) {
    if (window.L && window.L.MarkerClusterGroup) return callback();
    loadStyle(panel.dataset.leafletCss);
    loadStyle(panel.dataset.clusterCss);
    loadStyle(panel.dataset.clusterDefaultCss);
    loadScript(panel.dataset.leafletJs, function () {
      loadScript(panel.dataset.clusterJs, callback);
    });
  }

  function textLine(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function serviceEntry(parent, hit) {
    // Built from text nodes: names come from editors and must not be read as HTML.
    var link = document.createElement("a");
    link.href = hit.url;
    link.textContent = hit.name;
    parent.appendChild(link);
    if (hit.organization) textLine(parent, "div", hit.organization);
    if (hit.availability) {
      var line = textLine(parent, "div", hit.availability.label, "map-availability");
      if (hit.availability.limited) line.className += " map-availability-limited";
      if (hit.availability.note) textLine(parent, "div", hit.availability.note, "muted");
    }
  }

  function popupContent(group) {
    var wrapper = document.createElement("div");
    if (group.hits.length === 1) {
      serviceEntry(wrapper, group.hits[0]);
      if (group.location) textLine(wrapper, "div", group.location);
      return wrapper;
    }
    // Several services at one address: one pin, a list in its popup.
    textLine(
      wrapper,
      "p",
      panel.dataset.sameAddressLabel.replace("{count}", group.hits.length) +
        (group.location ? " — " + group.location : ""),
      "map-group-title"
    );
    var list = document.createElement("ul");
    list.className = "map-group";
    group.hits.forEach(function (hit) {
      serviceEntry(textLine(list, "li", ""), hit);
    });
    wrapper.appendChild(list);
    return wrapper;
  }

  function groupByAddress(hits) {
    var groups = {};
    var order = [];
    hits.forEach(function (hit) {
      var key = hit.lat.toFixed(5) + "," + hit.lng.toFixed(5);
      if (!groups[key]) {
        groups[key] = { lat: hit.lat, lng: hit.lng, location: hit.location, hits: [] };
        order.push(key);
      }
      groups[key].hits.push(hit);
    });
    return order.map(function (key) {
      return groups[key];
    });
  }

  function showHits(hits) {
    var L = window.L;
    cluster.clearLayers();
    var markers = groupByAddress(hits).map(function (group) {
      var title =
        group.hits.length === 1
          ? group.hits[0].name
          : panel.dataset.sameAddressLabel.replace("{count}", group.hits.length);
      var marker = L.marker([group.lat, group.lng], { title: title, alt: title, keyboard: true });
      marker.bindPopup(popupContent(group));
      return marker;
    });
    cluster.addLayers(markers);
  }

  function clusterIcon(group) {
    var count = group.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var label = panel.dataset.clusterLabel.replace("{count}", count);
    var icon = window.L.divIcon({
      html: '<div><span aria-hidden="true">' + count + '</span><span class="visually-hidden">' + label + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: window.L.point(40, 40),
    });
    return icon;
  }

  function fromApi(result) {
    if (!result.location) return null;
    return {
      name: result.name,
      organization: result.organization,
      url: result.url,
      location: result.location.name,
      lat: result.location.latitude,
      lng: result.location.longitude,
      availability: availabilityOf(result.availability),
    };
  }

  function availabilityOf(value) {
    // Labels and which states stand out come from the server (search.views._map_data).
    var label = value && data.availability.labels[value.status];
    if (!label) return null;
    return {
      label: label,
      limited: data.availability.limited.indexOf(value.status) !== -1,
      note: value.note,
    };
  }

  function clamp(value, min, max) {
    return Math.min(max, Math.max(min, value));
  }

  function boundsParameter() {
    var b = map.getBounds();
    return [
      clamp(b.getWest(), -180, 180),
      clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90),
    ]
      .map(function (v) {
        return v.toFixed(5);
      })
      .join(",");
  }

  function viewParameters(page) {
    // The query's words, filters and times; the view replaces the place and the page.
    var params = new URLSearchParams(new FormData(form));
    ["near", "lat", "lng", "radius_km", "page", "page_size", "sort", "service", "bbox"].forEach(
      function (name) {
        params.delete(name);
      }
    );
    params.set("bbox", boundsParameter());
    params.set("sort", "name");
    params.set("page_size", String(PAGE_SIZE));
    params.set("page", String(page));
    return params;
  }

  function refresh() {
    var number = ++refreshNumber;
    var found = [];
    container.setAttribute("aria-busy", "true");
    function fetchPage(page) {
      var url = panel.dataset.apiUrl + "?" + viewParameters(page).toString();
      return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (body) {
          if (number !== refreshNumber) return null; // the map moved again meanwhile
          body.results.forEach(function (result) {
            var hit = fromApi(result);
            if (hit) found.push(hit);
          });
          var more = page * PAGE_SIZE < body.count && page < MAX_PAGES;
          return more ? fetchPage(page + 1) : body.count;
        });
    }
    fetchPage(1)
      .then(function (count) {
        if (count === null || number !== refreshNumber) return;
        showHits(found);
        container.dataset.refreshed = String(number);
        container.removeAttribute("aria-busy");
        mapStatus.textContent = panel.dataset.inViewLabel.replace("{count}", count);
      })
      .catch(function () {
        if (number !== refreshNumber) return;
        container.removeAttribute("aria-busy");
        mapStatus.textContent = panel.dataset.failedLabel;
      });
  }

  function scheduleRefresh() {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(refresh, REFRESH_DELAY_MS);
  }

  function createMap() {
    var L = window.L;
    map = L.map(container, { scrollWheelZoom: false, keyboard: true });
    L.tileLayer(panel.dataset.tileUrl, {
      maxZoom: Number(panel.dataset.tileMaxZoom) || 18,
      attribution: panel.dataset.attribution,
    }).addTo(map);
    cluster = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      maxClusterRadius: 50,
    });
    cluster.addTo(map);
    showHits(data.hits);
    var bounds = L.latLngBounds(
      data.hits.map(function (hit) {
        return [hit.lat, hit.lng];
      })
    );
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
      map.fitBounds(L.latLngBounds([data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]));
    } else if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      map.setView([36.2, 138.25], 5); // all of Japan
    }
    map.on("moveend", scheduleRefresh);
    scheduleRefresh(); // the first view too: every result in it, not just this page's
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
    setHidden(bbox, boundsParameter());
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
