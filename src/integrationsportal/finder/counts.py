"""The finder's facet counts: how many offers each choice would give, with
the other filters as they are. They come from the catalog's indexes (sets
of record ids), so no object is woken up."""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from DateTime import DateTime
from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.facets import FLAGS
from integrationsportal.search.glossary import current_text
from integrationsportal.shared.formatting import vocabulary
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.permissions import AccessInactivePortalContent
from Products.ZCatalog.query import IndexQuery


# record-id sets of index-only queries, valid for one catalog counter value
_RID_CACHE = {}
_RID_CACHE_SIZE = 2000


class FacetCounts:
    """The counts for the query of one ``OfferFinder``."""

    def __init__(self, finder):
        self.finder = finder
        self.catalog = finder.catalog
        self._allowed = None

    def facets(self, context=None):
        """[{name, label, options: [{value, title, count, selected}]}]."""
        finder = self.finder
        query = finder.query
        parts = finder.filter_queries(rids=True)
        base = self._rids(finder.base_query())
        # the security filter and the publication dates are in ``base``;
        # every other set is only ever intersected with it
        part_sets = {name: self._index_rids(part) for name, part in parts.items()}
        result = []
        for facet in FACETS + FLAGS:
            others = base
            for name, rids in part_sets.items():
                if name != facet.name:
                    others = intersection(others, rids)
            options = []
            if facet.vocabulary:
                terms = vocabulary(facet.vocabulary, context)
                chosen = query.selected.get(facet.name, ())
                for term in terms:
                    option_rids = self._index_rids(
                        finder.facet_query(facet.name, (term.value,))
                    )
                    options.append(
                        {
                            "value": term.value,
                            "title": term.title,
                            "count": len(intersection(others, option_rids) or ()),
                            "selected": term.value in chosen,
                        }
                    )
            else:
                option_rids = self._index_rids(finder.facet_query(facet.name, ("1",)))
                options.append(
                    {
                        "value": "1",
                        "title": facet.label,
                        "count": len(intersection(others, option_rids) or ()),
                        "selected": facet.name in query.flags,
                    }
                )
            result.append(
                {"name": facet.name, "label": facet.label, "options": options}
            )
        return result

    def _index_sets(self, query):
        """Per index of ``query``, the record ids it matches."""
        catalog = self.catalog._catalog
        sets = []
        for name, value in query.items():
            index = catalog.getIndex(name)
            record = IndexQuery(
                {name: value}, name, getattr(index, "query_options", ())
            )
            rids = index.query_index(record)
            if rids is None:
                continue
            if not isinstance(rids, IISet):
                rids = IISet(rids.keys() if hasattr(rids, "keys") else rids)
            sets.append(rids)
        return sets

    def _index_rids(self, query):
        """The record ids matching ``query`` by its indexes alone, without the
        security filter: only ever intersected with a set from ``_rids``.
        None means the query does not restrict anything. A part that is a
        set of record ids already (``near`` with ``radius``) is that set.

        Facet options ask the same questions on every request; the answers
        are kept until the catalog changes (its counter moves)."""
        if isinstance(query, IISet):
            return query
        counter = self.catalog.getCounter()
        length = getattr(self.catalog, "_counter", None)
        # a committed state only: the counter's value and its transaction id
        cacheable = length is not None and not length._p_changed
        # the text index reads words with the glossary: its edits count too
        glossary = hash(current_text()) if "SearchableText" in query else None
        key = (
            counter,
            getattr(length, "_p_serial", None),
            glossary,
            repr(sorted(query.items())),
        )
        if cacheable and key in _RID_CACHE:
            return _RID_CACHE[key]
        result = None
        for rids in self._index_sets(query):
            result = rids if result is None else intersection(result, rids)
        if not cacheable:
            return result
        if len(_RID_CACHE) >= _RID_CACHE_SIZE:
            _RID_CACHE.clear()
        if result is not None:
            result = IISet(result)  # a copy of our own, shared read-only
        _RID_CACHE[key] = result
        return result

    def _rids(self, query):
        """The record ids matching ``query`` that the current user may see."""
        processQueue()  # reindexing deferred in this transaction, as searchResults does
        catalog = self.catalog._catalog
        query = dict(query)
        if self._allowed is None:
            self._allowed = self.catalog._listAllowedRolesAndUsers(
                api.user.get_current()
            )
        query["allowedRolesAndUsers"] = self._allowed
        sets = self._index_sets(query)
        if not api.user.has_permission(
            AccessInactivePortalContent, obj=self.finder.context
        ):
            now = DateTime()
            for name, bound in (("effective", "max"), ("expires", "min")):
                index = catalog.getIndex(name)
                record = IndexQuery(
                    {name: {"query": now, "range": bound}}, name, index.query_options
                )
                sets.append(index.query_index(record))
        if not sets:
            return IISet()
        result = sets[0]
        for rids in sets[1:]:
            result = intersection(result, rids)
            if not result:
                return IISet()
        return result
