"""Marking the words a search met, in any script: a word of a shown text is
marked when one of its tokens, read in the text's language (``analysis``),
is among the tokens the query met (``index.Outcome.matched``)."""

from integrationsportal.search.analysis import analyze_word
from integrationsportal.search.analysis import normalize
from integrationsportal.search.analysis import word_language
import re


# words as written: letters, digits and the marks inside them (Arabic
# harakat, combining accents), so that positions are the text's own
WRITTEN_WORD = re.compile(r"[\w\u064B-\u065F\u0670\u0640\u0300-\u036F]+")


def word_spans(text, language, matched):
    """(start, end) of the words of ``text`` (in ``language``) to mark."""
    if not text or not matched:
        return ()
    spans = []
    for match in WRITTEN_WORD.finditer(text):
        for word in normalize(match.group()).split():
            token, parts = analyze_word(word, word_language(word, language))
            if token is not None and (token in matched or matched.intersection(parts)):
                spans.append((match.start(), match.end()))
                break
    return tuple(spans)
