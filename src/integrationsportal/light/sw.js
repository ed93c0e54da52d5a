/* The Integrationsportal's service worker (served as @@sw.js, see
   light/offline.py): pages a reader visited and the process chains of their
   language stay readable without a connection. */
"use strict";

const CONFIG = __CONFIG__;

importScripts(CONFIG.workbox + "workbox-sw.js");
workbox.setConfig({ debug: false, modulePathPrefix: CONFIG.workbox });

const PAGES = "ip-pages-v" + CONFIG.version;
const STATIC = "ip-static-v" + CONFIG.version;
const OFFLINE = "ip-offline-v" + CONFIG.version;
const KEPT = [PAGES, STATIC, OFFLINE];
const PORTAL_PATH = new URL(CONFIG.portal).pathname.replace(/\/$/, "");
const DAY = 86400;
const WEEK = 7 * DAY;

function offlineUrl(code) {
  return CONFIG.portal + "/" + code + "/@@offline";
}

/* The language of a page: the first part of its path below the portal. */
function languageOf(url) {
  const rest = new URL(url).pathname.slice(PORTAL_PATH.length).split("/");
  const code = rest[1] || "";
  return CONFIG.languages.indexOf(code) >= 0 ? code : CONFIG.fallbackLanguage;
}

/* Only what the server marked as public reading (light/keep.py). */
function keepable(response) {
  return (
    response &&
    response.status === 200 &&
    response.headers.get("X-Offline-Reading") === "keep"
  );
}

const onlyKeepable = {
  cacheWillUpdate: async ({ response }) => (keepable(response) ? response : null),
};

function sameOrigin(url) {
  return url.origin === self.location.origin;
}

/* Versioned resources: their address changes with their content. */
function isVersioned(url) {
  return sameOrigin(url) && url.pathname.indexOf("/++webresource++") >= 0;
}

function isStatic(url) {
  return sameOrigin(url) && /\/\+\+(webresource|plone|theme|resource)\+\+/.test(url.pathname);
}

const pagesExpiration = new workbox.expiration.CacheExpiration(PAGES, {
  maxEntries: CONFIG.maxPages,
  maxAgeSeconds: CONFIG.maxAgeSeconds,
});

/* The age of a stored answer in seconds, by its Date header. */
function age(response) {
  const date = Date.parse(response.headers.get("Date") || "");
  return Number.isNaN(date) ? Infinity : (Date.now() - date) / 1000;
}

workbox.routing.registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    sameOrigin(url) &&
    url.pathname.startsWith(PORTAL_PATH),
  new workbox.strategies.NetworkFirst({
    cacheName: PAGES,
    plugins: [
      onlyKeepable,
      new workbox.expiration.ExpirationPlugin({
        maxEntries: CONFIG.maxPages,
        maxAgeSeconds: CONFIG.maxAgeSeconds,
      }),
    ],
  })
);

const wholeAnswers = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 ? response : null,
};

workbox.routing.registerRoute(
  ({ url }) => isVersioned(url),
  new workbox.strategies.CacheFirst({
    cacheName: STATIC,
    plugins: [wholeAnswers, new workbox.expiration.ExpirationPlugin({ maxEntries: 120 })],
  })
);

/* Unversioned static files: from the phone at once, renewed meanwhile. */
workbox.routing.registerRoute(
  ({ url }) => isStatic(url) && !isVersioned(url),
  new workbox.strategies.StaleWhileRevalidate({
    cacheName: STATIC,
    plugins: [wholeAnswers, new workbox.expiration.ExpirationPlugin({ maxEntries: 120 })],
  })
);

/* A page the phone has not kept: the offline page in its language, else
   the one the phone has. */
workbox.routing.setCatchHandler(async ({ request }) => {
  if (request.mode !== "navigate") {
    return Response.error();
  }
  const offline = await caches.open(OFFLINE);
  const own = await offline.match(offlineUrl(languageOf(request.url)));
  if (own) {
    return own;
  }
  const any = await offline.keys();
  return any.length ? offline.match(any[0]) : Response.error();
});

/* The offline page of a language, renewed once a week. */
async function keepOfflinePage(code) {
  const offline = await caches.open(OFFLINE);
  const kept = await offline.match(offlineUrl(code));
  if (kept && age(kept) < WEEK) {
    return;
  }
  const response = await fetch(offlineUrl(code), { credentials: "omit" });
  if (keepable(response)) {
    await offline.put(offlineUrl(code), response);
  }
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("ip-") && KEPT.indexOf(name) < 0)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

/* Store one address: a page only when the server marks it as public
   reading, a static resource when it arrives whole. Without cookies, so a
   logged-in visitor's pages are fetched as anyone's. */
async function keep(address) {
  const url = new URL(address, CONFIG.portal);
  if (!sameOrigin(url) || !url.pathname.startsWith(PORTAL_PATH)) {
    return;
  }
  url.hash = "";
  const name = isStatic(url) ? STATIC : PAGES;
  const cache = await caches.open(name);
  if (name === STATIC && (await cache.match(url.href))) {
    return;
  }
  const response = await fetch(url.href, { credentials: "omit" });
  if (name === STATIC ? response.status === 200 : keepable(response)) {
    await cache.put(url.href, response);
    if (name === PAGES) {
      await pagesExpiration.updateTimestamp(url.href);
      await pagesExpiration.expireEntries();
    }
  }
}

/* The chains of the reader's language: their list at most once a day,
   each chain again when the kept copy is older than three days. */
async function warm(code) {
  const offline = await caches.open(OFFLINE);
  const listingUrl = CONFIG.portal + "/" + code + "/@@offline-pages.json";
  const lastListing = await offline.match(listingUrl);
  if (lastListing && age(lastListing) < DAY) {
    return;
  }
  const response = await fetch(listingUrl, { credentials: "omit" });
  if (!response.ok) {
    return;
  }
  await offline.put(listingUrl, response.clone());
  const listing = await response.json();
  const pages = await caches.open(PAGES);
  for (const address of listing.pages.slice(0, CONFIG.maxWarmPages)) {
    const kept = await pages.match(address);
    if (!kept || age(kept) > 3 * DAY) {
      await keep(address).catch(() => null);
    }
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep") {
    return;
  }
  const addresses = Array.isArray(data.urls) ? data.urls.slice(0, 40) : [];
  const code = String(data.language || "");
  const known = CONFIG.languages.indexOf(code) >= 0;
  event.waitUntil(
    Promise.all(addresses.map((address) => keep(address).catch(() => null)))
      .then(() => (known ? keepOfflinePage(code) : null))
      .then(() => (known && !data.saveData ? warm(code) : null))
      .catch(() => null)
  );
});
