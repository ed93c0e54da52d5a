"""Rendered public pages in RAM for anonymous readers (plone.app.caching).

``make start`` keeps the pages of anonymous readers in plone.app.caching's
RAM cache (rules in ``site/caching.py``): a page asked for again answers
from memory, not by rendering it anew. A cached page is found by its
address and its ETag, and the ETag changes with everything a page shows:

- ``catalogCounter`` (Plone's): any content created, changed, moved,
  published or deleted;
- ``userLanguage`` (Plone's): the reader's language;
- ``resourceRegistries`` (Plone's): new styles and scripts;
- ``integrationsportal.day`` (here): the date, for "upcoming" and "ended"
  offers and the dates of the week;
- ``integrationsportal.once`` (here): a page that shows a message once
  (Plone's status messages travel in a cookie) or sets a cookie (a language
  choice) is this visit's only: a fresh random value, so it is never served
  to anyone else.

Settings that live in the registry (the district's identity, the
vocabularies, the languages) change no ETag: a change of any registry
record empties the page cache (``forget_pages``). Logged-in users never get
cached pages (plone.app.caching serves the RAM cache to anonymous visitors
only). The cache proxy of ``make cluster`` uses its own rules.
"""

from datetime import date
from plone.app.caching.interfaces import IETagValue
from plone.app.caching.operations.utils import getRAMCache
from plone.app.caching.operations.utils import PAGE_CACHE_KEY
from plone.registry.interfaces import IRecordModifiedEvent
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
import secrets


STATUS_MESSAGE_COOKIE = "statusmessages"
ETAGS = (
    "userid",
    "catalogCounter",
    "userLanguage",
    "skin",
    "resourceRegistries",
    "integrationsportal.day",
    "integrationsportal.once",
)


@implementer(IETagValue)
@adapter(Interface, Interface)
class Day:
    """The ``integrationsportal.day`` ETag component: today's date."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        return date.today().isoformat()


@implementer(IETagValue)
@adapter(Interface, Interface)
class Once:
    """The ``integrationsportal.once`` ETag component: a random value for a
    page of one visit only, else nothing. That is a request with a status
    message to show (it travels in a cookie), and an answer that sets or
    expires a cookie (a language chosen with ``?set_language=``, a status
    message shown): the RAM cache keeps no cookies, so a copy would not set
    them for the next reader."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        if self.request.cookies.get(STATUS_MESSAGE_COOKIE) or (
            self.request.response.cookies
        ):
            return secrets.token_hex(8)
        return ""


@adapter(IRecordModifiedEvent)
def forget_pages(event):
    """A registry record changed: no cached page shows the old value."""
    cache = getRAMCache(PAGE_CACHE_KEY)
    if cache is not None and getattr(cache, "ramcache", None) is not None:
        cache.ramcache.invalidate(PAGE_CACHE_KEY)
