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

function isStatic(url) {
  return (
    url.origin === self.location.origin &&
    /\/\+\+(webresource|plone|theme|resource)\+\+/.test(url.pathname)
  );
}

workbox.routing.registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    url.pathname.startsWith(PORTAL_PATH),
  new workbox.strategies.NetworkFirst({
    cacheName: PAGES,
    networkTimeoutSeconds: 8,
    plugins: [
      onlyKeepable,
      new workbox.expiration.ExpirationPlugin({
        maxEntries: CONFIG.maxPages,
        maxAgeSeconds: CONFIG.maxAgeSeconds,
      }),
    ],
  })
);

workbox.routing.registerRoute(
  ({ url }) => isStatic(url),
  new workbox.strategies.CacheFirst({
    cacheName: STATIC,
    plugins: [
      {
        cacheWillUpdate: async ({ response }) =>
          response && response.status === 200 ? response : null,
      },
      new workbox.expiration.ExpirationPlugin({ maxEntries: 120 }),
    ],
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

/* The offline page of a language, once per version of the worker. */
async function keepOfflinePage(code) {
  const offline = await caches.open(OFFLINE);
  if (await offline.match(offlineUrl(code))) {
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
  if (url.origin !== self.location.origin || !url.pathname.startsWith(PORTAL_PATH)) {
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
  }
}

/* The chains of the reader's language, unless the phone saves data. */
async function warm(code) {
  const pages = await caches.open(PAGES);
  const response = await fetch(
    CONFIG.portal + "/" + code + "/@@offline-pages.json",
    { credentials: "omit" }
  );
  if (!response.ok) {
    return;
  }
  const listing = await response.json();
  for (const address of listing.pages.slice(0, CONFIG.maxWarmPages)) {
    if (!(await pages.match(address))) {
      await keep(address);
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
