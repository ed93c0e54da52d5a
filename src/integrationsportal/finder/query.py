"""The offer finder: one query model for the page (@@offer-finder) and the
REST service (@offer-finder). The request's parameters are read in
``parameters``, the filters are declared in ``facets``, the facet counts
come from ``counts``; here a ``FinderQuery`` becomes a catalog query and a
page of results.

Semantics (the tests check results against these, offer by offer):
- only published offers whose status is not "ended", in the language root;
- ``category``, ``target_group``, ``language``, ``municipality`` may repeat:
  an offer matches one of the values (OR), filters combine with AND;
- ``residence_status``: offers open to that status or to everyone;
- ``german_level``: offers needing that level or less;
- ``age``: offers whose age range includes it (a missing bound is open);
- ``free``: free of charge; ``barrier_free``: barrier-free access;
- ``q``: the reader's words, read by the language-aware text index
  (search/): stems, compounds, spelling variants, the glossary, typos; the
  results are then ranked by how well they match, not by title;
- ``near``: a postal code or a municipality (places/); each result gets its
  distance from there and the results are in the order of distance, the
  offers without a place (online only, or nowhere known) last;
- ``radius`` (with ``near``): only offers at most that many km away, and
  the offers that take place online only (they are reachable from anywhere).
"""

from Acquisition import aq_base
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from integrationsportal.finder.counts import FacetCounts
from integrationsportal.finder.facets import FACETS_BY_NAME
from integrationsportal.offers.indexers import AGE_OPEN_MIN
from integrationsportal.offers.indexers import OPEN_TO_ALL
from integrationsportal.places.lookup import by_distance
from integrationsportal.places.lookup import offer_points
from integrationsportal.search.index import ReaderTextIndex
from integrationsportal.translation import reader_query
from integrationsportal.vocabularies import german_level_rank
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
import math
import re


PAGE_SIZE = 20
VISIBLE_STATUSES = ("active", "booked", "paused")


def finder_root(context):
    """The folder the finder searches: a language root, or on the portal root
    the default language's root if there is one."""
    if IPloneSiteRoot.providedBy(context):
        default = api.portal.get_default_language()
        root = context.get(default) if default else None
        if root is not None and ILanguageRootFolder.providedBy(root):
            return root, default
        return context, None
    if ILanguageRootFolder.providedBy(context):
        return context, ILanguage(context).get_language()
    return context, None


class OfferFinder:
    """Runs a FinderQuery in a language root (or any folder) of the portal."""

    def __init__(self, context, query, language=None):
        self.context = context
        self.query = query
        self.catalog = api.portal.get_tool("portal_catalog")
        self.path = "/".join(context.getPhysicalPath())
        self.language = language
        self._outcome = None

    @property
    def text_language(self):
        return self.language or api.portal.get_current_language()

    @property
    def outcome(self):
        """What the text index made of the reader's words (search.index
        Outcome), or None without words."""
        if self._outcome is None and self.query.words:
            index = self.catalog._catalog.getIndex("SearchableText")
            if isinstance(aq_base(index), ReaderTextIndex):
                self._outcome = index.search(self.query.text, self.text_language)
        return self._outcome

    def corrected_text(self):
        """The reader's words with the typos the index met corrected, to
        offer as "did you mean"; None if there were none."""
        outcome = self.outcome
        if outcome is None or not outcome.corrections:
            return None
        text = self.query.text
        for typed, better in outcome.corrections.items():
            pattern = rf"(?<!\w){re.escape(typed)}(?!\w)"
            text = re.sub(pattern, better.replace("\\", r"\\"), text)
        return text if text != self.query.text else None

    @property
    def ranked(self):
        """True if the results are in the order of the text's relevance."""
        outcome = self.outcome
        return outcome is not None and not outcome.empty

    # catalog queries ---------------------------------------------------------

    def base_query(self):
        query = {
            "portal_type": "Offer",
            "review_state": "published",
            "offer_status": list(VISIBLE_STATUSES),
            "path": self.path,
        }
        if self.language:
            # the reader's language, and originals not translated into it
            query.update(reader_query(self.path, self.language))
        return query

    def facet_query(self, name, values):
        """The catalog query part for one facet set to ``values``."""
        facet = FACETS_BY_NAME[name]
        if name == "residence_status":
            return {facet.index: {"query": [values[-1], OPEN_TO_ALL]}}
        if name == "german_level":
            rank = german_level_rank(values[-1]) + 1  # as indexed
            return {facet.index: {"query": rank, "range": "max"}}
        if name == "free":
            return {"cost": "free"}
        if name == "barrier_free":
            return {"barrier_free": True}
        return {facet.index: {"query": list(values)}}

    def filter_queries(self, rids=False):
        """{facet name or 'age', 'near' or 'q': catalog query part} of the
        active filters; with ``rids``, the part of ``near`` is the set of
        record ids itself (for the facet counts and the results by
        distance, which work on record ids)."""
        parts = {}
        for name, values in self.query.selected.items():
            parts[name] = self.facet_query(name, values)
        for name in self.query.flags:
            parts[name] = self.facet_query(name, ("1",))
        if self.query.age is not None:
            age = self.query.age
            parts["age"] = {
                # a range search reads an upper bound of 0 as "no bound"
                "age_min": {"query": age, "range": "max"} if age else AGE_OPEN_MIN,
                "age_max": {"query": age, "range": "min"},
            }
        if self.query.near is not None and self.query.radius:
            parts["near"] = self.near_rids() if rids else self.near_query()
        if self.ranked:
            parts["q"] = {
                "SearchableText": {
                    "query": self.query.text,
                    "language": self.text_language,
                }
            }
        elif self.query.words and self.outcome is None:
            # a catalog whose text index is still Plone's (before upgrade 1011),
            # whose query syntax knows and, or, not
            operators = {"and", "or", "not"}
            words = [w for w in self.query.words if w.lower() not in operators]
            if words:
                parts["q"] = {"SearchableText": " ".join(f"{w}*" for w in words)}
        return parts

    def distances(self):
        """{record id: km from ``near``} of every offer that has a place
        (whether it matches or not; kept by ``places.lookup``, so no brain
        is made)."""
        if self.query.near is None:
            return {}
        return by_distance(self.catalog, self.query.near.point)[0]

    def distance(self, brain):
        """km from ``near`` to the offer, or None (no ``near``, no place)."""
        if self.query.near is None:
            return None
        return self.distances().get(brain.getRID())

    def near_rids(self):
        """The record ids of the offers within ``radius`` of ``near`` and of
        those that take place online only."""
        radius = self.query.radius
        _points, online = offer_points(self.catalog)
        inside = [rid for rid, km in self.distances().items() if km <= radius]
        return union(IISet(inside), online)

    def near_query(self):
        """``radius`` as a catalog query part (for callers that search the
        catalog: feeds, alerts, the counselling sheet)."""
        by_rid = self.catalog._catalog.getIndex("UID")._unindex
        uids = [by_rid[rid] for rid in self.near_rids() if rid in by_rid]
        # an empty list would not restrict anything: a UID no offer has
        return {"UID": sorted(uids) or ["-"]}

    def catalog_query(self):
        query = self.base_query()
        for part in self.filter_queries().values():
            query.update(part)
        return query

    # results -----------------------------------------------------------------

    def results(self):
        """A page of brains, the total, the page number and the page count."""
        if self.query.near is not None:
            return self._results_by_distance()
        query = self.catalog_query()

        # with words, the catalog orders by the text index's score
        order = {} if self.ranked else {"sort_on": "sortable_title"}

        def search(page):
            return self.catalog.searchResults(
                b_start=(page - 1) * PAGE_SIZE,
                b_size=PAGE_SIZE,
                **order,
                **query,
            )

        page = self.query.page
        brains = search(page)
        total = brains.actual_result_count
        pages = max(1, math.ceil(total / PAGE_SIZE))
        if page > pages:
            self.query.problem("page", page, f"there are only {pages} pages")
            page = pages
            brains = search(page)
        return list(brains[:PAGE_SIZE]), total, page, pages

    def _results_by_distance(self):
        """All matches in the order of distance (those without a place
        last, then by title), and one page of them as brains. Works on
        record ids as the facet counts do: only the page's 20 brains are
        made."""
        counts = FacetCounts(self)
        rids = counts._rids(self.base_query())
        for part in self.filter_queries(rids=True).values():
            part_rids = counts._index_rids(part)
            if part_rids is not None:
                rids = intersection(rids, part_rids)
        _distances, order = by_distance(self.catalog, self.query.near.point)
        catalog = self.catalog._catalog
        ordered = [rid for rid in order if rid in rids] if rids else []
        total = len(ordered)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = self.query.page
        if page > pages:
            self.query.problem("page", page, f"there are only {pages} pages")
            page = pages
        start = (page - 1) * PAGE_SIZE
        brains = [catalog[rid] for rid in ordered[start : start + PAGE_SIZE]]
        return brains, total, page, pages

    def facets(self, context=None):
        """[{name, label, options: [{value, title, count, selected}]}]: the
        facet counts for this query (see ``counts``)."""
        return FacetCounts(self).facets(context)
