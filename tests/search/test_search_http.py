"""The reader search over HTTP on the demo portal: what readers type in the
finder, the REST finder, Plone's search page and ``@search``; marked
matches; "did you mean"; the glossary control panel; and bad input, which
never answers 500 nor turns a reader's words into operators."""

from support import csrf_token
from support import OWNER
import pytest
import re
import requests


def finder_json(demo_url, language, text, **params):
    answer = requests.get(
        f"{demo_url}/{language}/@offer-finder",
        params={"q": text, **params},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, (answer.url, answer.text[:500])
    return answer.json()


def ids(result):
    return [item["@id"].rsplit("/", 1)[-1] for item in result["items"]]


def test_german_plural_compound_and_typo_find_the_courses(demo_url):
    plural = ids(finder_json(demo_url, "de", "Sprachkurse"))
    assert "berufssprachkurs-b2" in plural[:10]
    assert "kinderbetreuung-waehrend-des-sprachkurses" in plural[:10]
    compound = ids(finder_json(demo_url, "de", "Ausbildungsplatz"))
    assert "assistierte-ausbildung" in compound[:10]
    typo = finder_json(demo_url, "de", "Integratonskurs")
    assert "integrationskurs-am-vormittag" in ids(typo)[:10]
    assert "integrationskurs-fuer-frauen" in ids(typo)[:10]
    assert typo["search"]["did_you_mean"].lower() == "integrationskurs"


def test_arabic_article_and_spelling_variants(demo_url):
    assert "dawrat-al-indimaj-sabahan" in ids(finder_json(demo_url, "ar", "اندماج"))[:3]
    assert "istisharat-al-sakan" in ids(finder_json(demo_url, "ar", "شقه"))[:3]
    assert "murshidu-al-sihha" in ids(finder_json(demo_url, "ar", "طبيب"))[:3]


def test_an_arabic_query_reaches_offers_only_in_german(demo_url):
    """The Arabic finder lists German originals without a translation; the
    glossary leads an Arabic word to them."""
    found = ids(finder_json(demo_url, "ar", "تدريب عملي"))
    assert "praktikumsboerse-musterkreis" in found[:10]


def test_ranking_puts_title_matches_and_active_offers_first(demo_url):
    found = finder_json(demo_url, "de", "Integrationskurs")["items"]
    # the offers named so come before those that only mention it
    titles = [item["title"] for item in found[:2]]
    assert all("Integrationskurs" in title for title in titles), titles
    statuses = [item["offer_status"] for item in found[:2]]
    assert statuses[0] == "active"


def test_the_finder_page_marks_the_words_it_met(demo_url):
    page = requests.get(
        f"{demo_url}/ar/@@offer-finder", params={"q": "اندماج"}, timeout=60
    )
    assert page.status_code == 200
    assert re.search(r"<mark>الاندماج</mark>", page.text)
    page = requests.get(
        f"{demo_url}/de/@@offer-finder", params={"q": "Integratonskurs"}, timeout=60
    )
    assert "<mark>Integrationskurs</mark>" in page.text
    assert "Did you mean" in page.text or "Meinten Sie" in page.text


def test_site_search_and_rest_search_read_plurals(demo_url):
    page = requests.get(
        f"{demo_url}/de/@@search",
        params={"SearchableText": "Sprachkurse", "portal_type": "Offer"},
        timeout=60,
    )
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", "", page.text)  # without the marks of matches
    assert "Kinderbetreuung während des Sprachkurses" in text
    assert "<mark>Sprachkurses</mark>" in page.text
    answer = requests.get(
        f"{demo_url}/en/@search",
        params={"SearchableText": "apprenticeships", "portal_type": "Offer"},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200
    titles = [item["title"] for item in answer.json()["items"]]
    assert "Apprenticeship as a metalworker" in titles


BAD_QUERIES = [
    "der die das",
    "!!! ??? ...",
    "x" * 1000,
    "Sprachkurs " * 120,
    "Kurs курс دورة kurs",
    '"Kurs" AND NOT Arbeit',
    "-Kurs",
    "*",
    "Kurs*",
    '"',
    "(Kurs OR",
    "\x00\x1f",
    "%",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", BAD_QUERIES)
def test_bad_queries_get_an_answer_never_a_500(demo_url, text):
    for url, params, headers in (
        (f"{demo_url}/de/@@offer-finder", {"q": text}, {}),
        (f"{demo_url}/ar/@offer-finder", {"q": text}, {"Accept": "application/json"}),
        (f"{demo_url}/de/@@search", {"SearchableText": text}, {}),
        (
            f"{demo_url}/@search",
            {"SearchableText": text},
            {"Accept": "application/json"},
        ),
    ):
        answer = requests.get(url, params=params, headers=headers, timeout=60)
        assert answer.status_code in (200, 400), (url, text, answer.status_code)
        assert "Traceback" not in answer.text
        if "json" not in answer.headers["Content-Type"]:
            assert "<script>alert(1)</script>" not in answer.text


def test_only_common_words_are_said_so_and_all_offers_shown(demo_url):
    everything = finder_json(demo_url, "de", "")["items_total"]
    result = finder_json(demo_url, "de", "der die das")
    assert result["items_total"] == everything
    assert result["search"]["ignored_words"] == ["der", "die", "das"]
    page = requests.get(
        f"{demo_url}/de/@@offer-finder", params={"q": "der die das"}, timeout=60
    )
    assert "offer-finder-notes" in page.text


def test_operators_are_words(demo_url):
    """A reader's "-" or "NOT" never excludes: "-Kurs" finds what "Kurs"
    finds."""
    assert ids(finder_json(demo_url, "de", "-Kurs")) == ids(
        finder_json(demo_url, "de", "Kurs")
    )
    assert ids(finder_json(demo_url, "de", "Integrationskurs NOT Frauen")) == ids(
        finder_json(demo_url, "de", "Integrationskurs Frauen")
    )
    # "Not" (emergency) is a word to look for, not an operator to drop
    everything = finder_json(demo_url, "de", "")["items_total"]
    assert finder_json(demo_url, "de", "Not")["items_total"] < everything


def glossary_form(session, demo_url):
    url = f"{demo_url}/@@search-glossary"
    page = session.get(url, timeout=60)
    assert page.status_code == 200
    text = re.search(
        r'<textarea[^>]*name="form.widgets.search_glossary"[^>]*>(.*?)</textarea>',
        page.text,
        re.S,
    )
    return url, csrf_token(page.text), text.group(1)


def test_editors_extend_the_glossary_and_it_applies_at_once(demo_url):
    assert finder_json(demo_url, "de", "Gabelstapler")["items_total"] == 0
    session = requests.Session()
    session.auth = OWNER
    url, token, _text = glossary_form(session, demo_url)
    # an unreadable line is refused and named; nothing is saved
    answer = session.post(
        url,
        data={
            "_authenticator": token,
            "form.widgets.search_glossary": "Gabelstapler\n",
            "form.buttons.save": "Save",
        },
        timeout=60,
    )
    assert answer.status_code == 200
    assert "line 1: a group needs at least two terms" in answer.text
    assert finder_json(demo_url, "de", "Gabelstapler")["items_total"] == 0
    answer = session.post(
        url,
        data={
            "_authenticator": token,
            "form.widgets.search_glossary": "Gabelstapler -> Metallbau\n",
            "form.buttons.save": "Save",
        },
        timeout=60,
    )
    assert answer.status_code == 200
    found = ids(finder_json(demo_url, "de", "Gabelstapler"))
    assert "einstiegsqualifizierung-metallbau" in found
    # one way: "Metallbau" does not find "Gabelstapler" pages; it finds its own
    assert "einstiegsqualifizierung-metallbau" in ids(
        finder_json(demo_url, "de", "Metallbau")
    )


def test_readers_cannot_open_the_glossary(demo_url):
    answer = requests.get(f"{demo_url}/@@search-glossary", timeout=60)
    assert answer.status_code in (401, 403) or "login" in answer.url
