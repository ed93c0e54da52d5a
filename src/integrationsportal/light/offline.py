"""The service worker, the offline page and the list of pages a reader's
phone keeps for offline reading.

``@@sw.js`` is served from the portal root, so its scope is the whole
portal. It uses Workbox (``static/workbox``, loaded from the portal, never
from a CDN):

- pages (navigations): from the network first; an answer marked
  ``X-Offline-Reading: keep`` (``keep.py``) is stored, up to ``MAX_PAGES``
  for ``MAX_DAYS``; without a connection the stored copy is shown, and a page
  never stored gets ``@@offline`` in the reader's language (the first part
  of its path), itself renewed weekly;
- Plone's versioned resources (``++webresource++``): from the phone's cache
  first, as their address changes with their content; other static files
  from the phone's cache and renewed in the background;
- on a message from ``static/offline.js`` (after each page load of an
  anonymous reader) it stores that page and its styles, which arrived
  before the worker was in charge, and the chains of the reader's language
  (``@@offline-pages.json``, asked for at most daily; a chain kept is
  renewed after three days), so the way into training and work stays
  readable without a connection. A phone that saves data, or on a 2G
  connection, keeps only what its reader opens.

Content images are not stored: an image of a staff-only item has no marker
the worker could check.
"""

from DateTime import DateTime
from integrationsportal.shared.languages import root_languages
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from pathlib import Path
from plone import api
from Products.Five.browser import BrowserView
import json


STATIC = "++plone++integrationsportal.light"
# bump when the worker's caches change shape: old caches are deleted
CACHE_VERSION = "1"
MAX_PAGES = 200
MAX_DAYS = 30
# the chains a phone keeps for its reader's language (steps are kept when read)
MAX_WARM_PAGES = 80
OFFLINE_TYPES = ("ProcessChain",)
SCRIPT = Path(__file__).parent / "sw.js"


class ServiceWorker(BrowserView):
    """``@@sw.js`` on the portal root."""

    def __call__(self):
        portal = api.portal.get()
        portal_url = portal.absolute_url()
        config = {
            "portal": portal_url,
            "workbox": f"{portal_url}/{STATIC}/workbox/",
            "languages": root_languages(portal),
            "fallbackLanguage": SOURCE_LANGUAGE,
            "version": CACHE_VERSION,
            "maxPages": MAX_PAGES,
            "maxAgeSeconds": MAX_DAYS * 86400,
            "maxWarmPages": MAX_WARM_PAGES,
        }
        response = self.request.response
        response.setHeader("Content-Type", "text/javascript; charset=utf-8")
        # browsers look for a new worker at least daily; no-cache lets them
        # see a new release at once
        response.setHeader("Cache-Control", "no-cache")
        script = SCRIPT.read_text(encoding="utf-8")
        return script.replace("__CONFIG__", json.dumps(config))


class OfflinePages(BrowserView):
    """``@@offline-pages.json`` on a language root: the addresses of the
    process chains in this language that anonymous readers
    may see, for the phone to keep."""

    def __call__(self):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type=OFFLINE_TYPES,
            path="/".join(self.context.getPhysicalPath()),
            allowedRolesAndUsers="Anonymous",
            effectiveRange=DateTime(),
            sort_on="path",
        )
        urls = [brain.getURL() for brain in brains[:MAX_WARM_PAGES]]
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setHeader("Cache-Control", "public, max-age=600")
        return json.dumps({"language": self.context.getId(), "pages": urls})
