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

The list is the same for everyone (it is cached once, and Varnish keeps the
pages): only translations an anonymous visitor may see.

The viewlet takes the place of plone.app.multilingual's own registration
(``overrides.zcml``: a registration for this add-on's layer alone loses to
it, since a site lists plone.app.multilingual's layer first), and is also
registered for this add-on's layer (translation/configure.zcml). Plone's viewlet
asked the catalog as whoever came first, so an editor's visit could put the
address of a private translation into the pages every reader gets.
"""

from DateTime import DateTime
from plone.app.multilingual.browser.viewlets import _cache_until_catalog_change
from plone.app.multilingual.browser.viewlets import AlternateLanguagesViewlet
from plone.app.multilingual.interfaces import ITranslationManager
from plone.memoize import ram


class Alternates(AlternateLanguagesViewlet):
    @ram.cache(_cache_until_catalog_change)
    def alternate_paths(self):
        catalog = self.context.portal_catalog
        group = ITranslationManager(self.context).query_canonical()
        brains = catalog.unrestrictedSearchResults(
            TranslationGroup=group,
            allowedRolesAndUsers="Anonymous",
            effectiveRange=DateTime(),
        )
        return [(brain.Language, brain.getPath()) for brain in brains]

    def get_alternate_languages(self):
        to_url = self.request.physicalPathToURL
        return [
            {"lang": language, "url": to_url(path)}
            for language, path in self.alternate_paths()
        ]
