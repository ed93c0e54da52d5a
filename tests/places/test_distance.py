"""Distances: the great-circle distance against published ones, and the
finder of the demo portal near a postal code or a municipality, over REST
(@offer-finder) and on the page (@@offer-finder): the offers in the order
of their distance, the distances as the tests compute them from where each
offer is, the radius, the facet counts and the pages."""

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from integrationsportal.places.geo import haversine_km
from places_data import all_items
from places_data import CENTRES
from places_data import expected_place
from places_data import finder_json
from places_data import finder_page
from places_data import great_circle_km
from places_data import page_count
from places_data import page_offer_urls
from places_data import POSTAL_CODES
from urllib.parse import urlsplit
import math
import pytest


pytestmark = pytest.mark.usefixtures("demo_session")

BERLIN = (52.5200, 13.4050)
MUENCHEN = (48.1372, 11.5756)
HAMBURG = (53.5511, 9.9937)
FRANKFURT = (50.1109, 8.6821)
LONDON = (51.5074, -0.1278)
PARIS = (48.8566, 2.3522)
NEW_YORK = (40.7128, -74.0060)
LOS_ANGELES = (34.0522, -118.2437)


@pytest.mark.parametrize(
    "a, b, published_km",
    [
        (BERLIN, MUENCHEN, 504),
        (HAMBURG, FRANKFURT, 393),
        (LONDON, PARIS, 344),
        (NEW_YORK, LOS_ANGELES, 3936),
    ],
)
def test_distance_of_two_cities_is_the_published_one(a, b, published_km):
    assert haversine_km(a, b) == pytest.approx(published_km, rel=0.005)
    assert haversine_km(b, a) == pytest.approx(haversine_km(a, b))


def test_distance_extremes():
    assert haversine_km(BERLIN, BERLIN) == 0
    # half the way round the earth, and a degree of latitude
    assert haversine_km((0, 0), (0, 180)) == pytest.approx(math.pi * 6371, rel=0.001)
    assert haversine_km((50, 9), (51, 9)) == pytest.approx(111.2, abs=0.1)


points = st.tuples(
    st.floats(-89.9, 89.9, allow_nan=False), st.floats(-180, 180, allow_nan=False)
)


@settings(max_examples=300, deadline=None)
@given(points, points)
def test_distance_agrees_with_the_law_of_cosines(a, b):
    assert haversine_km(a, b) == pytest.approx(great_circle_km(a, b), abs=0.01)


# the finder near a place ------------------------------------------------


def offer_at(portal, url):
    return portal.unrestrictedTraverse(urlsplit(url).path.split("/", 2)[2])


def expected_km(portal, origin, item):
    place = expected_place(offer_at(portal, item["@id"]))
    return None if place is None else great_circle_km(origin, place)


@pytest.mark.parametrize(
    "near, origin",
    [("99991", POSTAL_CODES["99991"]), ("lindenau", CENTRES["Lindenau"])],
)
def test_results_are_in_the_order_of_distance(demo_url, demo_portal, near, origin):
    _plain, everything = all_items(demo_url, {})
    first, items = all_items(demo_url, {"near": near})
    assert first["query"] == {"near": near}
    # near sorts, it does not filter
    assert sorted(i["UID"] for i in items) == sorted(i["UID"] for i in everything)
    assert first["pages"] > 1, "the demo should have more than one page"

    far = math.inf
    kms = {item["UID"]: expected_km(demo_portal, origin, item) for item in items}
    expected = sorted(
        items,
        key=lambda i: (
            far if kms[i["UID"]] is None else kms[i["UID"]],
            i["title"].lower(),
        ),
    )
    assert [i["title"] for i in items] == [i["title"] for i in expected]
    for item in items:
        km = kms[item["UID"]]
        if km is None:
            assert item["distance_km"] is None and item["place"] is None
            assert item["online"] == "online"
        else:
            assert item["distance_km"] == pytest.approx(km, abs=0.051), item["title"]
            place = expected_place(offer_at(demo_portal, item["@id"]))
            assert (item["place"]["latitude"], item["place"]["longitude"]) == (
                pytest.approx(place[0]),
                pytest.approx(place[1]),
            )
    # the online-only offers are there, after every offer with a place
    assert items[-1]["distance_km"] is None
    assert any(item["distance_km"] == 0 for item in items) == (near == "99991")


def test_the_page_lists_the_offers_in_the_same_order(demo_url):
    rest = finder_json(demo_url, {"near": "99995"})
    page = finder_page(demo_url, {"near": "99995"})
    assert page.status_code == 200
    assert page_offer_urls(page.text) == [item["@id"] for item in rest["items"]]
    assert page_count(page.text) == rest["items_total"]
    second = finder_page(demo_url, {"near": "99995", "page": "2"})
    rest_second = finder_json(demo_url, {"near": "99995", "page": "2"})
    assert page_offer_urls(second.text) == [i["@id"] for i in rest_second["items"]]
    assert set(page_offer_urls(second.text)).isdisjoint(page_offer_urls(page.text))


def test_distance_only_with_near(demo_url):
    with_near = finder_json(demo_url, {"near": "99997"})["items"]
    without = finder_json(demo_url, {})["items"]
    assert with_near and all("distance_km" in item for item in with_near)
    assert without and not any("distance_km" in item for item in without)


@pytest.mark.parametrize("radius", ["3", "6,5", "15.5", "200"])
def test_radius_keeps_what_is_within_it_and_online_offers(
    demo_url, demo_portal, radius
):
    origin = POSTAL_CODES["99992"]
    km = float(radius.replace(",", "."))
    _all, everything = all_items(demo_url, {"near": "99992"})
    first, items = all_items(demo_url, {"near": "99992", "radius": radius})
    expected = {
        i["UID"]
        for i in everything
        if expected_km(demo_portal, origin, i) is None
        or expected_km(demo_portal, origin, i) <= km
    }
    assert {i["UID"] for i in items} == expected
    assert first["items_total"] == len(expected)
    assert first["query"] == {"near": "99992", "radius": km}
    assert all(i["distance_km"] is None or i["distance_km"] <= km for i in items)
    if radius == "3":
        # a small circle leaves out offers elsewhere in the district
        assert len(items) < len(everything)
        assert any(i["online"] == "online" for i in items)

    # each facet's counts are the number of these results with that value
    for facet in first["facets"]:
        key = {"category": "categories", "language": "languages"}.get(facet["name"])
        if key is None:
            continue
        for option in facet["options"]:
            having = [
                i for i in items if option["value"] in [t["token"] for t in i[key]]
            ]
            assert option["count"] == len(having), (facet["name"], option)
    municipality = next(f for f in first["facets"] if f["name"] == "municipality")
    for option in municipality["options"]:
        having = [
            i
            for i in items
            if i["municipality"] and i["municipality"]["token"] == option["value"]
        ]
        assert option["count"] == len(having), option

    # the page finds as many
    page = finder_page(demo_url, {"near": "99992", "radius": radius})
    assert page_count(page.text) == len(expected)


def test_radius_combines_with_other_filters(demo_url, demo_portal):
    origin = POSTAL_CODES["99996"]
    params = {"near": "99996", "radius": "12", "category": "language"}
    _first, items = all_items(demo_url, params)
    _all, languages = all_items(demo_url, {"category": "language"})
    expected = {
        i["UID"]
        for i in languages
        if expected_km(demo_portal, origin, i) is None
        or expected_km(demo_portal, origin, i) <= 12
    }
    assert {i["UID"] for i in items} == expected
    assert expected != {i["UID"] for i in languages}


def test_pages_near_a_place(demo_url):
    first = finder_json(demo_url, {"near": "99998"})
    assert first["page"] == 1 and first["pages"] == 2
    assert "near=99998" in first["next"] and "page=2" in first["next"]
    second = finder_json(demo_url, {"near": "99998", "page": "2"})
    assert "near=99998" in second["previous"]
    assert "next" not in second
    assert len(first["items"]) == first["page_size"]
    # the second page goes on where the first stopped
    last = first["items"][-1]["distance_km"]
    following = [i["distance_km"] for i in second["items"] if i["distance_km"]]
    assert following and min(following) >= last
    assert {i["UID"] for i in first["items"]}.isdisjoint(
        i["UID"] for i in second["items"]
    )
