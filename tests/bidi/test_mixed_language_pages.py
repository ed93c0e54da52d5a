"""Mixed-language text on the reader's pages of the demo portal, over HTTP.

A reader of an Arabic, Farsi or Ukrainian page meets German in names,
German-only offers and terms kept for recognition. Each such fragment must
carry its own language (``lang``, and ``dir`` with it), or the browser lays
it out as Arabic and a screen reader reads it with Arabic rules. These
scripts are not Latin, so a text node with Latin letters is a fragment in
another language: it must sit inside an element whose nearest ``lang`` is
not the page's. Allowed without one, because they are the same in every
language and have no language of their own:

- web and e-mail addresses (the text of ``mailto:``/``http`` links, the
  page's own address in Plone's hidden microdata);
- names of file formats, written in Latin letters in every language
  (``FORMATS``), and field names of the open-data format inside ``<code>``;
- the brand name "Plone" in the footer's made-with line.

Plone's own templates (navigation, breadcrumb, search results, listings)
show content titles as they are: a translator's Arabic title with a German
term in brackets is one text node there. Outside the portal's own templates
a text node that also holds letters of the page's script is therefore the
page's language with kept terms; a node wholly in Latin letters is not.

The header and the footer come from the site's identity; their fragments
are checked on their own, so that a header or footer text without ``lang``
fails as well.
"""

from babel.dates import get_month_names
from lxml import html
from urllib.parse import urldefrag
from urllib.parse import urljoin
import pytest
import re
import requests


LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
SCRIPT = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "fa": re.compile(r"[\u0600-\u06ff]"),
    "uk": re.compile(r"[\u0400-\u04ff]"),
}
ADDRESS = re.compile(r"^\s*(https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+)\s*$")
FORMATS = {"CSV", "JSON", "PDF", "UTF-8", "RSS", "vCard", "QR"}
SKIPPED = {"head", "script", "style", "noscript", "template", "svg"}
# the containers of the identity's header and footer
CHROME_IDS = {"content-header", "mainnavigation-wrapper", "portal-footer-wrapper"}
# the portal's own templates: every text in them is marked by shared/bidi.py
OWN_CLASSES = {
    "ip-page",
    "offer-card",
    "contact-card",
    "ip-kicker",
    "documentFirstHeading",
    "documentDescription",
}
# pages a reader reaches besides the links of the language root (the search
# for a postcode: the words a reader types are in no known language)
ENTRIES = ("", "@@offer-finder", "@@search?SearchableText=99991")
# what the crawl does not follow: downloads, forms of staff, other languages
NOT_FOLLOWED = re.compile(
    r"login|logout|@@vcard|qr\.svg|\.pdf|\.ics|\.csv|\.json|@@print|"
    r"mail_password|sendto|contact-info|[?#]|/@@|/\+\+|/RSS|/rss"
)
PAGES_PER_LANGUAGE = 30


def _ancestors(element):
    while element is not None:
        if isinstance(element.tag, str):
            yield element
        element = element.getparent()


def _nearest_lang(element):
    for ancestor in _ancestors(element):
        if ancestor.get("lang") is not None:
            return ancestor.get("lang")
    return None


def _in_chrome(element):
    return any(
        ancestor.get("id") in CHROME_IDS or ancestor.tag in ("header", "footer")
        for ancestor in _ancestors(element)
    )


def _in_own_template(element):
    return any(
        OWN_CLASSES & set((ancestor.get("class") or "").split())
        for ancestor in _ancestors(element)
    )


def _allowed(element, text, chrome):
    if ADDRESS.match(text):
        return True
    if any(ancestor.tag == "code" for ancestor in _ancestors(element)):
        return True
    runs = set(re.findall(r"[A-Za-z\u00c0-\u024f][\w.-]*[\w]|[A-Za-z]", text))
    if runs and runs <= FORMATS:
        return True
    return chrome and text.strip() == "Plone"


def _text_nodes(doc):
    """(element the text belongs to, text) for every text of the body."""
    body = doc.find("body")
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if any(ancestor.tag in SKIPPED for ancestor in _ancestors(element)):
            continue
        if element.text and element.text.strip():
            yield element, element.text
        parent = element.getparent()
        if (
            element.tail
            and element.tail.strip()
            and parent is not None
            and not any(ancestor.tag in SKIPPED for ancestor in _ancestors(parent))
        ):
            yield parent, element.tail


def unmarked_fragments(doc, language):
    """Texts with Latin letters whose nearest ``lang`` is the page's:
    {"content": [...], "chrome": [...]}."""
    own_script = SCRIPT[language]
    found = {"content": [], "chrome": []}
    for element, text in _text_nodes(doc):
        if not LATIN.search(text) or _nearest_lang(element) != language:
            continue
        chrome = _in_chrome(element)
        if _allowed(element, text, chrome):
            continue
        mixed = bool(own_script.search(text))
        if mixed and not _in_own_template(element):
            continue
        found["chrome" if chrome else "content"].append(" ".join(text.split()))
    return found


def crawl(portal_url, language, limit=PAGES_PER_LANGUAGE):
    """The reader's pages in ``language``: {url: parsed page}."""
    root = f"{portal_url}/{language}"
    queue = [f"{root}/{entry}" if entry else root for entry in ENTRIES]
    pages = {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in pages:
            continue
        response = requests.get(url, timeout=60)
        assert response.status_code == 200, url
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        doc = html.fromstring(response.content)
        pages[url] = doc
        if doc.get("lang") != language:
            continue
        for link in doc.iter("a"):
            target = urldefrag(urljoin(url, link.get("href") or ""))[0]
            followed = target.startswith(root + "/") and not NOT_FOLLOWED.search(
                target[len(root) :]
            )
            if followed and target not in pages and target not in queue:
                queue.append(target)
    return pages


_CRAWLED = {}


@pytest.fixture
def pages(demo_url):
    """The crawled pages of every language with a script of its own (once:
    the demo portal does not change between the tests)."""
    if demo_url not in _CRAWLED:
        _CRAWLED[demo_url] = {
            language: crawl(demo_url, language) for language in SCRIPT
        }
    return _CRAWLED[demo_url]


# What Plone's search page shows from other packages' catalogues, which a
# translation of ours cannot replace (the package's own message wins).
PLONE_KNOWN = {
    "EasyForm": "collective.easyform's Ukrainian catalogue keeps the type's "
    "Latin name; the search page's type filter shows it",
}


def test_every_foreign_fragment_carries_its_language(pages):
    problems = {}
    for language, crawled in pages.items():
        in_language = {
            url: doc for url, doc in crawled.items() if doc.get("lang") == language
        }
        assert len(in_language) >= 10, (language, sorted(crawled))
        for url, doc in in_language.items():
            content = unmarked_fragments(doc, language)["content"]
            if content:
                problems[url] = sorted(set(content))
    unknown = {
        url: [text for text in texts if text not in PLONE_KNOWN]
        for url, texts in problems.items()
    }
    unknown = {url: texts for url, texts in unknown.items() if texts}
    assert not unknown, "\n".join(f"{url}: {texts}" for url, texts in unknown.items())
    if problems:
        pytest.xfail(
            "untranslated in a package's own catalogue: "
            + "; ".join(f"{text} ({PLONE_KNOWN[text]})" for text in PLONE_KNOWN)
        )


def test_header_and_footer_fragments_carry_their_language(pages):
    found = {}
    for language, crawled in pages.items():
        for url, doc in crawled.items():
            if doc.get("lang") == language:
                for text in unmarked_fragments(doc, language)["chrome"]:
                    found.setdefault(text, url)
    assert not found, "\n".join(f"{url}: {text}" for text, url in found.items())


def test_the_districts_address_stays_one_german_run(pages):
    """The footer's address is one German run on a right-to-left page: its
    commas and postcode inside it, so that the page does not reorder its
    parts (three runs with ", " between them read backwards)."""
    for language in ("ar", "fa"):
        doc = pages[language][_root(pages, language)]
        [address] = doc.cssselect(".ip-footer-contact > span:first-child")
        marked = address.cssselect("[lang]")
        assert len(marked) == 1, language
        assert (marked[0].get("lang"), marked[0].get("dir")) == ("de", "ltr")
        assert marked[0].text_content() == address.text_content().strip()
        assert ", 12345 " in marked[0].text_content()


def _root(pages, language):
    return next(url for url in pages[language] if url.endswith(f"/{language}"))


def _arabic_page_with(pages, selector):
    for url, doc in pages["ar"].items():
        if doc.get("lang") == "ar" and doc.cssselect(selector):
            return url, doc
    raise AssertionError(f"no Arabic page of the demo has {selector}")


def test_lists_are_separated_with_the_arabic_comma(pages):
    """Lists on Arabic and Farsi pages: "، ", never a Latin comma between
    words of the page's script."""
    latin_comma = re.compile(r"[\u0600-\u06ff\)]\s*,\s*[\u0600-\u06ff\(]")
    for language in ("ar", "fa"):
        for url, doc in pages[language].items():
            if doc.get("lang") != language:
                continue
            for element, text in _text_nodes(doc):
                if _nearest_lang(element) == language and not _in_chrome(element):
                    assert not latin_comma.search(text), (url, text)
    url, doc = _arabic_page_with(pages, ".offer-page .fact-list dd")
    lists = [dd.text_content() for dd in doc.cssselect(".offer-page .fact-list dd")] + [
        li.text_content() for li in doc.cssselect(".offer-card-facts li")
    ]
    assert any("، " in text for text in lists), (url, lists)


def test_dates_in_the_locale_format(pages):
    """Dates on Arabic pages name the month in Arabic (CLDR), never as
    2027-01-11 or 11.01.2027."""
    numeric = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b")
    months = set(get_month_names("wide", locale="ar").values())
    dated = 0
    for url, doc in pages["ar"].items():
        if doc.get("lang") != "ar":
            continue
        for element in doc.cssselect(".offer-page .fact-list dd, time"):
            text = element.text_content()
            if re.search(r"\d{4}", text):
                assert not numeric.search(text), (url, text)
                if any(month in text for month in months):
                    dated += 1
    assert dated, "no Arabic page of the demo shows a date"


def test_german_only_offers_are_marked_on_arabic_pages(pages):
    url = next(url for url in pages["ar"] if url.endswith("@@offer-finder"))
    doc = pages["ar"][url]
    cards = [
        card
        for card in doc.cssselect(".offer-card")
        if card.cssselect(".offer-card-language")
    ]
    assert cards, "the Arabic finder lists no German-only offer"
    for card in cards:
        title = card.cssselect(".offer-card-title [lang]")
        assert title and title[0].get("lang") == "de", html.tostring(card)
        assert title[0].get("dir") == "ltr"
        badge = card.cssselect(".offer-card-language")[0].text_content()
        assert not LATIN.search(badge), badge  # "الألمانية", not "Deutsch"
