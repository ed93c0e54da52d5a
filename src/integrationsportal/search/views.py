"""Plone's search page (``@@search``) with the words the search met marked
in the results' titles and descriptions, in the results' own languages."""

from Acquisition import aq_base
from dataclasses import replace
from integrationsportal.search.highlight import word_spans
from integrationsportal.search.index import ReaderTextIndex
from integrationsportal.shared.bidi import fragment
from plone import api
from plone.base.utils import munge_search_term
from Products.CMFPlone.browser.search import Search


class SearchPage(Search):
    def matched(self):
        """The tokens the search met (search.index Outcome.matched)."""
        if getattr(self, "_matched", None) is None:
            self._matched = frozenset()
            text = self.request.form.get("SearchableText")
            index = api.portal.get_tool("portal_catalog")._catalog.getIndex(
                "SearchableText"
            )
            reader_index = isinstance(aq_base(index), ReaderTextIndex)
            if isinstance(text, str) and text.strip() and reader_index:
                language = api.portal.get_current_language()
                outcome = index.search(munge_search_term(text), language)
                self._matched = frozenset(outcome.matched)
        return self._matched

    def marked(self, item, text):
        """``text`` of a result, with the words the search met marked."""
        language = getattr(item, "Language", "")
        language = language() if callable(language) else language
        page_language = api.portal.get_current_language()
        shown = fragment(text or "", language, page_language)
        spans = word_spans(shown.text, language or page_language, self.matched())
        return replace(shown, marks=spans) if spans else shown
