"""The finder page as a phone reader meets it, over HTTP: the count and the
results come before the filters, the filters sit behind a disclosure that
counts the chosen ones, every chosen value is a chip that removes exactly
that value, and the headings and tap targets follow the page's outline."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
from urllib.parse import parse_qsl
from urllib.parse import urlsplit
import itertools
import lxml.html
import pytest
import requests
import transaction


def finder(url, params=None, path="@@offer-finder"):
    response = requests.get(f"{url}/{path}", params=params or {}, timeout=30)
    assert response.status_code == 200, response.text[-2000:]
    return lxml.html.fromstring(response.text)


def text(element):
    return " ".join(element.text_content().split())


def chips(page):
    """[(link text, href)] of the chosen filters, "remove all" left out."""
    return [
        (text(link), link.get("href"))
        for link in page.cssselect("ul.offer-finder-active a.offer-finder-chip")
        if "offer-finder-chip-all" not in link.get("class")
    ]


def pairs(href):
    return sorted(parse_qsl(urlsplit(href).query))


def test_results_come_before_the_filters(offers_portal_url):
    page = finder(offers_portal_url, {"category": "language"})
    order = {element: number for number, element in enumerate(page.iter())}
    count = page.get_element_by_id("offer-finder-count")
    first_result = page.cssselect("ol.offer-cards > li.offer-card")[0]
    form = page.get_element_by_id("offer-finder-filters")
    chosen = page.cssselect("ul.offer-finder-active")[0]
    assert order[count] < order[chosen] < order[first_result] < order[form]
    # the form sits in a closed disclosure, and still asks by GET
    disclosure = form.getparent()
    assert disclosure.tag == "details" and disclosure.get("open") is None
    assert disclosure[0].tag == "summary"
    assert form.get("method") == "get"
    # the way to the filters above the results points into the disclosure
    assert page.cssselect("a.offer-finder-to-filters")[0].get("href") == (
        "#offer-finder-filters"
    )


@pytest.mark.parametrize(
    "params, label",
    [
        ({}, "Filter"),
        ({"category": "language"}, "Filter (1)"),
        ({"category": ["apprenticeship", "language"], "free": "1"}, "Filter (3)"),
        ({"age": "17", "q": "Kurs", "municipality": "lindenau"}, "Filter (3)"),
        # a value the finder cannot use is no active filter
        ({"category": ["kochen", "language"], "age": "abc"}, "Filter (1)"),
    ],
)
def test_the_disclosure_counts_the_chosen_filters(offers_portal_url, params, label):
    page = finder(offers_portal_url, params)
    summary = page.cssselect("details.offer-finder-disclosure > summary")[0]
    assert text(summary) == label
    assert text(page.cssselect("a.offer-finder-to-filters")[0]) == label
    assert len(chips(page)) == (0 if label == "Filter" else int(label[-2]))


def test_every_chip_removes_exactly_its_value(offers_portal_url):
    params = [
        ("category", "apprenticeship"),
        ("category", "language"),
        ("german_level", "B1"),
        ("municipality", "musterstadt"),
        ("free", "1"),
        ("age", "17"),
        ("q", "Kurs Metall"),
    ]
    page = finder(offers_portal_url, params)
    found = chips(page)
    assert [label for label, _ in found] == [
        "Remove filter Kind of offer: Apprenticeship ×",
        "Remove filter Kind of offer: Learning German ×",
        "Remove filter My German: B1 ×",
        "Remove filter Place: Musterstadt ×",
        "Remove filter Free of charge ×",
        "Remove filter Your age: 17 ×",
        "Remove filter Search words: Kurs Metall ×",
    ]
    for (_, href), removed in zip(found, params, strict=True):
        assert pairs(href) == sorted(p for p in params if p != removed)
        # the search without that value names one chip less
        fewer = requests.get(href, timeout=30)
        assert fewer.status_code == 200
        assert len(chips(lxml.html.fromstring(fewer.text))) == len(params) - 1
    everything = page.cssselect("a.offer-finder-chip-all")[0]
    assert text(everything) == "Remove all filters"
    assert everything.get("href") == f"{offers_portal_url}/@@offer-finder"


def test_a_chip_shows_the_words_searched_for_as_text(offers_portal_url):
    response = requests.get(
        f"{offers_portal_url}/@@offer-finder",
        params={"q": "<b>Kurs</b>"},
        timeout=30,
    )
    assert response.status_code == 200
    assert "<b>Kurs</b>" not in response.text
    page = lxml.html.fromstring(response.text)
    (chip,) = chips(page)
    assert chip[0] == "Remove filter Search words: <b>Kurs</b> ×"
    assert page.cssselect("a.offer-finder-chip bdi")[0].text == "<b>Kurs</b>"


@pytest.mark.parametrize(
    "params",
    [
        {"category": "kochen", "free": "1"},
        {"free": "vielleicht"},
        {"age": "1e9"},
        {"page": "abc", "category": "language"},
        {"german_level": ["A1", "B2"], "free": "1"},
        {"nonsense": "1", "municipality": "nirgendwo"},
    ],
)
def test_bad_parameters_give_a_clear_page(offers_portal_url, params):
    response = requests.get(
        f"{offers_portal_url}/@@offer-finder", params=params, timeout=30
    )
    assert response.status_code == 200
    assert "Traceback" not in response.text
    page = lxml.html.fromstring(response.text)
    alert = page.cssselect(".offer-finder .alert-warning")
    assert alert and "could not be used" in text(alert[0])
    # the chips name only what was used; each leads to a page that answers
    for _, href in chips(page):
        assert requests.get(href, timeout=30).status_code == 200


def test_headings_follow_the_outline_and_the_count_is_no_status(offers_portal_url):
    for params in ({}, {"category": "housing"}):
        page = finder(offers_portal_url, params)
        content = page.get_element_by_id("content")
        levels = [int(h.tag[1]) for h in content.iter("h1", "h2", "h3", "h4", "h5")]
        assert levels[:2] == [1, 2]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
        count = page.get_element_by_id("offer-finder-count")
        assert count.tag == "h2" and count.get("role") is None
    page = finder(offers_portal_url, {"category": "language"})
    titles = page.cssselect("li.offer-card .offer-card-title")
    assert titles and {title.tag for title in titles} == {"h3"}
    description = page.cssselect('meta[name="description"]')[0].get("content")
    assert description.startswith("Courses, counselling and help near you.")


@pytest.mark.parametrize("path", ["@@offer-finder", "@@offer-finder-guide"])
def test_every_choice_is_a_label_around_its_box(offers_portal_url, path):
    """The label with its box is the tap target, so every radio button and
    checkbox sits inside its label; each question is a fieldset whose legend
    asks it."""
    page = finder(offers_portal_url, {"category": "language"}, path=path)
    boxes = page.cssselect("#content input[type=radio], #content input[type=checkbox]")
    assert len(boxes) > 20
    for box in boxes:
        label = box.getparent()
        assert label.tag == "label" and label.get("for") == box.get("id")
        assert "offer-finder-option" in label.get("class")
        assert box.xpath("ancestor::fieldset")
    if path == "@@offer-finder-guide":
        fieldsets = page.cssselect("#content form fieldset")
        assert [text(f.cssselect("legend")[0])[:2] for f in fieldsets] == [
            "1.",
            "2.",
            "3.",
            "4.",
        ]
        for fieldset in fieldsets:
            names = {box.get("name") for box in fieldset.iter("input")}
            assert len(names) == 1  # one question each


@pytest.fixture
def arabic_finder_url(ml_functional_portal):
    """The Arabic language root of a portal with a German offer in
    Musterstadt, which the Arabic finder lists as not translated."""
    portal = ml_functional_portal
    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Musterstadt", "Lindenau"]
    )
    with api.env.adopt_user(SITE_OWNER_NAME):
        create_published(
            portal.de,
            "Offer",
            title="Sprachcafé",
            categories=["language"],
            municipality="musterstadt",
            cost="free",
        )
    transaction.commit()
    return portal.ar.absolute_url()


def test_the_arabic_finder_names_its_chips_in_arabic(arabic_finder_url):
    page = finder(
        arabic_finder_url, {"municipality": "musterstadt", "free": "1", "age": "20"}
    )
    assert page.get("dir") == "rtl"
    summary = page.cssselect("details.offer-finder-disclosure > summary")[0]
    assert text(summary) == "الفلاتر (3)"
    labels = [label for label, _ in chips(page)]
    assert labels[0].startswith("إزالة الفلتر المكان: ")
    assert "Musterstadt" in labels[0]
    assert labels[2] == "إزالة الفلتر عمركم: 20 ×"
    assert text(page.cssselect("a.offer-finder-chip-all")[0]) == "إزالة كل الفلاتر"
    # values stay in their own direction inside the Arabic sentence
    assert [b.text for b in page.cssselect("a.offer-finder-chip bdi")][-1] == "20"
    assert len(page.cssselect("ol.offer-cards > li.offer-card")) == 1
