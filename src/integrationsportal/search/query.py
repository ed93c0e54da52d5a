"""A reader's query, read: words, then *concepts*.

The text is only words. Zope's query syntax is not honoured: quotes,
``*``, brackets and a leading ``-`` are dropped, and ``AND``, ``OR`` and
``NOT`` in capitals between words (Plone's search page joins words with
them) are ignored, so a reader's "Not" (emergency) or "-Kurs" never becomes
an operator. Every other word is a word; stop words of the language the word
is read in are left out.

Each remaining word is a concept. A glossary term the reader typed (one or
more words in a row) makes its words one concept with more ways to be met:
the typed words, or any term of its group. A document must meet every
concept (or, when none does, as many as it can: ``index.Outcome.fallback``).
"""

from dataclasses import dataclass
from integrationsportal.search.analysis import analyze_in
from integrationsportal.search.analysis import is_stopword
from integrationsportal.search.analysis import LANGUAGES
from integrationsportal.search.analysis import query_languages
from integrationsportal.search.analysis import words as text_words
from integrationsportal.search.distance import typo_distance
from integrationsportal.search.glossary import current_groups
import re


MAX_QUERY = 1000  # characters read of a query
MAX_WORDS = 12
TYPO_MIN = 5  # words this long are matched with one typo, 9 and more with two
_OPERATORS = {"AND", "OR", "NOT"}
_SYNTAX = re.compile(r"[\"*()\[\]{}+?~^:]")


@dataclass(frozen=True)
class Word:
    """A typed word: its tokens in the languages it is read in."""

    text: str
    whole: frozenset
    parts: frozenset = frozenset()
    typed: bool = True

    @property
    def typo_distance(self):
        if not self.typed or len(self.text) < TYPO_MIN:
            return 0
        return 2 if len(self.text) >= 9 else 1


@dataclass
class Concept:
    """Ways to meet one thing the reader asked for: each way is a tuple of
    Words that must all be met; the first is what the reader typed."""

    ways: list


@dataclass
class Reading:
    words: list  # the typed Words (no stop words)
    concepts: list
    stopwords: list  # typed words left out
    truncated: bool = False

    @property
    def empty(self):
        return not self.concepts


def split_words(text):
    """The reader's words, without query syntax, at most MAX_WORDS."""
    text = (text or "")[:MAX_QUERY]
    text = _SYNTAX.sub(" ", text)
    result = []
    for _start, _end, word in text_words(text):
        if word in _OPERATORS:
            continue
        word = word.strip("_'")
        if word and word.lower() not in (w.lower() for w in result):
            result.append(word)
    return result


def _typed_word(raw, language, site_languages):
    """The Word of a typed word, or None for a stop word."""
    langs = query_languages(raw, language, site_languages or LANGUAGES)
    if is_stopword(raw, langs[0]):
        return None
    whole, parts = analyze_in(raw, langs)
    return Word(raw, whole, parts) if whole else None


def read_query(text, language, site_languages=None, groups=None, known=None):
    """The Reading of ``text`` typed by a reader of ``language``. With
    ``known(token)`` (the index's vocabulary), two words that the index or
    the glossary know written together are also read as one (``کار آموزی``
    as ``کارآموزی``, "Deutsch Kurs" as "Deutschkurs"), and glossary terms
    are met with a typo by words the index does not know."""
    all_words = split_words(text)
    truncated = len(all_words) > MAX_WORDS
    typed, stop = [], []
    for raw in all_words[:MAX_WORDS]:
        word = _typed_word(raw, language, site_languages)
        if word is None:
            stop.append(raw)
        else:
            typed.append(word)
    groups = current_groups() if groups is None else groups
    concepts = _concepts(typed, groups, known, language, site_languages)
    return Reading(typed, concepts, stop, truncated)


def _near(known):
    """near(word, tokens): a word the index does not know, one or two typos
    from a glossary token (see Word.typo_distance)."""

    def near(word, tokens):
        distance = word.typo_distance
        if not distance or any(known(t) for t in word.whole):
            return False
        return any(
            typo_distance(mine, theirs, distance) <= distance
            for mine in word.whole
            for theirs in tokens
            if mine[:1] == theirs[:1]
        )

    return near if known is not None else None


def _glossary(typed, position, groups, near):
    """(length, matched term texts, expansion terms) of the longest glossary
    terms the typed words from ``position`` are."""
    best_length, expansions, matched = 0, [], []
    for group in groups:
        for term in group.terms:
            if term.matches(typed, position, near):
                length = len(term.words)
                if length > best_length:
                    best_length, expansions, matched = length, [], []
                if length == best_length:
                    matched.append(term.text)
                    expansions.extend(group.expansions(term))
    return best_length, matched, expansions


def _written_together(typed, position, language, site_languages, groups, known):
    """The Word of two typed words written as one, if the index or the
    glossary knows it; else None."""
    if known is None or position + 1 >= len(typed):
        return None
    joined = _typed_word(
        typed[position].text + typed[position + 1].text, language, site_languages
    )
    if joined is None:
        return None
    if any(known(t) for t in joined.whole) or _glossary([joined], 0, groups, None)[0]:
        return joined
    return None


def _concepts(typed, groups, known=None, language="de", site_languages=None):
    """Concepts of the typed words, glossary terms joined (longest first)."""
    near = _near(known)
    concepts = []
    position = 0
    while position < len(typed):
        length, _matched, expansions = _glossary(typed, position, groups, near)
        length = max(length, 1)
        own = tuple(typed[position : position + length])
        ways = [own]
        if length == 1:
            joined = _written_together(
                typed, position, language, site_languages, groups, known
            )
            if joined is not None:
                own = tuple(typed[position : position + 2])
                _length, _terms, expansions = _glossary([joined], 0, groups, None)
                ways = [own, (joined,)]
                length = 2
        seen = set(ways)
        for term in expansions:
            way = tuple(
                Word(term.text, tokens, parts, typed=False)
                for tokens, parts in zip(term.words, term.parts, strict=True)
            )
            if way not in seen:
                seen.add(way)
                ways.append(way)
        concepts.append(Concept(ways))
        position += length
    return concepts
