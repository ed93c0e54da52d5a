"""``near`` and ``radius`` a reader (or a script) gets wrong, on the demo
portal: the REST finder answers 400 naming the parameter; the page answers
200, says what it left out, and the rest of the search still works. Never a
server error, a traceback or a path on the server."""

from places_data import finder_json
from places_data import finder_page
from places_data import page_count
from places_data import shows_no_error
import html
import pytest


pytestmark = pytest.mark.usefixtures("demo_session")

MARKUP = '<script>alert("near")</script>'
BAD = {
    "unknown postal code": ({"near": "12345"}, "near"),
    "postal code of four digits": ({"near": "9999"}, "near"),
    "unknown municipality": ({"near": "atlantis"}, "near"),
    "municipality by name, not token": ({"near": "Neudorf am See"}, "near"),
    "negative radius": ({"near": "99991", "radius": "-1"}, "radius"),
    "zero radius": ({"near": "99991", "radius": "0"}, "radius"),
    "huge radius": ({"near": "99991", "radius": str(10**9)}, "radius"),
    "radius beyond 200": ({"near": "99991", "radius": "200.5"}, "radius"),
    "radius as text": ({"near": "99991", "radius": "abc"}, "radius"),
    "radius in exponent form": ({"near": "99991", "radius": "1e3"}, "radius"),
    "radius NaN": ({"near": "99991", "radius": "NaN"}, "radius"),
    "radius without near": ({"radius": "10"}, "radius"),
    "two places": ({"near": ["99991", "99995"]}, "near"),
    "two radii": ({"near": "99991", "radius": ["5", "50"]}, "radius"),
    "10 KB of text": ({"near": "Musterstadt " * 850}, "near"),
    "non-ASCII": ({"near": "Altenbrück"}, "near"),
    "Arabic digits": ({"near": "٩٩٩٩١"}, "near"),
    "markup": ({"near": MARKUP}, "near"),
    "NUL": ({"near": "99991\x00"}, "near"),
}


@pytest.mark.parametrize("params, name", BAD.values(), ids=BAD.keys())
def test_the_rest_finder_answers_400_naming_the_parameter(demo_url, params, name):
    answer = finder_json(demo_url, params, status=400)
    problems = answer["error"]["problems"]
    assert [p["parameter"] for p in problems] == [name]
    assert all(len(p["value"]) <= 100 for p in problems)
    assert "items" not in answer


@pytest.mark.parametrize("params, name", BAD.values(), ids=BAD.keys())
def test_the_page_shows_the_problem_and_searches_on(demo_url, params, name):
    # with a filter besides, which must still apply
    good = {"category": "language"}
    expected = finder_json(demo_url, good)["items_total"]
    assert 0 < expected < finder_json(demo_url, {})["items_total"]
    page = finder_page(demo_url, {**params, **good})
    assert page.status_code == 200
    shows_no_error(page)
    assert page_count(page.text) == expected
    # the problem, named for the reader, in the warning above the results
    warning = page.text.split('role="alert"', 1)[-1].split("</div>", 1)[0]
    assert f"<code>{name}=" in warning
    assert MARKUP not in page.text
    if params.get("near") == MARKUP:
        assert html.escape(MARKUP, quote=False) in warning


def test_good_values_are_no_problem(demo_url):
    for params in (
        {"near": "99991"},
        {"near": " 99991 "},
        {"near": "neudorf-am-see", "radius": "2,5"},
        {"near": "99991", "radius": "1"},
        {"near": "99991", "radius": "200"},
        {"near": ["99991", "99991"]},  # the same place twice is one place
        {"near": "", "radius": ""},  # a form sent empty
    ):
        finder_json(demo_url, params)
        page = finder_page(demo_url, params)
        assert page.status_code == 200
        assert 'role="alert"' not in page.text.split("offer-finder-layout")[0]
