"""Rendered public pages in RAM for anonymous readers (plone.app.caching).

``make start`` keeps the pages of anonymous readers in plone.app.caching's
RAM cache (rules in ``site/caching.py``): a page asked for again answers
from memory, not by rendering it anew. A cached page is found by its
address and its ETag, and the ETag changes with everything a page shows:

- ``catalogCounter`` (Plone's): any content created, changed, moved,
  published or deleted;
- ``userLanguage`` (Plone's): the reader's language;
- ``resourceRegistries`` (Plone's): new styles and scripts;
- ``integrationsportal.hour`` (here): the date and hour, for "upcoming"
  and "ended" offers and items whose publishing date comes;
- ``integrationsportal.gzip`` (here): whether the reader's browser takes
  gzip; plone.app.caching serves a kept page compressed only if it was
  compressed when kept;

Two kinds of answer are never shared. A request that brings a status message
to show (Plone's status messages travel in a cookie) is neither served from
nor kept in RAM: Plone's own cache-stop request variables
(``statusmessages``, ``SearchableText``). An answer that sets a cookie (a
language choice) is not kept (``KeepNoCookies``): the cache keeps no
cookies.

Settings that live in the registry (the district's identity, the
vocabularies, the languages) change no ETag: a change of any registry
record empties this instance's page cache once it is committed
(``forget_pages``). Logged-in users never get cached pages (plone.app.caching
serves the RAM cache to anonymous visitors only). The instances of ``make
cluster`` follow the cache proxy's rules instead.
"""

from datetime import datetime
from integrationsportal.interfaces import IIntegrationsportalLayer
from plone.app.caching.interfaces import IETagValue
from plone.app.caching.interfaces import IRAMCached
from plone.app.caching.operations.utils import getRAMCache
from plone.app.caching.operations.utils import PAGE_CACHE_KEY
from plone.registry.interfaces import IRecordModifiedEvent
from plone.transformchain.interfaces import ITransform
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import noLongerProvides
import transaction


ETAGS = (
    "userid",
    "catalogCounter",
    "userLanguage",
    "skin",
    "resourceRegistries",
    "integrationsportal.hour",
    "integrationsportal.gzip",
)


@implementer(IETagValue)
@adapter(Interface, Interface)
class Hour:
    """The ``integrationsportal.hour`` ETag component: today's date and the
    hour, so that pages follow the calendar (an offer that ended, an item
    whose publishing date came) within the hour."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        return datetime.now().strftime("%Y-%m-%dT%H")


@implementer(IETagValue)
@adapter(Interface, Interface)
class Gzip:
    """The ``integrationsportal.gzip`` ETag component: "gzip" for a browser
    that takes gzip (``light/compression.py``), else nothing."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        return "gzip" if "gzip" in self.request.get("HTTP_ACCEPT_ENCODING", "") else ""


@implementer(ITransform)
@adapter(Interface, IIntegrationsportalLayer)
class KeepNoCookies:
    """An answer that sets or expires a cookie (a language chosen with
    ``?set_language=``, a status message shown while rendering) is not kept
    in RAM: the cache keeps no cookies, so a copy would not set them for the
    next reader. Runs before plone.app.caching stores the page (90000)."""

    order = 89000

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def _check(self):
        if self.request.response.cookies and IRAMCached.providedBy(self.request):
            noLongerProvides(self.request, IRAMCached)

    def transformBytes(self, result, encoding):
        self._check()

    def transformUnicode(self, result, encoding):
        self._check()

    def transformIterable(self, result, encoding):
        self._check()


def empty_page_cache(succeeded=True):
    if not succeeded:
        return
    cache = getRAMCache(PAGE_CACHE_KEY)
    if cache is not None and getattr(cache, "ramcache", None) is not None:
        cache.ramcache.invalidate(PAGE_CACHE_KEY)


@adapter(IRecordModifiedEvent)
def forget_pages(event):
    """A registry record changed: once the change is committed, no page
    kept in RAM shows the old value (a request rendering meanwhile sees the
    old value and would keep it under the same ETag, so the emptying waits
    for the commit)."""
    transaction.get().addAfterCommitHook(empty_page_cache)
