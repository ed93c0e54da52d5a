""" "Who helps me?": the organisations a reader of a language root can turn
to, grouped by their kind, with their phone and address. Those not
translated into the reader's language yet are listed in the original's
language, marked so, as the finder and the chains list do."""

from integrationsportal.shared.bidi import marked
from integrationsportal.shared.formatting import other_language
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.translation import language_of
from integrationsportal.translation import reader_query
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class WhoHelps(BrowserView):
    card_macros = ViewPageTemplateFile("../shared/cards.pt")

    def language(self):
        """The readers' language: that of the language root, if any."""
        root = api.portal.get_navigation_root(self.context)
        return language_of(root) if ILanguageRootFolder.providedBy(root) else ""

    def query(self):
        root = api.portal.get_navigation_root(self.context)
        path = "/".join(root.getPhysicalPath())
        language = self.language()
        return reader_query(path, language) if language else {"path": path}

    def groups(self):
        """[{'title': kind, 'organisations': [card]}] in the vocabulary's
        order; organisations of an unknown kind come last."""
        kinds = vocabulary_titles("integrationsportal.OrganisationKinds", self.context)
        language = self.language()
        by_kind = {}
        for brain in api.content.find(
            portal_type="Organisation", sort_on="sortable_title", **self.query()
        ):
            by_kind.setdefault(brain.organisation_kind or "", []).append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "description": brain.Description,
                    "phone": brain.phone or "",
                    "city": brain.city or "",
                    "other": other_language(brain.Language, language),
                }
            )
        order = [*kinds, *(k for k in by_kind if k not in kinds)]
        return [
            {
                "kind": kind,
                "title": marked(kinds.get(kind, ""), language),
                "organisations": by_kind[kind],
            }
            for kind in order
            if kind in by_kind
        ]
