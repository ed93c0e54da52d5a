"""The offer finder: one query model for the page (@@offer-finder) and the
REST service (@offer-finder).

A request's parameters become a ``FinderQuery``: known filters with checked
values, and a list of problems for everything that could not be used (unknown
values, junk numbers). The page shows the problems and ignores those values;
the REST service answers 400 with them.

Semantics (the tests check results against these, offer by offer):
- only published offers whose status is not "ended", in the language root;
- ``category``, ``target_group``, ``language``, ``municipality`` may repeat:
  an offer matches one of the values (OR), filters combine with AND;
- ``residence_status``: offers open to that status or to everyone;
- ``german_level``: offers needing that level or less;
- ``age``: offers whose age range includes it (a missing bound is open);
- ``free``: free of charge; ``barrier_free``: barrier-free access;
- ``q``: words in the offer's text (prefix match).

Facet counts say how many offers a choice would give, with the other filters
as they are; they come from the catalog's indexes (sets of record ids), so no
object is woken up.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from integrationsportal import _
from integrationsportal.offers.indexers import AGE_OPEN_MIN
from integrationsportal.offers.indexers import OPEN_TO_ALL
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.request import last_value
from integrationsportal.vocabularies import german_level_rank
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.permissions import AccessInactivePortalContent
from Products.ZCatalog.query import IndexQuery
import math
import re


PAGE_SIZE = 20
# record-id sets of index-only queries, valid for one catalog counter value
_RID_CACHE = {}
_RID_CACHE_SIZE = 2000
MAX_AGE = 120
MAX_WORDS = 10
VISIBLE_STATUSES = ("active", "booked", "paused")
TEXT_OPERATORS = {"and", "or", "not"}


@dataclass(frozen=True)
class Facet:
    name: str  # request parameter
    index: str  # catalog index
    vocabulary: str | None
    multiple: bool = False
    label: str = ""


FACETS = (
    Facet(
        "category",
        "categories",
        "integrationsportal.OfferCategories",
        True,
        _("What are you looking for?"),
    ),
    Facet(
        "target_group",
        "target_groups",
        "integrationsportal.TargetGroups",
        True,
        _("For whom"),
    ),
    Facet(
        "residence_status",
        "residence_status",
        "integrationsportal.ResidenceStatus",
        False,
        _("Residence status"),
    ),
    Facet(
        "german_level",
        "german_level_rank",
        "integrationsportal.GermanLevels",
        False,
        _("My German"),
    ),
    Facet(
        "language",
        "languages",
        "integrationsportal.Languages",
        True,
        _("Language of the offer"),
    ),
    Facet(
        "municipality",
        "municipality",
        "integrationsportal.Municipalities",
        True,
        _("Place"),
    ),
)
FLAGS = (
    Facet("free", "cost", None, False, _("Free of charge")),
    Facet("barrier_free", "barrier_free", None, False, _("Barrier-free access")),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS + FLAGS}
PARAMETERS = tuple(FACETS_BY_NAME) + ("age", "q", "page")
# Parameters that Plone itself or REST clients add; the finder ignores them.
IGNORED_PARAMETERS = {"set_language", "expand", "ajax_load", "ajax_include_head"}
TRUE_VALUES = {"1", "true", "on", "yes"}


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


@dataclass
class FinderQuery:
    selected: dict = field(default_factory=dict)  # facet name -> tuple of tokens
    flags: set = field(default_factory=set)
    age: int | None = None
    text: str = ""
    words: tuple = ()
    page: int = 1
    problems: list = field(default_factory=list)

    @classmethod
    def from_form(cls, form, context=None):
        """Read request parameters (a dict whose values are str or lists)."""
        query = cls()
        for facet in FACETS:
            values = _values(form.get(facet.name))
            if not values:
                continue
            terms = vocabulary(facet.vocabulary, context)
            good = []
            for value in values:
                if value in terms:
                    if value not in good:
                        good.append(value)
                else:
                    query.problem(facet.name, value, "is not a known value")
            if good and not facet.multiple:
                if len(good) > 1:
                    query.problem(facet.name, ", ".join(good), "takes one value only")
                good = good[-1:]
            if good:
                query.selected[facet.name] = tuple(good)
        for flag in FLAGS:
            values = _values(form.get(flag.name))
            if not values:
                continue
            if values[-1].lower() in TRUE_VALUES:
                query.flags.add(flag.name)
            elif values[-1].lower() not in {"0", "false", "off", "no", ""}:
                query.problem(flag.name, values[-1], "must be 1 or 0")
        age = last_value(form.get("age"))
        if age not in (None, ""):
            number = _integer(age)
            if number is None or not 0 <= number <= MAX_AGE:
                query.problem("age", age, f"must be a whole number from 0 to {MAX_AGE}")
            else:
                query.age = number
        text = last_value(form.get("q")) or ""
        query.text = text.strip()[:200]
        query.words = text_words(query.text)
        page = last_value(form.get("page"))
        if page not in (None, ""):
            number = _integer(page)
            if number is None or number < 1:
                query.problem("page", page, "must be a whole number from 1")
            else:
                query.page = number
        for name in form:
            if name in IGNORED_PARAMETERS or name.startswith(("-", "_")):
                continue
            if name not in PARAMETERS:
                query.problem(name, last_value(form.get(name)), "is not a parameter")
        return query

    def problem(self, name, value, message):
        self.problems.append(
            {"parameter": name, "value": str(value)[:100], "message": message}
        )

    def params(self, **changes):
        """This query as URL parameters (a list of pairs), with changes."""
        selected = dict(self.selected)
        flags = set(self.flags)
        age, text, page = self.age, self.text, None
        for name, value in changes.items():
            if name in FACETS_BY_NAME and FACETS_BY_NAME[name] in FLAGS:
                flags.discard(name)
                if value:
                    flags.add(name)
            elif name in FACETS_BY_NAME:
                selected.pop(name, None)
                if value:
                    selected[name] = tuple(value)
            elif name == "age":
                age = value
            elif name == "q":
                text = value
            elif name == "page":
                page = value
        pairs = []
        for facet in FACETS:
            for token in selected.get(facet.name, ()):
                pairs.append((facet.name, token))
        for flag in FLAGS:
            if flag.name in flags:
                pairs.append((flag.name, "1"))
        if age is not None:
            pairs.append(("age", str(age)))
        if text:
            pairs.append(("q", text))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    @property
    def is_empty(self):
        return not (self.selected or self.flags or self.age is not None or self.words)


def _values(raw):
    if raw is None:
        return []
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    result = []
    for value in values:
        if isinstance(value, str):
            result.extend(part.strip() for part in value.split(",") if part.strip())
    return result[:50]


def _integer(value):
    if not isinstance(value, str) or not re.fullmatch(r"\s*\d{1,9}\s*", value):
        return None
    return int(value)


def text_words(text):
    """Words for the full-text index: letters and digits only, no operators."""
    words = []
    for word in re.findall(r"\w+", text or ""):
        if word.lower() in TEXT_OPERATORS or word in words:
            continue
        words.append(word[:50])
    return tuple(words[:MAX_WORDS])


class OfferFinder:
    """Runs a FinderQuery in a language root (or any folder) of the portal."""

    def __init__(self, context, query, language=None):
        self.context = context
        self.query = query
        self.catalog = api.portal.get_tool("portal_catalog")
        self.path = "/".join(context.getPhysicalPath())
        self.language = language

    # catalog queries ---------------------------------------------------------

    def base_query(self):
        query = {
            "portal_type": "Offer",
            "review_state": "published",
            "offer_status": list(VISIBLE_STATUSES),
            "path": self.path,
        }
        if self.language:
            fallback = self._fallback_path()
            if fallback:
                # the reader's language, and originals not translated into it
                query["finder_languages"] = self.language
                query["path"] = [self.path, fallback]
            else:
                query["Language"] = self.language
        return query

    def _fallback_path(self):
        """The default language's root when the finder runs in another one."""
        default = api.portal.get_default_language()
        if not default or default == self.language:
            return None
        root = api.portal.get().get(default)
        if root is None or not ILanguageRootFolder.providedBy(root):
            return None
        return "/".join(root.getPhysicalPath())

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

    def filter_queries(self):
        """{facet name or 'age' or 'q': catalog query part} of the active filters."""
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
        if self.query.words:
            parts["q"] = {"SearchableText": " ".join(f"{w}*" for w in self.query.words)}
        return parts

    def catalog_query(self):
        query = self.base_query()
        for part in self.filter_queries().values():
            query.update(part)
        return query

    # results -----------------------------------------------------------------

    def results(self):
        """A page of brains, the total, the page number and the page count."""
        query = self.catalog_query()

        def search(page):
            return self.catalog.searchResults(
                sort_on="sortable_title",
                b_start=(page - 1) * PAGE_SIZE,
                b_size=PAGE_SIZE,
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

    # facet counts ------------------------------------------------------------

    def facets(self, context=None):
        """[{name, label, options: [{value, title, count, selected}]}]."""
        parts = self.filter_queries()
        base = self._rids(self.base_query())
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
                chosen = self.query.selected.get(facet.name, ())
                for term in terms:
                    option_rids = self._index_rids(
                        self.facet_query(facet.name, (term.value,))
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
                option_rids = self._index_rids(self.facet_query(facet.name, ("1",)))
                options.append(
                    {
                        "value": "1",
                        "title": facet.label,
                        "count": len(intersection(others, option_rids) or ()),
                        "selected": facet.name in self.query.flags,
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
        None means the query does not restrict anything.

        Facet options ask the same questions on every request; the answers
        are kept until the catalog changes (its counter moves)."""
        counter = self.catalog.getCounter()
        length = getattr(self.catalog, "_counter", None)
        # a committed state only: the counter's value and its transaction id
        cacheable = length is not None and not length._p_changed
        key = (counter, getattr(length, "_p_serial", None), repr(sorted(query.items())))
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
        if getattr(self, "_allowed", None) is None:
            self._allowed = self.catalog._listAllowedRolesAndUsers(
                api.user.get_current()
            )
        query["allowedRolesAndUsers"] = self._allowed
        sets = self._index_sets(query)
        if not api.user.has_permission(AccessInactivePortalContent, obj=self.context):
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
