"""The search glossary: words that mean the same, within a language and
across languages, kept by editors in the registry
(``integrationsportal.search_glossary``; the control panel *Search glossary*).

One group per line::

    Deutschkurs = Sprachkurs = Integrationskurs = ar:دورة لغة = en:German course
    ar:دورة لغة -> Sprachkurs

Terms joined by ``=`` find each other; the terms left of ``->`` also find
those on its right, not the other way round. A term may start with a
language code and a colon; without one, Latin-script terms are read as
German, Arabic-script terms as Arabic and Farsi, Cyrillic ones as Ukrainian.
A term of several words matches when the reader types all of them, in order.

The expansion happens when a query is read (``query.py``), so a change takes
effect at once and nothing is reindexed.
"""

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from integrationsportal.search.analysis import analyze_in
from integrationsportal.search.analysis import LANGUAGES
from integrationsportal.search.analysis import script_of
from integrationsportal.search.analysis import words
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility


RECORD = "integrationsportal.search_glossary"
MAX_LINES = 2000
MAX_TERMS = 40
DEFAULT_LANGUAGE_OF_SCRIPT = {
    "latin": ("de",),
    "arabic": ("ar", "fa"),
    "cyrillic": ("uk",),
}


class GlossaryError(ValueError):
    """A glossary line cannot be read; the message names the line."""


@dataclass(frozen=True)
class Term:
    text: str
    # one frozenset of tokens per word of the term
    words: tuple
    # the tokens of the compound parts of each word, as the words'
    parts: tuple = ()

    def matches(self, query_words, start, near=None):
        """True if the term's words are the query's words from ``start``.
        ``near(word, tokens)`` says whether a typed word not in the index is
        one typo away from one of ``tokens``."""
        if start + len(self.words) > len(query_words):
            return False
        for offset, tokens in enumerate(self.words):
            word = query_words[start + offset]
            if tokens & word.whole:
                continue
            if near is None or not near(word, tokens):
                return False
        return True


@dataclass(frozen=True)
class Group:
    # terms that find each other, and terms they also find
    equals: tuple
    also: tuple

    def expansions(self, term):
        if term in self.equals:
            return tuple(t for t in self.equals + self.also if t != term)
        return tuple(t for t in self.also if t != term)

    @property
    def terms(self):
        return self.equals + self.also


def default_text():
    """The glossary a new portal starts with (``glossary.txt``)."""
    path = files("integrationsportal.search").joinpath("glossary.txt")
    return path.read_text(encoding="utf-8")


def _term(raw, number):
    raw = raw.strip()
    languages = None
    if len(raw) > 3 and raw[2] == ":" and raw[:2].isalpha() and raw[:2].isascii():
        code = raw[:2].lower()
        if code not in LANGUAGES:
            raise GlossaryError(
                f"line {number}: unknown language code '{code}:' in '{raw}'; "
                f"use one of {', '.join(LANGUAGES)}"
            )
        languages = (code,)
        raw = raw[3:].strip()
    term_words = [word for _start, _end, word in words(raw)]
    if not term_words:
        raise GlossaryError(f"line {number}: an empty term")
    tokens, parts = [], []
    for word in term_words:
        langs = languages or DEFAULT_LANGUAGE_OF_SCRIPT.get(script_of(word), ("de",))
        found, found_parts = analyze_in(word, langs)
        if found:
            tokens.append(found)
            parts.append(found_parts)
    if not tokens:
        return None  # only stop words: nothing to find
    return Term(raw, tuple(tokens), tuple(parts))


def parse(text):
    """The groups of a glossary text; GlossaryError names a bad line."""
    groups = []
    lines = (text or "").splitlines()
    if len(lines) > MAX_LINES:
        raise GlossaryError(f"the glossary has {len(lines)} lines; at most {MAX_LINES}")
    for number, line in enumerate(lines, start=1):
        line = line.strip().replace("→", "->")
        if not line or line.startswith("#"):
            continue
        sides = line.split("->")
        if len(sides) > 2:
            raise GlossaryError(f"line {number}: more than one '->'")
        equals = [t for t in sides[0].split("=") if t.strip()]
        also = [t for t in sides[1].split("=") if t.strip()] if len(sides) == 2 else []
        if len(equals) + len(also) < 2 or (len(sides) == 2 and not (equals and also)):
            raise GlossaryError(
                f"line {number}: a group needs at least two terms, "
                f"joined by '=' or '->': '{line[:80]}'"
            )
        if len(equals) + len(also) > MAX_TERMS:
            raise GlossaryError(f"line {number}: more than {MAX_TERMS} terms")
        equal_terms = tuple(t for t in (_term(raw, number) for raw in equals) if t)
        also_terms = tuple(t for t in (_term(raw, number) for raw in also) if t)
        if len(equal_terms) + len(also_terms) >= 2:
            groups.append(Group(equal_terms, also_terms))
    return tuple(groups)


@lru_cache(maxsize=8)
def _compiled(text):
    try:
        return parse(text)
    except GlossaryError:
        return ()


def current_text():
    """The glossary's text in the registry ("" if there is none)."""
    registry = queryUtility(IRegistry)
    text = registry.get(RECORD) if registry is not None else None
    return text or ""


def current_groups():
    """The groups of the glossary in the registry (none if it is unset or
    unreadable; the control panel does not save an unreadable one)."""
    text = current_text()
    return _compiled(text) if text else ()
