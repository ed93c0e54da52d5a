"""The ``hreflang`` alternates in a page's head, with the address the reader
used.

plone.app.multilingual's viewlet caches its list until the catalog changes,
keyed by the item's path only, and the list holds absolute addresses: the
host and scheme of the first request that filled it. A page first asked for
at an instance's own address (a monitoring check, an operator's curl) then
tells every reader behind the TLS front that its translations live at
``http://127.0.0.1:8101/Plone/…``. Here the cache holds paths, and the
addresses are made from them for each request, so the virtual host of the
request (Zope's VirtualHostMonster) applies.
"""

from plone.app.multilingual.browser.viewlets import _cache_until_catalog_change
from plone.app.multilingual.browser.viewlets import AlternateLanguagesViewlet
from plone.app.multilingual.interfaces import ITranslationManager
from plone.memoize import ram


class Alternates(AlternateLanguagesViewlet):
    @ram.cache(_cache_until_catalog_change)
    def alternate_paths(self):
        catalog = self.context.portal_catalog
        group = ITranslationManager(self.context).query_canonical()
        return [
            (brain.Language, brain.getPath())
            for brain in catalog(TranslationGroup=group)
        ]

    def get_alternate_languages(self):
        to_url = self.request.physicalPathToURL
        return [
            {"lang": language, "url": to_url(path)}
            for language, path in self.alternate_paths()
        ]
