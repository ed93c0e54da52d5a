"""``ReaderTextIndex``: the catalog's ``SearchableText`` index, language-aware.

It replaces Plone's ZCTextIndex under the same name, so the finder, the REST
finder, Plone's search page, ``@search`` and collections all use it. A
document is read in its own language (``analysis.py``), a query in the
reader's (``query.py``), with the glossary's expansions.

What is kept, per token: the documents and a weight, by where the word
stands (title 3, description 2, body 1) and whether it is a whole word (x2)
or a part of a German compound (x1). Per offer: its status and the day it
was last verified, for ranking.

A query word meets a document through its own tokens (x10), a longer word it
begins (x6, from four letters), a compound part (x5) or, if the word is not
in the index at all and has five letters or more, a word of the index at one
typo (two from nine letters) (x8); a glossary word through its tokens (x6)
or its compound parts (x2). Scores add up; active offers rank before
booked or paused ones (90 %) and ended ones (50 %), offers checked within
the freshness period before stale ones (80 %). The catalog sorts by score
when no ``sort_on`` is given.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.Permissions import manage_zcatalog_indexes
from AccessControl.SecurityInfo import ClassSecurityInfo
from Acquisition import Implicit
from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import weightedIntersection
from BTrees.IIBTree import weightedUnion
from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from integrationsportal.interfaces import ISiteSettings
from integrationsportal.search.analysis import analyze_word
from integrationsportal.search.analysis import LANGUAGES
from integrationsportal.search.analysis import word_language
from integrationsportal.search.analysis import words
from integrationsportal.search.distance import typo_distance
from integrationsportal.search.glossary import current_groups
from integrationsportal.search.glossary import current_text
from integrationsportal.search.query import MAX_QUERY
from integrationsportal.search.query import read_query
from integrationsportal.shared.formatting import months_before
from OFS.SimpleItem import SimpleItem
from Persistence import Persistent
from plone import api
from plone.registry.interfaces import IRegistry
from Products.CMFCore.indexing import processQueue
from Products.PluginIndexes.interfaces import IPluggableIndex
from Products.PluginIndexes.interfaces import IQueryIndex
from Products.ZCatalog.query import IndexQuery
from zope.component import queryUtility
from zope.interface import implementer


FIELDS = ("Title", "Description", "SearchableText")
FIELD_WEIGHTS = (3, 2, 1)
# how well a token meets a typed word; glossary words count less than the
# reader's own, so that what was typed comes first
EXACT, PREFIX, PART, TYPO = 10, 6, 5, 8
SYNONYM, SYNONYM_PART = 6, 2
PREFIX_MIN = 3
MAX_EXPANSIONS = 30
MAX_TYPO_WORDS = 3  # words of one query looked up with a typo
STATUS_BOOST = {"active": 100, "booked": 90, "paused": 90, "ended": 50}
STALE_BOOST = 80
CACHE_SIZE = 200


@dataclass
class Outcome:
    """What a query met: its documents and scores, and what the views show."""

    scores: object
    matched: set = field(default_factory=set)  # tokens met, for highlighting
    corrections: dict = field(default_factory=dict)  # typed word -> index word
    fallback: bool = False  # no document meets every word; some are shown
    empty: bool = False  # nothing to search for (stop words, punctuation)
    stopwords: list = field(default_factory=list)
    truncated: bool = False
    typo_budget: int = MAX_TYPO_WORDS


def _text(obj, name):
    value = getattr(obj, name, None)
    if callable(value):
        value = value()
    if isinstance(value, (list, tuple, set)):
        value = " ".join(v for v in value if isinstance(v, str))
    return value if isinstance(value, str) else ""


@implementer(IPluggableIndex, IQueryIndex)
class ReaderTextIndex(Persistent, Implicit, SimpleItem):
    """Language-aware full-text index (see the module's docstring)."""

    meta_type = "ReaderTextIndex"
    zmi_icon = "fas fa-language"
    query_options = ("query", "language")
    operators = ("and",)
    useOperator = "and"
    manage_options = ()

    security = ClassSecurityInfo()
    security.declareObjectProtected(manage_zcatalog_indexes)

    def __init__(self, id, extra=None, caller=None):
        self.id = id
        self.indexed_attrs = list(FIELDS)
        self.clear()

    def clear(self):
        self._postings = OOBTree()  # token -> IIBTree(docid -> weight)
        self._docs = IOBTree()  # docid -> {token: weight}
        self._status = IIBTree()  # docid -> percent, offers only
        self._verified = IIBTree()  # docid -> day ordinal (0: never), offers
        self._surface = OOBTree()  # token -> a word as written, of public pages
        self._length = Length()
        self._changes = Length()
        self._v_cache = {}

    # indexing ----------------------------------------------------------------

    def _weights(self, obj):
        # a page without a language of its own is in the site's
        language = _text(obj, "Language") or _default_language()
        weights = {}
        surfaces = {}
        texts = [_text(obj, name) for name in self.indexed_attrs] + ["", ""]
        # the first attribute is the title, the second the description
        fields = zip(
            (texts[0], texts[1], " ".join(texts[2:])), FIELD_WEIGHTS, strict=True
        )
        for text, field_weight in fields:
            for _start, _end, word in words(text):
                token, parts = analyze_word(word, word_language(word, language))
                if token is None:
                    continue
                if len(word) < len(surfaces.get(token, word + " ")):
                    surfaces[token] = word  # the shortest form: the base form
                if weights.get(token, 0) < field_weight * 2:
                    weights[token] = field_weight * 2
                for part in parts:
                    if weights.get(part, 0) < field_weight:
                        weights[part] = field_weight
        return weights, surfaces

    def index_object(self, documentId, obj, threshold=None):
        weights, surfaces = self._weights(obj)
        # words are offered as "did you mean" only from what anyone may read
        if "Anonymous" in (getattr(obj, "allowedRolesAndUsers", None) or ()):
            self._keep_surfaces(surfaces)
        changed = self._index_ranking(documentId, obj)
        old = self._docs.get(documentId)
        if old is not None and dict(old) == weights:
            if changed:
                self._changes.change(1)
            return changed
        if old is None:
            self._length.change(1)
        else:
            for token in old:
                if token not in weights:
                    self._remove_posting(token, documentId)
        for token, weight in weights.items():
            postings = self._postings.get(token)
            if postings is None:
                postings = self._postings[token] = IIBTree()
            if postings.get(documentId) != weight:
                postings[documentId] = weight
        self._docs[documentId] = weights
        self._changes.change(1)
        return 1

    def _keep_surfaces(self, surfaces):
        """Keep the shortest written form of each token (its base form)."""
        for token, surface in surfaces.items():
            if len(surface) < len(self._surface.get(token, surface + " ")):
                self._surface[token] = surface

    def _index_ranking(self, documentId, obj):
        """Status and verification day of an offer; True if they changed."""
        if getattr(obj, "portal_type", None) != "Offer":
            return False
        status = STATUS_BOOST.get(_text(obj, "offer_status"), 100)
        verified = getattr(obj, "last_verified", None)
        day = verified.toordinal() if isinstance(verified, date) else 0
        changed = (
            self._status.get(documentId) != status
            or self._verified.get(documentId) != day
        )
        self._status[documentId] = status
        self._verified[documentId] = day
        return changed

    def _remove_posting(self, token, documentId):
        postings = self._postings.get(token)
        if postings is None:
            return
        if documentId in postings:
            del postings[documentId]
        if not postings:
            del self._postings[token]
            if token in self._surface:
                del self._surface[token]

    def unindex_object(self, documentId):
        old = self._docs.get(documentId)
        if old is None:
            return
        for token in old:
            self._remove_posting(token, documentId)
        del self._docs[documentId]
        for tree in (self._status, self._verified):
            if documentId in tree:
                del tree[documentId]
        self._length.change(-1)
        self._changes.change(1)

    # querying ----------------------------------------------------------------

    def _apply_index(self, request, resultset=None):
        record = IndexQuery(
            request, self.id, self.query_options, self.operators, self.useOperator
        )
        if record.keys is None:
            return None
        return self.query_index(record, resultset), (self.id,)

    def query_index(self, record, resultset=None):
        text = " ".join(k for k in record.keys if isinstance(k, str))
        return self.search(text, getattr(record, "language", None)).scores

    def search(self, text, language=None):
        """The Outcome of ``text`` typed by a reader of ``language`` (one of
        the portal's languages; any other value means the request's)."""
        processQueue()  # changes of this request first, as a catalog search does
        if language not in LANGUAGES:
            language = _reader_language()
        if language not in LANGUAGES:
            language = "de"
        text = (text or "")[:MAX_QUERY]
        groups = current_groups()
        changes = self._changes
        if changes._p_changed:  # changes not committed yet: never kept
            return self._search(text, language, groups)
        # a committed state of the index: its counter and that transaction
        state = (changes(), changes._p_serial)
        key = (text, language, state, hash(current_text()), date.today())
        cache = getattr(self, "_v_cache", None)
        if cache is None:
            cache = self._v_cache = {}
        outcome = cache.get(key)
        if outcome is None:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            outcome = cache[key] = self._search(text, language, groups)
        return outcome

    def _search(self, text, language, groups):
        reading = read_query(
            text, language, _site_languages(), groups, known=self._postings.__contains__
        )
        outcome = Outcome(
            IIBucket(), stopwords=reading.stopwords, truncated=reading.truncated
        )
        if reading.empty:
            outcome.empty = True
            return outcome
        concept_results = [
            self._concept(concept, outcome) for concept in reading.concepts
        ]
        concept_results.sort(key=len)
        result = concept_results[0]
        for other in concept_results[1:]:
            if not result:
                break
            _, result = weightedIntersection(result, other)
        if not result and len(concept_results) > 1:
            outcome.fallback = True
            result = IIBucket()
            for other in concept_results:
                _, result = weightedUnion(result, other)
        outcome.scores = self._ranked(result)
        return outcome

    def _concept(self, concept, outcome):
        """{docid: score} of the documents that meet a concept in one of its
        ways. The tokens of all one-word ways count once each (a token two
        synonyms share, such as the "Kurs" of "Sprachkurs" and
        "Integrationskurs", is not counted twice); ways of several words
        need all of them."""
        tokens = {}
        result = IIBucket()
        for way in concept.ways:
            if len(way) == 1:
                for token, quality in self._tokens(way[0], outcome).items():
                    tokens[token] = max(quality, tokens.get(token, 0))
                continue
            way_result = None
            for word in way:
                word_result = self._union(self._tokens(word, outcome))
                if way_result is None:
                    way_result = word_result
                else:
                    _, way_result = weightedIntersection(way_result, word_result)
                if not way_result:
                    break
            if way_result:
                _, result = weightedUnion(result, way_result)
        _, result = weightedUnion(result, self._union(tokens))
        return result

    def _union(self, tokens):
        """{docid: sum of weight x quality} over {token: quality}."""
        result = IIBucket()
        for token, quality in tokens.items():
            _, result = weightedUnion(result, self._postings[token], 1, quality)
        return result

    def _tokens(self, word, outcome):
        """{index token: quality} a Word meets: its own tokens, longer words
        they begin, compound parts, and for a word the index does not know,
        words one typo away (two from nine letters)."""
        found = {}

        def add(token, quality):
            outcome.matched.add(token)
            found[token] = max(quality, found.get(token, 0))

        known = False
        exact, part = (EXACT, PART) if word.typed else (SYNONYM, SYNONYM_PART)
        for token in word.whole:
            if token in self._postings:
                known = True
                add(token, exact)
            if word.typed and len(token) >= PREFIX_MIN:
                for count, longer in enumerate(
                    self._postings.keys(
                        min=token, max=token + "\uffff", excludemin=True
                    )
                ):
                    if count >= MAX_EXPANSIONS:
                        break
                    add(longer, PREFIX)
        for token in word.parts:
            if token in self._postings:
                add(token, part)
        distance = word.typo_distance
        if not known and distance and outcome.typo_budget > 0:
            outcome.typo_budget -= 1
            for token in word.whole:
                near = self._near(token, distance)
                for candidate in near:
                    add(candidate, TYPO)
                # a suggestion only from words of pages anyone may read
                public = [t for t in near if t in self._surface]
                if public:
                    outcome.corrections[word.text] = self._surface[public[0]]
        return found

    def _near(self, token, distance):
        """Index tokens within ``distance`` typos of ``token`` (same first
        letter), the nearest first."""
        found = []
        first = token[0]
        for candidate in self._postings.keys(min=first, max=first + "\uffff"):
            if abs(len(candidate) - len(token)) > distance:
                continue
            if typo_distance(token, candidate, distance) <= distance:
                found.append(candidate)
        found.sort(key=lambda t: (typo_distance(token, t, distance), len(t), t))
        return found[:MAX_EXPANSIONS]

    def _ranked(self, result):
        """Scores with the offers' status and freshness applied."""
        cutoff = _stale_before()
        ranked = IIBucket()
        status = self._status
        verified = self._verified
        for docid, score in result.items():
            percent = status.get(docid, 100)
            day = verified.get(docid)
            if day is not None and day < cutoff:
                percent = percent * STALE_BOOST // 100
            ranked[docid] = score * percent
        return ranked

    # the rest of the index API -------------------------------------------------

    def getId(self):
        return self.id

    def getIndexSourceNames(self):
        return tuple(self.indexed_attrs)

    def getIndexQueryNames(self):
        return (self.id,)

    def getEntryForObject(self, documentId, default=None):
        entry = self._docs.get(documentId)
        return default if entry is None else sorted(entry)

    def uniqueValues(self, name=None, withLengths=0):
        if withLengths:
            return [
                (token, len(postings)) for token, postings in self._postings.items()
            ]
        return list(self._postings.keys())

    def numObjects(self):
        """The number of tokens."""
        return len(self._postings)

    def indexSize(self):
        """The number of documents."""
        return self._length()


InitializeClass(ReaderTextIndex)


def _site_languages():
    registry = queryUtility(IRegistry)
    codes = registry.get("plone.available_languages") if registry else None
    return tuple(codes or LANGUAGES)


def _default_language():
    registry = queryUtility(IRegistry)
    code = registry.get("plone.default_language") if registry else None
    return code if code in LANGUAGES else "de"


def _reader_language():
    return api.portal.get_current_language()


def _stale_before():
    """The first day an offer counts as checked (freshness period)."""
    registry = queryUtility(IRegistry)
    months = registry.get("integrationsportal.freshness_months") if registry else None
    if not isinstance(months, int) or months <= 0:
        months = ISiteSettings["freshness_months"].default
    return months_before(date.today(), months).toordinal()
