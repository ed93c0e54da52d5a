"""Text in more than one language on one page: each fragment with its own
``lang`` and ``dir``, lists joined the way the page's language joins them.

A reader on an Arabic page meets German in three ways: an item that exists
only in German (a card's title, an organisation's name), German terms that
translators keep on purpose so readers recognise them on letters and signs
("التدريب المهني (Ausbildung)", "Jobcenter"), and names of languages in their
own script. Without their own language and direction the browser lays such
words out as Arabic: punctuation jumps to the wrong end and screen readers
read German with Arabic rules.

A ``Fragment`` is the named value the templates get: ``text``, ``lang`` and
``dir`` (empty when the fragment is in the page's language). It renders
itself (Chameleon calls ``__html__``) as escaped text, in a
``<span lang dir>`` when its language differs from the page's; on a page in
a script other than Latin, runs of Latin letters inside its text are marked
as the source language (German). ``str()`` gives the plain text, for
attributes and sorting.
"""

from dataclasses import dataclass
from html import escape
from integrationsportal.shared.languages import direction
from integrationsportal.shared.languages import language as supported_language
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from lxml import etree
from lxml import html as lxml_html
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
import re


# A run of Latin letters: words with the digits and the punctuation between
# them ("Agentur für Arbeit", "e. V", "A1"), but not the spaces, commas,
# brackets or full stops around them, which belong to the sentence.
LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9.&/'’+\-– ]*"
    r"[A-Za-z\u00c0-\u024f0-9])?"
)
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def base_language(code):
    """ "ar" for "ar", "ar-SY" or "ar_SY"; "" for none."""
    return (code or "").lower().replace("_", "-").split("-")[0]


def marks_latin(page_language):
    """Whether Latin words stand out on pages in ``page_language``: its
    script is not Latin (Arabic, Farsi, Ukrainian)."""
    supported = supported_language(page_language)
    return supported is not None and supported.script != "Latn"


def own_language(text, page_language):
    """The language of a text that cannot hold markup (an ``<option>``, an
    attribute): German if it is written in Latin letters on a page whose
    script is not Latin and has no letter of the page's own script; else
    None (the page's language)."""
    if not text or not marks_latin(page_language):
        return None
    text = plain(text)
    if not LATIN_LETTER.search(text) or any(
        c.isalpha() and not LATIN_LETTER.match(c) for c in text
    ):
        return None
    return SOURCE_LANGUAGE


def _span(text, lang):
    return f'<span lang="{escape(lang)}" dir="{direction(lang)}">{escape(text)}</span>'


def marked_html(text, page_language):
    """``text`` escaped, with its Latin runs in ``<span lang="de" dir="ltr">``
    on pages whose script is not Latin."""
    if not text:
        return ""
    if not marks_latin(page_language):
        return escape(text)
    parts, position = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(_span(match.group(), SOURCE_LANGUAGE))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


@dataclass(frozen=True)
class Fragment:
    """A piece of text and its language, as the page shows it."""

    text: str
    lang: str = ""  # its language, when not the page's
    dir: str = ""  # its direction, when ``lang`` is set
    page_language: str = ""
    marks: tuple = ()  # (start, end) of words a search met (search/highlight.py)

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    def __html__(self):
        if self.marks:
            return self._marked_html()
        if self.lang:
            return _span(self.text, self.lang)
        return marked_html(self.text, self.page_language)

    def _marked_html(self):
        """As __html__, with the words a search met in ``<mark>``."""
        html = []
        for piece, is_marked in _pieces(self.text, self.marks):
            inner = (
                escape(piece) if self.lang else marked_html(piece, self.page_language)
            )
            html.append(f"<mark>{inner}</mark>" if is_marked else inner)
        if self.lang:
            return (
                f'<span lang="{escape(self.lang)}" dir="{direction(self.lang)}">'
                f"{''.join(html)}</span>"
            )
        return "".join(html)


def _pieces(text, spans):
    """``text`` cut at the (start, end) spans: (piece, in a span) in order."""
    result, position = [], 0
    for start, end in spans:
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return result


def plain(text):
    """``text`` as a string: a message translated for the current request."""
    if isinstance(text, Message):
        return translate(text, context=getRequest())
    return str(text or "")


def fragment(text, lang, page_language):
    """``text`` written in ``lang``, shown on a page in ``page_language``."""
    text = plain(text)
    if lang and base_language(lang) != base_language(page_language):
        return Fragment(text, lang, direction(lang), page_language)
    return Fragment(text, page_language=page_language)


def marked(text, page_language):
    """``text`` in the page's language (with Latin runs marked)."""
    return Fragment(plain(text), page_language=page_language)


def separator(page_language):
    """What separates the items of a list: "، " in Arabic and Farsi."""
    supported = supported_language(page_language)
    return supported.separator if supported is not None else ", "


class Joined(str):
    """Items joined by the page's separator; each item keeps its own markup
    (a ``Fragment``) when rendered."""

    def __new__(cls, items, page_language):
        items = [
            item if isinstance(item, Fragment) else plain(item)
            for item in items
            if item
        ]
        glue = separator(page_language)
        value = super().__new__(cls, glue.join(str(item) for item in items))
        value.items = items
        value.glue = glue
        value.page_language = page_language
        return value

    def __html__(self):
        return escape(self.glue).join(
            item.__html__()
            if hasattr(item, "__html__")
            else marked_html(str(item), self.page_language)
            for item in self.items
        )


def join(items, page_language):
    """``items`` as one list in the page's language: "أ، ب، ج"."""
    return Joined(items, page_language)


def marked_rich_text(markup, page_language):
    """Rich text (HTML) with the Latin runs of its text marked, on pages
    whose script is not Latin; text inside an element that carries a
    ``lang`` already, and code, is left as it is."""
    if not markup or not marks_latin(page_language):
        return markup
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup
    changed = False
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if not _keeps_own(element, root):
            changed |= _mark(element, "text")
        parent = element.getparent()
        if parent is not None and not _keeps_own(parent, root):
            changed |= _mark(element, "tail")
    if not changed:
        return markup
    return escape(root.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


def _keeps_own(element, root):
    """Whether text in ``element`` is left as written: it or an element
    around it (below ``root``) carries a ``lang``, or it is code."""
    while element is not None and element is not root:
        if element.get("lang") is not None or element.tag in ("code", "pre"):
            return True
        element = element.getparent()
    return False


def _mark(element, slot):
    """Wrap the Latin runs of ``element.text`` (or ``.tail``) in spans."""
    text = getattr(element, slot)
    if not text or not LATIN_LETTER.search(text):
        return False
    spans, position, head = [], 0, None
    for match in LATIN_RUN.finditer(text):
        before = text[position : match.start()]
        if head is None:
            head = before
        else:
            spans[-1].tail = before
        span = etree.Element("span", lang=SOURCE_LANGUAGE, dir="ltr")
        span.text = match.group()
        spans.append(span)
        position = match.end()
    spans[-1].tail = text[position:]
    setattr(element, slot, head)
    if slot == "text":
        for offset, span in enumerate(spans):
            element.insert(offset, span)
    else:
        parent = element.getparent()
        at = parent.index(element) + 1
        for offset, span in enumerate(spans):
            parent.insert(at + offset, span)
    return True
