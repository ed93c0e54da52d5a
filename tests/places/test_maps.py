"""The maps readers and the housing team see (places/maps.py): the drawing
of the district and the data for the tile map, the distances on the
finder's cards, the near and radius choices of its form, the journey
planner's link of an organisation, and the housing team's map of flats,
which the public listing never shows. Over HTTP against the demo portal;
the browser's side is tests/e2e/test_places_maps.py."""

from integrationsportal.places import gazetteer
from integrationsportal.places.geo import haversine_km
from integrationsportal.places.maps import distance_text
from integrationsportal.places.maps import MARKER_RADIUS
from integrationsportal.places.maps import place_map
from integrationsportal.places.maps import render_map
from integrationsportal.places.maps import script_json
from places_data import CENTRES
from places_data import finder_page
from places_data import page_offer_urls
from places_data import POSTAL_CODES
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.i18n import translate
import html
import json
import math
import pytest
import re
import requests


pytestmark = pytest.mark.usefixtures("demo_session")

OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
MAP_DATA = re.compile(
    r'<script class="ip-map-data" type="application/json"\s*>(.*?)</script>', re.S
)
SCRIPT = "++plone++integrationsportal.places/places.js"


def map_data(text):
    found = MAP_DATA.findall(text)
    assert len(found) == 1, f"{len(found)} maps"
    return json.loads(found[0])


def svg_markers(text):
    """(x, y, number) of the drawing's numbered markers."""
    return [
        (float(x), float(y), n)
        for x, y, n in re.findall(
            r'<text dy="0.35em" fill="#fff" x="([\d.]+)" y="([\d.]+)">(\d+)</text>',
            text,
        )
    ]


# the drawing and the data --------------------------------------------------


def test_the_drawing_is_north_up_and_true_to_scale(demo_portal):
    """1 km to the east is as long as 1 km to the north (the cosine of the
    latitude), north is up and east is right."""
    base = (50.6, 9.7)
    north = (50.6 + 0.09, 9.7)
    east = (50.6, 9.7 + 0.09 / math.cos(math.radians(50.6)))
    found = place_map(
        [
            {"lat": p[0], "lon": p[1], "title": str(i)}
            for i, p in enumerate((base, north, east))
        ],
        label="Map",
    )
    spots = [(float(m["x"]), float(m["y"])) for m in found["markers"]]
    (bx, by), (nx, ny), (ex, ey) = spots
    assert ny < by and nx == pytest.approx(bx, abs=0.2)
    assert ex > bx and ey == pytest.approx(by, abs=0.2)
    up, right = by - ny, ex - bx
    assert haversine_km(base, north) == pytest.approx(
        haversine_km(base, east), rel=0.01
    )
    assert up == pytest.approx(right, rel=0.02)
    width, height = float(found["width"]), float(found["height"])
    for x, y in spots:
        assert 0 <= x <= width and 0 <= y <= height


def test_markers_at_one_place_fan_out_and_keep_their_numbers(demo_portal):
    centre = CENTRES["Musterstadt"]
    points = [
        {"lat": centre[0], "lon": centre[1], "title": f"Offer {n}"} for n in range(9)
    ]
    found = place_map(points, label="Map")
    numbers = [m["number"] for m in found["markers"]]
    assert numbers == [str(n) for n in range(1, 10)]
    spots = [(float(m["mx"]), float(m["my"])) for m in found["markers"]]
    for i, a in enumerate(spots):
        for b in spots[i + 1 :]:
            assert math.dist(a, b) >= 2 * MARKER_RADIUS - 0.5
    # every marker has its line to the place, and the data keeps the place
    assert all(m["leader"] for m in found["markers"])
    assert {(p["lat"], p["lon"]) for p in found["data"]["points"]} == {centre}


def test_numbers_follow_the_list_and_points_without_place_are_left_out(demo_portal):
    found = place_map(
        [
            {"number": 21, "lat": 50.64, "lon": 9.69, "title": "a"},
            {"number": 22, "lat": None, "lon": None, "title": "online"},
            {"number": 23, "lat": 95, "lon": 9.69, "title": "not on earth"},
            {"number": 24, "lat": 50.52, "lon": 9.75, "title": "b"},
        ],
        label="Map",
    )
    assert [m["number"] for m in found["markers"]] == ["21", "24"]
    assert [p["n"] for p in found["data"]["points"]] == ["21", "24"]
    assert place_map([{"lat": None, "lon": None, "title": "x"}], label="Map") is None


def test_the_district_is_drawn_with_its_municipalities(demo_portal):
    found = place_map([{"lat": 50.64, "lon": 9.69, "title": "a"}], label="Map")
    assert found["outline"].startswith("M") and found["outline"].endswith("Z")
    assert found["outline"].count("L") == len(gazetteer.outline()) - 1
    assert {c["name"] for c in found["centres"]} == set(CENTRES)
    assert (
        found["data"]["tiles"]["url"]
        == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    )
    # a single place without a search origin: the tile map zooms in on it
    assert found["data"]["zoom"]


def test_a_far_point_stays_at_the_edge(demo_portal):
    """A provider in Berlin does not shrink the district to a dot."""
    found = place_map(
        [
            {"lat": 50.64, "lon": 9.69, "title": "here"},
            {"lat": 52.52, "lon": 13.40, "title": "Berlin"},
        ],
        label="Map",
    )
    width, height = float(found["width"]), float(found["height"])
    assert height < 2 * width
    berlin = found["markers"][1]
    assert float(berlin["x"]) <= width and float(berlin["y"]) >= 0


def test_the_script_data_cannot_end_its_script_element():
    text = script_json({"title": "</script><script>alert(1)</script> & \u2028"})
    assert "</" not in text and "<script" not in text
    assert json.loads(text)["title"].startswith("</script>")


def test_the_figure(demo_portal):
    request = demo_portal.REQUEST
    found = place_map(
        [{"lat": 50.64, "lon": 9.69, "title": 'A "quoted" <b>title</b>', "url": "u"}],
        label="Map of the offers",
        caption="Caption",
    )
    text = render_map(demo_portal, request, found)
    (name,) = re.findall(
        r'<figure class="ip-map ip-map-large"\s+id="(ip-map-\d+)"', text
    )
    assert 'role="img"' in text and f'aria-labelledby="{name}-title"' in text
    assert re.search(
        f'<title id="{name}-title"\\s*>\\s*Map of the offers\\s*</title>', text
    )
    assert re.search(r"<figcaption\s*>Caption</figcaption>", text)
    assert "<b>" not in text.replace("\\u003cb\\u003e", "")
    assert f"/{SCRIPT}?v=" in text and "defer" in text
    assert "leaflet.js" not in text  # places.js loads it, when tiles are set
    assert map_data(text)["points"][0]["title"] == 'A "quoted" <b>title</b>'
    # a second map on the same page gets its own ids
    assert name not in render_map(demo_portal, request, found)
    assert render_map(demo_portal, request, None) == ""


@pytest.mark.parametrize(
    ("km", "precision", "online", "language", "expected"),
    [
        (2.43, "point", False, "de", "2,4 km"),
        (2.43, "point", False, "en", "2.4 km"),
        (17.6, "point", False, "de", "18 km"),
        (17.6, "postal_code", False, "de", "≈ 18 km"),
        (0.02, "municipality", False, "de", "≈ 1 km"),
        (1234.6, "municipality", False, "de", "≈ 1.235 km"),
        (None, "point", False, "de", ""),
        (None, "", True, "de", "online"),
    ],
)
def test_distance_text(km, precision, online, language, expected):
    message = distance_text(km, precision, online=online, language=language)
    assert translate(message, target_language="en") == expected


# the finder -------------------------------------------------------------------


def test_the_finder_near_a_postal_code_shows_distances_and_the_map(demo_url):
    page = finder_page(demo_url + "/de", {"near": "99996", "radius": "25"})
    assert page.status_code == 200
    text = page.text
    distances = re.findall(r'offer-card-distance">.*?<bdi>([^<]*)</bdi>', text, re.S)
    urls = page_offer_urls(text)
    assert len(distances) == len(urls) > 0
    kilometres = [
        float(re.sub(r"[^\d,]", "", d).replace(",", "."))
        for d in distances
        if "km" in d
    ]
    assert kilometres == sorted(kilometres)
    data = map_data(text)
    on_map = [p["url"] for p in data["points"]]
    assert [url for url in urls if url in on_map] == on_map
    assert data["points"][0]["n"] == "1"
    assert data["origin"]["name"] == "99996"
    assert data["origin"]["radius_km"] == 25
    # the drawing numbers them as the list does
    numbers = sorted(int(n) for _x, _y, n in svg_markers(text))
    assert numbers == [int(p["n"]) for p in data["points"]]
    assert text.count(SCRIPT) == 1


def test_the_near_form_lists_municipalities_and_postal_codes(demo_url):
    text = finder_page(demo_url + "/de", {"near": "kirchberg", "radius": "10"}).text
    form = re.search(
        r'<fieldset class="offer-finder-near.*?</fieldset>', text, re.S
    ).group(0)
    assert (
        '<select class="form-select mb-2" id="offer-finder-near" name="near">' in form
    )
    groups = re.findall(r"<optgroup", form)
    assert len(groups) == 2
    options = re.findall(
        r'<option[^>]*value="([^"]*)"[^>]*data-lat="([\d.]+)" data-lon="([\d.]+)"', form
    )
    codes = {value for value, _lat, _lon in options if value.isdigit()}
    assert codes == set(POSTAL_CODES)
    for value, lat, lon in options:
        if value in POSTAL_CODES:
            assert (float(lat), float(lon)) == pytest.approx(
                POSTAL_CODES[value], abs=1e-4
            )
    assert re.search(r'<option[^>]*value="kirchberg"[^>]*selected', form)
    assert re.search(r'<option[^>]*value="10"[^>]*selected', form)
    for km in ("5", "10", "25", "50"):
        assert f'value="{km}"' in form
    # "Use my location" waits for the script; the form works without it
    assert re.search(r'<div class="ip-locate"\s+hidden', form)
    # a radius read from the address that is not one of the choices stays
    other = finder_page(demo_url + "/de", {"near": "kirchberg", "radius": "7"}).text
    assert re.search(r'<option[^>]*value="7"[^>]*selected', other)


def test_the_active_filters_name_the_place_and_the_radius(demo_url):
    text = finder_page(demo_url + "/de", {"near": "99996", "radius": "25"}).text
    chips = re.search(r'<ul class="offer-finder-active">.*?</ul>', text, re.S).group(0)
    links = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', chips)]
    assert any(link.endswith("@@offer-finder?near=99996") for link in links), links
    assert any(link.endswith("@@offer-finder") for link in links), links
    assert "99996" in chips


def test_a_finder_without_places_has_no_map_but_its_script(demo_url):
    text = finder_page(demo_url + "/de", {"q": "xyzzy"}).text
    assert "ip-map-data" not in text
    assert text.count(SCRIPT) == 1  # for "Use my location"


# the pages of an organisation and an offer ------------------------------------


def test_an_organisation_links_to_the_journey_planner(demo_url):
    url = demo_url + "/de/akteure/jobcenter-musterkreis"
    text = requests.get(url, timeout=30).text
    data = map_data(text)
    (point,) = data["points"]
    link = re.search(r'<a class="ip-map-journey"\s+href="([^"]+)"([^>]*)>', text)
    assert link, "no journey planner link"
    address = html.unescape(link.group(1))
    assert address.startswith("https://www.google.com/maps/dir/")
    assert f"destination={point['lat']:.6f},{point['lon']:.6f}" in address
    assert 'rel="noopener"' in link.group(2)


def test_an_online_offer_has_no_map(demo_url):
    answer = requests.get(
        demo_url + "/de/@@offer-finder",
        params={"near": "99991"},
        timeout=60,
    )
    online = re.findall(
        r'class="offer-card-title"><a href="([^"]+)".*?<bdi>online</bdi>',
        answer.text,
        re.S,
    )
    for url in online[:1]:
        assert "ip-map-data" not in requests.get(url, timeout=30).text


# the housing team's map -------------------------------------------------------


def test_the_staff_listing_shows_the_flats_at_their_centres(demo_url):
    answer = requests.get(demo_url + "/wohnungen", auth=OWNER, timeout=60)
    assert answer.status_code == 200
    data = map_data(answer.text)
    assert data["points"]
    centres = {tuple(p) for p in (*CENTRES.values(), *POSTAL_CODES.values())}
    for point in data["points"]:
        assert (point["lat"], point["lon"]) in centres  # never the address
    numbers = re.findall(r"<tr>\s*<td>(\d+)</td>", answer.text)
    assert {p["n"] for p in data["points"]} <= set(numbers)


def test_the_public_listing_of_flats_has_no_map(demo_url):
    answer = requests.get(demo_url + "/de/@@available-flats", timeout=60)
    assert answer.status_code == 200
    assert "ip-map" not in answer.text and SCRIPT not in answer.text
    anonymous = requests.get(demo_url + "/wohnungen", timeout=60)
    assert "ip-map-data" not in anonymous.text


@pytest.mark.parametrize("path", ["/de", "/de/ansprechpersonen/markus-feldmann", "/ar"])
def test_pages_without_a_map_load_nothing_of_it(demo_url, path):
    text = requests.get(demo_url + path, timeout=60).text
    assert "integrationsportal.places" not in text
    assert "leaflet" not in text.lower()
