/* My list (mylist/): the entries a reader saved, kept in this browser's
   localStorage only. It fills in the header's count, turns each "Save"
   link into a button that keeps or drops its entry without leaving the
   page, brings the saved list to @@my-list, and offers the phone's share
   sheet. Without scripts (or storage) the links lead to @@my-list with the
   entry in the address, which works as well. */
(function () {
  "use strict";
  var KEY = "integrationsportal.my-list";
  var MAX = 30;
  var UID = /^[0-9a-f]{32}$/;

  function load() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (uid) { return UID.test(uid); }) : [];
    } catch (error) {
      return null; // no storage (private mode, blocked): the links still work
    }
  }

  function store(uids) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(uids.slice(0, MAX)));
      return true;
    } catch (error) {
      return false;
    }
  }

  function showCount(uids) {
    var counts = document.querySelectorAll("[data-my-list-count]");
    for (var i = 0; i < counts.length; i++) {
      counts[i].textContent = uids.length ? "(" + uids.length + ")" : "";
      counts[i].hidden = !uids.length;
    }
  }

  /* Ask the offline worker (light/) to keep a page for reading offline. */
  function keepOffline(urls) {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) {
      return;
    }
    navigator.serviceWorker.controller.postMessage({
      type: "keep",
      urls: urls,
      language: document.documentElement.lang || "",
      saveData: true,
    });
  }

  function listUrl(base, uids) {
    return base + (uids.length ? "?" + uids.map(function (uid) {
      return "uid=" + uid;
    }).join("&") : "");
  }

  function showSaved(link, saved) {
    link.setAttribute("aria-pressed", saved ? "true" : "false");
    var label = link.querySelector(".ip-save-label");
    if (label) {
      label.textContent = link.getAttribute(saved ? "data-saved-label" : "data-save-label");
    }
  }

  function setUpSaveLinks(uids) {
    var links = document.querySelectorAll("a[data-save-uid]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      link.setAttribute("role", "button");
      showSaved(link, uids.indexOf(link.getAttribute("data-save-uid")) >= 0);
      link.addEventListener("click", function (event) {
        var current = load();
        if (current === null) {
          return; // follow the link: the list in the address
        }
        event.preventDefault();
        var button = event.currentTarget;
        var uid = button.getAttribute("data-save-uid");
        var at = current.indexOf(uid);
        if (at >= 0) {
          current.splice(at, 1);
        } else if (current.length < MAX) {
          current.push(uid);
        }
        if (!store(current)) {
          window.location.href = button.href;
          return;
        }
        showSaved(button, current.indexOf(uid) >= 0);
        showCount(current);
        var list = button.href.split("?")[0];
        var kept = [listUrl(list, current)];
        if (current.indexOf(uid) >= 0 && button.getAttribute("data-save-page")) {
          kept.push(button.getAttribute("data-save-page")); // the saved page itself
        }
        keepOffline(kept);
      });
    }
  }

  function setUpListPage(uids) {
    var page = document.getElementById("my-list");
    if (!page) {
      return;
    }
    var base = page.getAttribute("data-list-url");
    var shown = (page.getAttribute("data-uids") || "").split(" ").filter(Boolean);
    var search = window.location.search;
    var named = /[?&](uid|l)=/.test(search);
    if (!named && uids.length) {
      // the saved list, read by the server in this page's language
      window.location.replace(listUrl(base, uids));
      return;
    }
    var same = shown.length === uids.length && shown.every(function (uid) {
      return uids.indexOf(uid) >= 0;
    });
    if (named && shown.length && !same) {
      var shared = page.querySelector(".my-list-shared");
      var keep = page.querySelector(".my-list-keep");
      if (shared && keep) {
        shared.hidden = false;
        keep.addEventListener("click", function () {
          var merged = uids.slice();
          shown.forEach(function (uid) {
            if (merged.indexOf(uid) < 0) {
              merged.push(uid);
            }
          });
          store(merged);
          window.location.href = listUrl(base, merged.slice(0, MAX));
        });
      }
    } else if (shown.length) {
      keepOffline([window.location.href.split("#")[0]]);
    }
    var removers = page.querySelectorAll("a[data-remove-uid]");
    for (var i = 0; i < removers.length; i++) {
      removers[i].addEventListener("click", function (event) {
        var uid = event.currentTarget.getAttribute("data-remove-uid");
        var current = load();
        if (current && current.indexOf(uid) >= 0) {
          current.splice(current.indexOf(uid), 1);
          store(current);
        }
      });
    }
    var link = document.getElementById("my-list-link");
    var share = page.querySelector(".my-list-share-button");
    if (share && link && navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: document.title, url: link.value }).catch(function () {});
      });
    }
    var copy = page.querySelector(".my-list-copy");
    if (copy && link && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(link.value).then(function () {
          copy.textContent = copy.getAttribute("data-copied");
        });
      });
    }
  }

  var uids = load();
  if (uids === null) {
    return;
  }
  showCount(uids);
  setUpSaveLinks(uids);
  setUpListPage(uids);
})();
