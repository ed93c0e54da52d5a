/* The portal's maps (places/maps.py), loaded only on pages that have one.
 *
 * Every map is first a drawing of the district (SVG) next to a list; it
 * stays as it is without tiles. When the page names a tile server, Leaflet
 * (shipped in ./leaflet) is loaded once the map comes near the screen; the
 * tile map replaces the drawing only when its first tile has arrived, so a
 * tile server that cannot be reached leaves the drawing.
 *
 * "Use my location" in the finder asks the browser for its position on the
 * reader's click only, picks the nearest place of the district here in the
 * browser and sends only that place's name: the reader's coordinates never
 * leave the device. */
(function () {
  "use strict";

  if (window.integrationsportalPlaces) {
    return;
  }
  window.integrationsportalPlaces = true;

  var loading = null;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) {
        element.setAttribute(name, attributes[name]);
      });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function leaflet(base) {
    if (!loading) {
      loading = Promise.all([
        load("link", { rel: "stylesheet", href: base + "/leaflet.css?v=1.9.4" }),
        load("script", { src: base + "/leaflet.js?v=1.9.4" }),
      ]).then(function () {
        return window.L;
      });
    }
    return loading;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  // "1", "3–5", "1, 4, 7": the numbers of the points at one place
  function numbers(points) {
    var parts = [];
    var i = 0;
    while (i < points.length) {
      var j = i;
      while (
        j + 1 < points.length &&
        Number(points[j + 1].n) === Number(points[j].n) + 1
      ) {
        j += 1;
      }
      parts.push(
        j > i ? points[i].n + "\u2013" + points[j].n : String(points[i].n),
      );
      i = j + 1;
    }
    var text = parts.join(", ");
    return text.length > 9 ? parts[0] + ", \u2026" : text;
  }

  function popup(points) {
    var box = document.createElement("div");
    box.setAttribute("dir", "auto");
    box.className = "ip-map-popup";
    var list = document.createElement(points.length > 1 ? "ul" : "div");
    points.forEach(function (point) {
      var item = document.createElement(points.length > 1 ? "li" : "div");
      if (point.n) {
        var number = document.createElement("span");
        number.className = "ip-map-popup-number";
        number.textContent = point.n;
        item.appendChild(number);
      }
      var title = document.createElement(point.url ? "a" : "strong");
      if (point.url) {
        title.href = point.url;
      }
      title.textContent = point.title;
      item.appendChild(title);
      if (point.distance) {
        var distance = document.createElement("div");
        distance.textContent = point.distance;
        item.appendChild(distance);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // the points in groups at the same place, in the order of the list
  function places(points) {
    var groups = [];
    var byKey = {};
    points.forEach(function (point) {
      var key = point.lat + "," + point.lon;
      if (!byKey[key]) {
        byKey[key] = [];
        groups.push(byKey[key]);
      }
      byKey[key].push(point);
    });
    return groups;
  }

  function draw(L, figure, data) {
    var frame = figure.querySelector(".ip-map-frame");
    var labels = data.labels || {};
    var box = document.createElement("div");
    box.className = "ip-map-live";
    box.setAttribute("dir", "ltr"); // Leaflet's controls are laid out for ltr
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", data.label);
    frame.appendChild(box);

    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false });
    L.control
      .zoom({
        zoomInTitle: labels.zoom_in || "+",
        zoomOutTitle: labels.zoom_out || "-",
      })
      .addTo(map);
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com">Leaflet</a>',
    );
    var attribution = escapeHtml(data.tiles.attribution);
    if (data.tiles.attribution_url) {
      attribution =
        '<a href="' +
        escapeHtml(data.tiles.attribution_url) +
        '">' +
        attribution +
        "</a>";
    }
    var tiles = L.tileLayer(data.tiles.url, {
      attribution: attribution,
      maxZoom: 19,
    });
    tiles.once("tileload", function () {
      figure.classList.add("ip-map-is-live");
      map.invalidateSize();
    });
    tiles.addTo(map);

    var corners = [];
    if (data.origin) {
      var centre = [data.origin.lat, data.origin.lon];
      corners.push(centre);
      if (data.origin.radius_km) {
        var metres = data.origin.radius_km * 1000;
        L.circle(centre, {
          radius: metres,
          color: "#1b5e7a",
          weight: 1.5,
          dashArray: "6 4",
          fillOpacity: 0.04,
          interactive: false,
        }).addTo(map);
        var around = L.latLng(centre).toBounds(2 * metres);
        corners.push(around.getNorthEast(), around.getSouthWest());
      }
      L.marker(centre, {
        icon: L.divIcon({
          className: "ip-map-origin-pin",
          html: "<span></span>",
          iconSize: [14, 14],
          iconAnchor: [7, 7],
        }),
        interactive: false,
        keyboard: false,
      }).addTo(map);
    }
    places(data.points).forEach(function (group) {
      var first = group[0];
      var label = first.n ? numbers(group) : "";
      var width = Math.max(28, 14 + 8 * label.length); // a pill round its text
      var marker = L.marker([first.lat, first.lon], {
        icon: L.divIcon({
          className: "ip-map-pin" + (label ? "" : " ip-map-pin-plain"),
          html: "<span>" + escapeHtml(label) + "</span>",
          iconSize: [width, 28],
          iconAnchor: [width / 2, 14],
          popupAnchor: [0, -14],
        }),
        title: group
          .map(function (point) {
            return (point.n ? point.n + ". " : "") + point.title;
          })
          .join("; "),
        riseOnHover: true,
      });
      marker.bindPopup(popup(group)).addTo(map);
      corners.push([first.lat, first.lon]);
    });
    if (data.zoom) {
      map.setView(corners[0], data.zoom);
    } else {
      map.fitBounds(corners, { padding: [32, 32], maxZoom: 15 });
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(
        ".leaflet-popup-close-button",
      );
      if (close && labels.close) {
        close.setAttribute("aria-label", labels.close);
        close.setAttribute("title", labels.close);
      }
    });
  }

  function start(figure) {
    var data;
    try {
      data = JSON.parse(figure.querySelector(".ip-map-data").textContent);
    } catch (error) {
      return;
    }
    if (!data || !data.tiles || !data.points || !data.points.length) {
      return;
    }
    leaflet(figure.getAttribute("data-leaflet")).then(
      function (L) {
        if (L) {
          draw(L, figure, data);
        }
      },
      function () {}, // no Leaflet: the drawing stays
    );
  }

  function maps() {
    var figures = Array.prototype.slice.call(
      document.querySelectorAll("figure.ip-map[data-leaflet]"),
    );
    if (!figures.length) {
      return;
    }
    if (!("IntersectionObserver" in window)) {
      figures.forEach(start);
      return;
    }
    var watch = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            watch.unobserve(entry.target);
            start(entry.target);
          }
        });
      },
      { rootMargin: "300px" },
    );
    figures.forEach(function (figure) {
      watch.observe(figure);
    });
  }

  // "Use my location": the nearest option of the place list, in the browser
  function kilometres(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var h =
      Math.pow(Math.sin(((lat2 - lat1) * rad) / 2), 2) +
      Math.cos(lat1 * rad) *
        Math.cos(lat2 * rad) *
        Math.pow(Math.sin(((lon2 - lon1) * rad) / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function nearest(select, lat, lon) {
    var best = null;
    var bestKm = Infinity;
    Array.prototype.forEach.call(select.options, function (option) {
      var olat = parseFloat(option.getAttribute("data-lat"));
      var olon = parseFloat(option.getAttribute("data-lon"));
      if (isNaN(olat) || isNaN(olon)) {
        return;
      }
      var km = kilometres(lat, lon, olat, olon);
      if (km < bestKm) {
        best = option;
        bestKm = km;
      }
    });
    return best ? { option: best, km: bestKm } : null;
  }

  function locate(button) {
    var select = document.getElementById(button.getAttribute("data-select"));
    var status = document.getElementById(button.getAttribute("data-status"));
    var farKm = parseFloat(button.getAttribute("data-far-km")) || 60;
    if (!select || !("geolocation" in navigator)) {
      return;
    }
    var box = button.closest(".ip-locate") || button;
    box.hidden = false;
    function say(text) {
      if (status) {
        status.textContent = text || "";
      }
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      say(button.getAttribute("data-working"));
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var found = nearest(
            select,
            position.coords.latitude,
            position.coords.longitude,
          );
          button.disabled = false;
          if (!found || found.km > farKm) {
            say(button.getAttribute("data-far"));
            return;
          }
          select.value = found.option.value;
          say("");
          if (select.form) {
            if (select.form.requestSubmit) {
              select.form.requestSubmit();
            } else {
              select.form.submit();
            }
          }
        },
        function (error) {
          button.disabled = false;
          say(
            button.getAttribute(
              error && error.code === 1 ? "data-denied" : "data-failed",
            ),
          );
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
      );
    });
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("button[data-ip-locate]"),
      locate,
    );
    maps();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
