"""The maps in a real browser (places/): the finder near a postal code in
German on a desktop and in Arabic on a phone, with the tile map over the
drawing; a tile server that cannot be reached, and no JavaScript at all,
leave the drawing and the list; "Use my location" sends a place, never
the position; axe-core on the pages with a map; the journey planner's
link; and pages without a map load nothing of it.

The tile server is never reached from the tests: its address answers
with a tile made here (or not at all)."""

from e2e_support import Page
from e2e_support import screenshot
from e2e_support import slug
import io
import json
import pytest
import re


FINDER = Page("finder near", "/de", "@@offer-finder?near=99996&radius=25")
ORGANISATION = Page(
    "organisation", "/de/akteure/jobcenter-musterkreis", languages=("de",)
)
OFFER = Page("offer", "/de/angebote/integrationskurs-am-vormittag")
NO_MAP = (
    Page("start page", "/de"),
    Page("contact", "/de/ansprechpersonen/markus-feldmann", languages=("de",)),
    Page("chain", "/de/prozessketten/gefluechtete-in-arbeit"),
)
TILES = "**/tile.openstreetmap.org/**"
MAP = "figure.ip-map"
MIN_TARGET = 24  # px: WCAG 2.2 target size (minimum)


def tile_png():
    """A light 256 px tile with a road, so that screenshots show a map."""
    from PIL import Image
    from PIL import ImageDraw

    image = Image.new("RGB", (256, 256), (236, 232, 222))
    draw = ImageDraw.Draw(image)
    for i in range(0, 256, 64):
        draw.line([(i, 0), (i, 256)], fill=(214, 208, 196), width=2)
        draw.line([(0, i), (256, i)], fill=(214, 208, 196), width=2)
    draw.line([(0, 200), (256, 40)], fill=(252, 252, 252), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


TILE = tile_png()


def serve_tiles(context):
    context.route(
        TILES,
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )


def address(reader_pages, page, language):
    target = reader_pages((page,))[page.name, language]
    if not target.url:
        pytest.skip(target.note)
    return target.url


def watch_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def distances(page):
    """The km of the result cards, in the order of the list."""
    texts = page.locator(".offer-card-distance bdi").all_inner_texts()
    numbers = []
    for text in texts:
        digits = re.sub(
            r"[^\d,.]", "", text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫", "0123456789,"))
        )
        if digits:
            numbers.append(float(digits.replace(".", "").replace(",", ".")))
    return numbers


def open_map(page, url):
    page.goto(url)
    page.locator(MAP).scroll_into_view_if_needed()
    page.wait_for_selector(f"{MAP}.ip-map-is-live", timeout=30_000)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def inside(inner, outer, slack=1):
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


# (a) the finder near a postal code ------------------------------------------


@pytest.mark.parametrize(("language", "size"), [("de", "desktop"), ("ar", "phone")])
def test_the_finder_near_a_place_shows_the_tile_map(
    request, reader_pages, language, size
):
    context = request.getfixturevalue(size)
    serve_tiles(context)
    page = context.new_page()
    errors = watch_errors(page)
    open_map(page, address(reader_pages, FINDER, language))
    km = distances(page)
    assert km and km == sorted(km), km
    # one marker per place, numbered with the list's numbers
    data = json.loads(page.locator(f"{MAP} .ip-map-data").text_content())
    places = {(p["lat"], p["lon"]) for p in data["points"]}
    pins = page.locator(f"{MAP} .ip-map-pin")
    assert pins.count() == len(places) > 0
    assert pins.first.inner_text().strip().startswith("1")
    # the drawing gives way to the tiles; the attribution stays visible
    assert not page.locator(f"{MAP} svg.ip-map-svg").is_visible()
    attribution = page.locator(f"{MAP} .leaflet-control-attribution")
    assert attribution.is_visible()
    assert "OpenStreetMap" in attribution.inner_text()
    frame = box(page, f"{MAP} .ip-map-frame")
    assert inside(attribution.bounding_box(), frame)
    # Leaflet's controls laid out left to right, inside the map, big enough
    live = page.locator(f"{MAP} .ip-map-live")
    assert live.get_attribute("dir") == "ltr"
    for control in (".leaflet-control-zoom-in", ".leaflet-control-zoom-out"):
        found = box(page, f"{MAP} {control}")
        assert inside(found, frame), control
        assert min(found["width"], found["height"]) >= MIN_TARGET, control
    pin = box(page, f"{MAP} .ip-map-pin span")
    assert min(pin["width"], pin["height"]) >= MIN_TARGET
    # a marker's popup links to the offer, its text in its own direction
    pins.first.click()
    popup = page.locator(f"{MAP} .leaflet-popup-content .ip-map-popup")
    popup.wait_for()
    assert popup.get_attribute("dir") == "auto"
    assert popup.locator("a").first.get_attribute("href") == data["points"][0]["url"]
    screenshot(page, slug(size, language, "finder near map"), full_page=False)
    assert not errors, errors


# (b) no tiles -----------------------------------------------------------------


def test_an_unreachable_tile_server_leaves_the_drawing(phone, reader_pages):
    phone.route(TILES, lambda route: route.abort())
    page = phone.new_page()
    errors = watch_errors(page)
    page.goto(address(reader_pages, FINDER, "ar"))
    page.locator(MAP).scroll_into_view_if_needed()
    page.wait_for_function("() => window.L !== undefined", timeout=30_000)
    page.wait_for_timeout(1500)  # time for the tiles that never come
    assert page.locator(f"{MAP}.ip-map-is-live").count() == 0
    svg = page.locator(f"{MAP} svg.ip-map-svg")
    assert svg.is_visible()
    assert svg.get_attribute("role") == "img"
    assert page.locator(f"{MAP} svg .ip-map-outline").count() == 1
    assert page.locator(f"{MAP} svg .ip-map-marker").count() > 0
    assert page.locator(".offer-cards .offer-card").first.is_visible()
    screenshot(page, slug("phone", "ar", "finder near no tiles"), full_page=False)
    assert not errors, errors


# (c) without JavaScript -------------------------------------------------------


def test_near_and_radius_work_without_javascript(browser, reader_pages):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        loaded = []
        context.on("request", lambda r: loaded.append(r.url))
        page = context.new_page()
        base = address(reader_pages, Page("finder", "/de", "@@offer-finder"), "de")
        page.goto(base)
        assert not page.locator(".ip-locate").is_visible()
        page.locator("#offer-finder-filter-panel > summary").click()
        page.select_option("#offer-finder-near", "99996")
        page.select_option("#offer-finder-radius", "25")
        with page.expect_navigation():
            page.locator("#offer-finder-filters button[type=submit]").click()
        assert "near=99996" in page.url and "radius=25" in page.url
        chips = page.locator(".offer-finder-active").inner_text()
        assert "99996" in chips and "25" in chips
        assert page.locator(f"{MAP} svg.ip-map-svg").is_visible()
        km = distances(page)
        assert km and km == sorted(km)
        assert not [url for url in loaded if "leaflet" in url], loaded
    finally:
        context.close()


# "Use my location" ------------------------------------------------------------


def test_use_my_location_sends_the_nearest_place_only(browser, reader_pages):
    here = {"latitude": 50.5251, "longitude": 9.7452}  # next to 99996's centre
    context = browser.new_context(
        geolocation=here,
        permissions=["geolocation"],
        viewport={"width": 390, "height": 844},
    )
    try:
        sent = []
        context.on("request", lambda r: sent.append((r.url, r.post_data or "")))
        page = context.new_page()
        page.goto(address(reader_pages, Page("finder", "/de", "@@offer-finder"), "de"))
        page.locator("#offer-finder-filter-panel > summary").click()
        button = page.locator(".ip-locate button")
        assert button.is_visible()
        with page.expect_navigation():
            button.click()
        assert "near=99996" in page.url, page.url
        for url, body in sent:
            assert "50.525" not in url + body and "9.745" not in url + body
    finally:
        context.close()


# (d) axe-core ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_name", "language"),
    [
        ("finder near", "de"),
        ("finder near", "ar"),
        ("organisation", "de"),
        ("offer", "de"),
        ("offer", "ar"),
    ],
)
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violation_on_pages_with_a_map(
    request, reader_pages, axe_source, page_name, language, size
):
    page_of = {p.name: p for p in (FINDER, ORGANISATION, OFFER)}[page_name]
    context = request.getfixturevalue(size)
    serve_tiles(context)
    page = context.new_page()
    open_map(page, address(reader_pages, page_of, language))
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run({exclude: [['#edit-bar']]})")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
    ]
    screenshot(page, slug(size, language, page_name, "map"), full_page=False)
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


# (e) the journey planner ----------------------------------------------------------


def test_the_organisation_links_to_the_journey_planner(desktop, reader_pages):
    page = desktop.new_page()
    page.goto(address(reader_pages, ORGANISATION, "de"))
    data = json.loads(page.locator(f"{MAP} .ip-map-data").text_content())
    (point,) = data["points"]
    link = page.locator("a.ip-map-journey")
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href.startswith("https://www.google.com/maps/dir/")
    assert f"destination={point['lat']:.6f},{point['lon']:.6f}" in href
    assert link.get_attribute("rel") == "noopener"
    assert link.get_attribute("target") == "_blank"


# (f) pages without a map ------------------------------------------------------------


@pytest.mark.parametrize("page_of", NO_MAP, ids=lambda p: slug(p.name))
@pytest.mark.parametrize("language", ["de", "ar"])
def test_pages_without_a_map_load_nothing_of_it(phone, reader_pages, page_of, language):
    if page_of.languages and language not in page_of.languages:
        pytest.skip(f"no {language} {page_of.name} in the demo")
    loaded = []
    phone.on("request", lambda r: loaded.append(r.url))
    page = phone.new_page()
    page.goto(address(reader_pages, page_of, language))
    page.wait_for_load_state("networkidle")
    assert page.locator(MAP).count() == 0
    assert not [u for u in loaded if "leaflet" in u or "integrationsportal.places" in u]
