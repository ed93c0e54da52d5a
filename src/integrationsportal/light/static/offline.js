/* Offline reading for anonymous readers (loaded for them only, deferred):
   registers the portal's service worker (@@sw.js), asks it to keep this
   page and the process chains of its language, and on the offline page
   lists the pages this phone has kept. Nothing here is needed to read a
   page; without service workers it does nothing. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) {
    return;
  }
  var portal = document.body.getAttribute("data-portal-url");
  if (!portal) {
    return;
  }
  var language = document.documentElement.lang || "";
  // a page loaded through the worker is kept by it already; the first page
  // (and its styles) arrived before the worker was in charge
  var controlled = Boolean(navigator.serviceWorker.controller);

  function pageAddresses() {
    var addresses = [location.href.split("#")[0]];
    var links = document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"]');
    for (var i = 0; i < links.length; i++) {
      addresses.push(links[i].href);
    }
    return addresses;
  }

  function keepThisPage(registration) {
    var worker = registration.active;
    if (!worker) {
      return;
    }
    // the chains are kept only where data is not scarce
    var connection = navigator.connection || {};
    var saveData =
      connection.saveData || /(^|-)2g$/.test(connection.effectiveType || "");
    worker.postMessage({
      type: "keep",
      urls: controlled ? [] : pageAddresses(),
      language: language,
      saveData: Boolean(saveData),
    });
  }

  function listKeptPages() {
    var list = document.getElementById("offline-kept-pages");
    if (!list) {
      return;
    }
    var prefix = portal + "/" + language + "/";
    caches.keys().then(function (names) {
      var pages = names.filter(function (name) {
        return name.indexOf("ip-pages-") === 0;
      })[0];
      if (!pages) {
        return;
      }
      return caches.open(pages).then(function (cache) {
        return cache.keys().then(function (requests) {
          var found = requests.filter(function (request) {
            return request.url.indexOf(prefix) === 0 && request.url.indexOf("@@offline") < 0;
          });
          return Promise.all(
            found.map(function (request) {
              return cache.match(request).then(function (response) {
                return response.text().then(function (html) {
                  var doc = new DOMParser().parseFromString(html, "text/html");
                  var heading = doc.querySelector("h1");
                  return {
                    url: request.url,
                    title: (heading ? heading.textContent : doc.title).trim(),
                  };
                });
              });
            })
          );
        });
      });
    }).then(function (pages) {
      if (!pages || !pages.length) {
        return;
      }
      pages.sort(function (a, b) {
        return a.title.localeCompare(b.title, language);
      });
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title || page.url;
        item.appendChild(link);
        list.appendChild(item);
      });
      var none = document.getElementById("offline-none-kept");
      if (none) {
        none.hidden = true;
      }
      list.hidden = false;
    }).catch(function () {
      /* the list stays empty: the page still explains what to do */
    });
  }

  window.addEventListener("load", function () {
    listKeptPages();
    navigator.serviceWorker
      .register(portal + "/@@sw.js", { scope: portal + "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        // after the page has settled: the reader's page comes first
        setTimeout(function () {
          keepThisPage(registration);
        }, 2000);
      })
      .catch(function () {
        /* no offline reading in this browser: the pages work as before */
      });
  });
})();
