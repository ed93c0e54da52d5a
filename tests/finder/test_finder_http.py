"""The finder page and @offer-finder over HTTP, as a visitor uses them."""

import pytest
import re
import requests


def test_finder_page_lists_and_filters(offers_portal_url):
    url = offers_portal_url
    page = requests.get(f"{url}/@@offer-finder")
    assert page.status_code == 200
    assert "4 offers found" in page.text
    assert "Geheimer Entwurf" not in page.text
    filtered = requests.get(
        f"{url}/@@offer-finder",
        params={"category": "apprenticeship", "age": "17", "german_level": "B1"},
    )
    assert "1 offers found" in filtered.text
    assert "Ausbildung Metall" in filtered.text
    assert "Pflegehelfer Kurs" not in filtered.text
    # the filter options carry counts and the chosen filter can be removed
    assert 'value="apprenticeship"' in filtered.text
    assert "Remove filter" in filtered.text


def test_finder_page_works_as_a_plain_form(offers_portal_url):
    """The form submits by GET to the same page: no JavaScript needed."""
    page = requests.get(f"{offers_portal_url}/@@offer-finder")
    assert 'method="get"' in page.text
    assert f'action="{offers_portal_url}/@@offer-finder"' in page.text


def test_finder_page_describes_itself_and_its_count_is_a_heading(offers_portal_url):
    """Search engines and link previews get a description; the count of
    results is a heading (a status role would hide it from the headings)."""
    page = requests.get(f"{offers_portal_url}/offer-finder").text
    assert re.search(r'<meta name="description"\s+content="Courses, counselling', page)
    count = re.search(r'<h2 id="offer-finder-count"[^>]*>', page).group(0)
    assert "role=" not in count and "aria-live" not in count


def test_empty_result_says_what_to_do(offers_portal_url):
    page = requests.get(
        f"{offers_portal_url}/@@offer-finder",
        params={"category": "housing"},
    )
    assert page.status_code == 200
    assert "0 offers found" in page.text
    assert "No offer matches all your choices." in page.text
    assert "Beratung für junge Menschen" in page.text  # a counselling offer


@pytest.mark.parametrize(
    "params",
    [
        {"category": "kochen"},
        {"age": "-1"},
        {"age": "99999999999999999999"},
        {"page": "-7"},
        {"page": "100000"},
        {"q": '"(AND OR NOT*'},
        {"german_level": ["A1", "B2"]},
        {"municipality": "<script>alert(1)</script>"},
        {"category": "x" * 5000},
    ],
)
def test_bad_input_gives_a_page_not_an_error(offers_portal_url, params):
    page = requests.get(f"{offers_portal_url}/@@offer-finder", params=params)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "Traceback" not in page.text


def test_guided_mode_leads_to_the_finder(offers_portal_url):
    guide = requests.get(f"{offers_portal_url}/@@offer-finder-guide")
    assert guide.status_code == 200
    assert f'action="{offers_portal_url}/@@offer-finder"' in guide.text
    for name in ("age", "residence_status", "german_level", "category"):
        assert f'name="{name}"' in guide.text


def test_api_returns_results_and_facets(offers_portal_url):
    response = requests.get(
        f"{offers_portal_url}/@offer-finder",
        params={"category": ["apprenticeship", "language"], "free": "1"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["items_total"] == 2
    assert sorted(item["title"] for item in data["items"]) == [
        "Ausbildung Metall",
        "Sprachcafé",
    ]
    facets = {facet["name"]: facet for facet in data["facets"]}
    category = {o["value"]: o for o in facets["category"]["options"]}
    # counts for the category facet ignore the category choice itself
    assert category["qualification"]["count"] == 0  # it has a fee
    assert category["counselling"]["count"] == 1
    assert category["apprenticeship"]["selected"] is True
    assert data["query"] == {"category": ["apprenticeship", "language"], "free": True}


@pytest.mark.parametrize(
    "params", [{"category": "kochen"}, {"age": "abc"}, {"page": "0"}, {"nonsense": "1"}]
)
def test_api_answers_400_with_the_problem(offers_portal_url, params):
    response = requests.get(
        f"{offers_portal_url}/@offer-finder",
        params=params,
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    problems = response.json()["error"]["problems"]
    assert [p["parameter"] for p in problems] == list(params)


def test_api_paging_links(offers_portal_url):
    response = requests.get(
        f"{offers_portal_url}/@offer-finder", headers={"Accept": "application/json"}
    )
    data = response.json()
    assert data["page"] == 1 and data["pages"] == 1
    assert "next" not in data
