"""The rules of shared/bidi.py, stated as properties: marking never changes
the text a reader sees, every Latin letter on an Arabic, Farsi or Ukrainian
page ends up inside an element with a language of its own, and pages in a
Latin script are left alone."""

from html import escape
from hypothesis import given
from hypothesis import strategies as st
from integrationsportal.shared.bidi import fragment
from integrationsportal.shared.bidi import join
from integrationsportal.shared.bidi import marked
from integrationsportal.shared.bidi import marked_rich_text
from integrationsportal.shared.bidi import own_language
from integrationsportal.shared.languages import SUPPORTED_LANGUAGES
from lxml import html
import re


LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
NON_LATIN_PAGES = [lang.code for lang in SUPPORTED_LANGUAGES if lang.script != "Latn"]
LATIN_PAGES = [lang.code for lang in SUPPORTED_LANGUAGES if lang.script == "Latn"]

# Arabic, Cyrillic and Latin letters, digits, spaces, punctuation and the
# characters markup must escape
texts = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهوي")
        + list("абвгдеєжзиіїйклмнопрстуфхцчшщьюя")
        + list("AaBbÄäÖöÜüßeEnNrRsStTvV")
        + list("0123456789 .,;:()-–/&'\"<>«»،")
    ),
    max_size=60,
)


def _parse(markup):
    # a whole element, so that a text of spaces alone is kept as it is
    # (fragment_fromstring drops it, but not inside a span)
    return html.fromstring(f"<div>{markup}</div>")


def _shown(text):
    """What a browser shows of ``text`` written as plain, escaped text."""
    return _parse(escape(text)).text_content()


def _unmarked_latin(root):
    """Latin letters whose nearest element with a ``lang`` is none."""
    found = []
    for element in root.iter():
        holder = element
        while holder is not None and holder.get("lang") is None:
            holder = holder.getparent()
        if holder is None and element.text and LATIN.search(element.text):
            found.append(element.text)
        parent = element.getparent()
        holder = parent
        while holder is not None and holder.get("lang") is None:
            holder = holder.getparent()
        if holder is None and element.tail and LATIN.search(element.tail):
            found.append(element.tail)
    return found


@given(texts, st.sampled_from(NON_LATIN_PAGES))
def test_latin_runs_are_marked_on_pages_in_another_script(text, page):
    root = _parse(marked(text, page).__html__())
    assert root.text_content() == _shown(text)
    assert not _unmarked_latin(root)
    for span in root.iter("span"):
        assert (span.get("lang"), span.get("dir")) == ("de", "ltr")


@given(texts, st.sampled_from(LATIN_PAGES))
def test_pages_in_latin_script_are_left_alone(text, page):
    root = _parse(marked(text, page).__html__())
    assert root.text_content() == _shown(text)
    assert not list(root.iter("span"))


@given(
    texts, st.sampled_from(SUPPORTED_LANGUAGES), st.sampled_from(SUPPORTED_LANGUAGES)
)
def test_a_fragment_names_its_language_when_it_is_not_the_pages(text, own, page):
    value = fragment(text, own.code, page.code)
    assert str(value) == text
    root = _parse(value.__html__())
    assert root.text_content() == _shown(text)
    if own.code == page.code:
        assert value.lang == ""
    else:
        assert (value.lang, value.dir) == (own.code, own.direction)
        if text:
            assert (root[0].get("lang"), root[0].get("dir")) == (
                own.code,
                own.direction,
            )


@given(st.lists(texts.filter(bool), max_size=5), st.sampled_from(SUPPORTED_LANGUAGES))
def test_lists_are_joined_with_the_languages_separator(items, page):
    joined = join(items, page.code)
    expected = {"ar": "، ", "fa": "، "}.get(page.code, ", ")
    assert str(joined) == expected.join(items)
    assert _parse(joined.__html__()).text_content() == _shown(expected.join(items))


def test_rich_text_keeps_its_markup_and_marked_parts():
    markup = (
        "<p>دورة الاندماج (Integrationskurs) في <strong>VHS</strong> ثم "
        '<a href="https://example.org">Jobcenter</a>.</p>'
        '<p lang="en">Already English</p><pre>code stays</pre>'
    )
    root = _parse(marked_rich_text(markup, "ar"))
    assert root.text_content() == _parse(markup).text_content()
    assert [span.text for span in root.cssselect('span[lang="de"]')] == [
        "Integrationskurs",
        "VHS",
        "Jobcenter",
    ]
    assert root.cssselect("a")[0].get("href") == "https://example.org"
    assert not _unmarked_latin(root) or _unmarked_latin(root) == ["code stays"]
    assert marked_rich_text(markup, "de") == markup


def test_a_text_that_holds_no_markup_names_its_own_language():
    """An ``<option>`` holds no ``<span>``: a place name in Latin letters on
    an Arabic or Ukrainian page is German as a whole; a text with letters of
    the page's own script, a Latin page and an empty text are the page's."""
    for page in NON_LATIN_PAGES:
        assert own_language("Neudorf am See", page) == "de"
        assert own_language("Altenbrück", page) == "de"
    assert own_language("دورة الاندماج (Integrationskurs)", "ar") is None
    assert own_language("Курс (Integrationskurs)", "uk") is None
    assert own_language("2025", "ar") is None
    assert own_language("", "fa") is None
    for page in LATIN_PAGES:
        assert own_language("Neudorf am See", page) is None
