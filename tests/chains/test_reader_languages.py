"""Process chains for readers of every language, over HTTP: a chain not
translated into the reader's language is listed in German with an "Only in"
marker (never left out), the offer page names the chains in the reader's
language, links to items only in German carry their language and direction,
and the Arabic chain page and PDF are Arabic."""

from lxml import html as lxml_html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from test_process_chains import require_pdf_output
import os
import pytest
import re
import requests
import shutil
import subprocess
import transaction


LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def page(url):
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, (url, response.text[-1000:])
    return lxml_html.fromstring(response.text)


def listed(root_url):
    """{title: language of the marker or None} of a chains list."""
    tree = page(f"{root_url}/@@process-chains")
    result = {}
    for card in tree.cssselect(".chain-list > li"):
        link = card.cssselect(".card-title a")[0]
        marker = card.cssselect(".other-language bdi")
        title_language = link.xpath("ancestor-or-self::*[@lang][1]/@lang")
        if marker:
            # the German title and steps are marked as German, the marker too
            assert title_language == [marker[0].get("lang")]
            assert marker[0].get("dir") == "ltr"
        result[link.text_content().strip()] = marker[0].get("lang") if marker else None
    return result


@pytest.mark.parametrize(
    "language,expected",
    [
        ("de", {"Geflüchtete in Arbeit": None, "Neue Kette": None}),
        ("ar", {"الطريق إلى العمل": None, "Neue Kette": "de"}),
        ("fa", {"Geflüchtete in Arbeit": "de", "Neue Kette": "de"}),
        ("en", {"Geflüchtete in Arbeit": "de", "Neue Kette": "de"}),
    ],
)
def test_every_language_lists_every_chain(chains_in_languages, language, expected):
    portal = chains_in_languages["portal"]
    assert listed(portal[language].absolute_url()) == expected


def test_the_section_folder_shows_the_same_list(chains_in_languages):
    folder = chains_in_languages["chain_ar"].__parent__
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder.setLayout("process-chains")
    transaction.commit()
    tree = page(folder.absolute_url())
    titles = [a.text_content().strip() for a in tree.cssselect(".card-title a")]
    assert sorted(titles) == sorted(["الطريق إلى العمل", "Neue Kette"])
    assert tree.cssselect("h1")[0].text_content().strip() == "سلاسل الخطوات"


def test_a_chain_deleted_in_a_language_is_listed_in_german(chains_in_languages):
    portal = chains_in_languages["portal"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.delete(chains_in_languages["chain_ar"])
    transaction.commit()
    assert listed(portal["ar"].absolute_url()) == {
        "Geflüchtete in Arbeit": "de",
        "Neue Kette": "de",
    }


def test_a_draft_translation_does_not_hide_the_original(chains_in_languages):
    """A translation readers may not see yet leaves them the German chain;
    once it is published, the translation takes its place."""
    portal = chains_in_languages["portal"]
    chain_ar = chains_in_languages["chain_ar"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(chain_ar, to_state="private")
    transaction.commit()
    assert listed(portal["ar"].absolute_url()) == {
        "Geflüchtete in Arbeit": "de",
        "Neue Kette": "de",
    }
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(chain_ar, to_state="published")
    transaction.commit()
    assert listed(portal["ar"].absolute_url()) == {
        "الطريق إلى العمل": None,
        "Neue Kette": "de",
    }


def related_steps(url):
    """[(step title, chain title, marker language)] of an offer page."""
    tree = page(url)
    result = []
    for item in tree.cssselect(".related-steps li"):
        step, chain = (a.text_content().strip() for a in item.cssselect("a"))
        marker = item.cssselect(".other-language bdi")
        if marker:
            assert item.cssselect("bdi[lang]")[0].get("lang") == "de"
        result.append((step, chain, marker[0].get("lang") if marker else None))
    return result


def test_the_offer_page_names_the_chains_in_the_readers_language(
    chains_in_languages,
):
    course_ar = chains_in_languages["course_ar"]
    assert related_steps(course_ar.absolute_url()) == [
        ("تعلم اللغة", "الطريق إلى العمل", None)
    ]
    assert related_steps(chains_in_languages["course"].absolute_url()) == [
        ("Deutsch lernen", "Geflüchtete in Arbeit", None)
    ]
    # without the Arabic step, the German one, marked
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.delete(chains_in_languages["step_ar"])
    transaction.commit()
    assert related_steps(course_ar.absolute_url()) == [
        ("Deutsch lernen", "Geflüchtete in Arbeit", "de")
    ]


def test_links_to_german_only_items_carry_language_and_marker(chains_in_languages):
    tree = page(chains_in_languages["step_ar"].absolute_url())
    for selector, title in (
        (".chain-step-organisations li", "Ausländerbehörde"),
        (".chain-contact-text", "Markus Feldmann"),
    ):
        (item,) = tree.cssselect(selector)
        link = item.cssselect("a")[0]
        assert link.text_content().strip() == title
        assert (link.get("lang"), link.get("dir")) == ("de", "ltr")
        marker = item.cssselect(".other-language bdi")[0]
        assert (marker.get("lang"), marker.get("dir")) == ("de", "ltr")
    # the offer exists in Arabic: its link goes there, unmarked
    (offer,) = tree.cssselect(".chain-step-offers li")
    link = offer.cssselect("a")[0]
    assert link.get("href") == chains_in_languages["course_ar"].absolute_url()
    assert link.get("lang") is None and not offer.cssselect(".other-language")


def foreign_words(url):
    """Latin-script words in the page's content outside elements marked as
    German or English (text and the attributes people hear)."""
    tree = page(url)
    (content,) = tree.cssselect("#content")
    for element in content.xpath(".//*[@lang]"):
        if element.get("lang").split("-")[0] in ("de", "en"):
            element.drop_tree()
    # code, drawings, and the addresses of the page's microdata are no text
    for element in content.xpath(
        ".//script | .//style | .//*[local-name()='svg']"
        " | .//*[@itemprop='url' or @itemprop='image']"
    ):
        element.drop_tree()
    words = LATIN_WORD.findall(content.text_content())
    for name in ("aria-label", "title", "alt", "placeholder"):
        for value in content.xpath(f".//@{name}"):
            words += LATIN_WORD.findall(value)
    return [word for word in words if word not in ("PDF",)]


def test_the_arabic_chain_pages_speak_arabic(chains_in_languages):
    chain_ar = chains_in_languages["chain_ar"]
    for url in (
        chain_ar.absolute_url(),
        chains_in_languages["step_ar"].absolute_url(),
        f"{chain_ar.__parent__.__parent__.absolute_url()}/@@process-chains",
    ):
        assert foreign_words(url) == [], url


def test_the_arabic_pdf_is_arabic(chains_in_languages, tmp_path):
    require_pdf_output()
    chain_ar = chains_in_languages["chain_ar"]
    response = requests.get(f"{chain_ar.absolute_url()}/@@chain.pdf", timeout=60)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    assert len(response.content) > 1000
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("reading the PDF's text needs pdftotext (poppler-utils)")
    pdf = tmp_path / "chain.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    assert len(ARABIC.findall(text)) > 20
    for words in ("العمل", "ستة أشهر"):  # the title, a step's duration
        assert words in text, text
