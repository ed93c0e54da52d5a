"""Open data with coordinates, over HTTP on the demo portal: the location
columns of the CSV and JSON datasets, the GeoJSON dataset (valid, inside the
district, [longitude, latitude] as RFC 7946 wants), what it refuses, and
that nothing a visitor may not see gets into it."""

from integrationsportal.feedback.store import file_report
from integrationsportal.feedback.store import reports_folder
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.dexterity.utils import createContentInContainer
from plone.formwidget.geolocation.geolocation import Geolocation
from shapely.geometry import Polygon
from shapely.geometry import shape
from support import OWNER
from support import ROOT
import csv
import io
import pytest
import requests
import tomllib
import transaction


LOCATION = ["latitude", "longitude", "location_precision"]
# the columns before the locations came: a contract with existing consumers
EARLIER = {
    "offers": [
        "id", "url", "language", "title", "description", "categories",
        "target_groups", "residence_status", "german_level", "languages",
        "age_min", "age_max", "municipality", "online", "start", "end",
        "opening_hours", "cost", "cost_note", "funding", "registration",
        "barrier_free", "childcare", "places", "offer_status", "provider",
        "provider_id", "contact_ids", "street", "zip_code", "city", "phone",
        "email", "website", "last_verified", "modified",
    ],
    "organisations": [
        "id", "url", "language", "title", "description", "kind",
        "responsibilities", "municipality", "street", "zip_code", "city",
        "phone", "email", "website", "opening_hours", "languages",
        "last_verified", "modified",
    ],
}  # fmt: skip
PLACED = ("offers", "organisations")
# demo items whose place is known from the demo content
OFFER = "de/angebote/deutsch-fuer-die-pflege"  # postal code 99997
ONLINE_OFFER = "de/angebote/berufssprachkurs-c1-online"
ORGANISATION = "de/akteure/agentur-fuer-arbeit-musterstadt"  # set on the map
# the demo's offers that are not published
UNPUBLISHED = (
    "de/angebote/deutschkurs-a2-abend-waldhausen",
    "de/angebote/job-speed-dating-2027",
)
MARKER = "Geheimort Zwölf"


def get(url, **kwargs):
    return requests.get(url, timeout=60, allow_redirects=False, **kwargs)


def get_ok(url, **kwargs):
    response = get(url, **kwargs)
    assert response.status_code == 200, (url, response.text[-2000:])
    return response


@pytest.fixture(scope="module")
def district():
    """The district's outline from the demo's site profile, as a polygon
    in GeoJSON's order (longitude, latitude)."""
    profile = tomllib.loads((ROOT / "profiles" / "musterkreis.toml").read_text())
    return Polygon([(lon, lat) for lat, lon in profile["places"]["outline"]])


def catalog_entry(portal, path):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        path={"query": "/".join((*portal.getPhysicalPath(), path)), "depth": 0}
    )
    return brain


@pytest.mark.parametrize("root", ["", "/de", "/en"])
@pytest.mark.parametrize("dataset", PLACED)
def test_geojson_is_valid_and_inside_the_district(demo_url, district, root, dataset):
    base = f"{demo_url}{root}"
    response = get_ok(f"{base}/@@open-data.geojson?dataset={dataset}")
    assert response.headers["Content-Type"].startswith("application/geo+json")
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{dataset}.geojson"'
    as_json = get_ok(f"{base}/@@open-data.json?dataset={dataset}")
    assert response.headers["Cache-Control"] == as_json.headers["Cache-Control"]
    body = response.json()
    items = as_json.json()
    assert body["type"] == "FeatureCollection"
    assert "crs" not in body  # RFC 7946: WGS 84 always
    assert body["licence"] == items["licence"] and body["licence"]["name"]
    assert body["dataset"] == dataset and body["source"] == base
    assert body["fields"] == items["fields"]
    features = body["features"]
    assert features and body["count"] == len(features)
    placed = [i for i in items["items"] if i["latitude"] is not None]
    # one feature per item with a place, the JSON item as its properties
    assert [f["properties"] for f in features] == placed
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["id"] == feature["properties"]["id"]
        geometry = shape(feature["geometry"])
        assert geometry.geom_type == "Point" and geometry.is_valid
        assert district.covers(geometry), feature["properties"]["title"]
        properties = feature["properties"]
        assert feature["geometry"]["coordinates"] == [
            properties["longitude"],
            properties["latitude"],
        ]
        assert properties["location_precision"] in (
            "point",
            "postal_code",
            "municipality",
        )
        if root:
            assert properties["language"] == root[1:]
    if not root:  # the portal root holds every language
        assert len({f["properties"]["language"] for f in features}) > 1


def test_coordinates_come_from_the_catalog_longitude_first(demo_portal, demo_url):
    offer = catalog_entry(demo_portal, OFFER)
    organisation = catalog_entry(demo_portal, ORGANISATION)
    assert organisation.place_point == "50.637100,9.699800"
    assert organisation.place_precision == "point"
    for brain, dataset in ((offer, "offers"), (organisation, "organisations")):
        lat, lon = (float(v) for v in brain.place_point.split(","))
        body = get_ok(f"{demo_url}/de/@@open-data.geojson?dataset={dataset}").json()
        (feature,) = [f for f in body["features"] if f["id"] == brain.UID]
        assert feature["geometry"]["coordinates"] == [lon, lat]
        assert lon < lat  # in Germany: a longitude first is the smaller number
        assert feature["properties"]["location_precision"] == brain.place_precision
    assert offer.place_precision == "postal_code"


@pytest.mark.parametrize("dataset", PLACED)
def test_csv_and_json_end_with_the_location(demo_portal, demo_url, dataset):
    base = f"{demo_url}/de"
    text = get_ok(f"{base}/@@open-data.csv?dataset={dataset}").text
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames == EARLIER[dataset] + LOCATION
    body = get_ok(f"{base}/@@open-data.json?dataset={dataset}").json()
    assert body["fields"] == reader.fieldnames
    assert [list(item) for item in body["items"]] == [reader.fieldnames] * len(rows)
    by_id = {row["id"]: row for row in rows}
    for item in body["items"]:
        row = by_id[item["id"]]
        if item["latitude"] is None:
            assert item["longitude"] is None and item["location_precision"] == ""
            assert row["latitude"] == row["longitude"] == ""
            assert row["location_precision"] == ""
        else:
            assert float(row["latitude"]) == item["latitude"]
            assert float(row["longitude"]) == item["longitude"]
            assert row["location_precision"] == item["location_precision"]
    if dataset == "offers":
        online = catalog_entry(demo_portal, ONLINE_OFFER).UID
        assert by_id[online]["latitude"] == ""
        assert by_id[online]["location_precision"] == ""
        geojson = get_ok(f"{base}/@@open-data.geojson?dataset=offers").json()
        assert online not in {f["id"] for f in geojson["features"]}


def test_contacts_have_no_location_and_no_geojson(demo_url):
    body = get_ok(f"{demo_url}/de/@@open-data.json?dataset=contacts").json()
    assert not set(LOCATION) & set(body["fields"])
    response = get(f"{demo_url}/de/@@open-data.geojson?dataset=contacts")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?dataset=",
        "?dataset=contacts",
        "?dataset=users",
        "?dataset=Offers",
        "?dataset=offers&dataset=offers",
        "?dataset=offers&dataset=organisations",
        "?dataset:list=offers",
        "?dataset:int=1",
        "?dataset:record=1",
        "?dataset=offers&format=kml",
        "?dataset=offers&%3Cscript%3E=1",
        "?x=1",
        "?dataset=%3Cscript%3Ealert(1)%3C/script%3E",
        "?dataset=" + "x" * 5000,
    ],
)
def test_bad_requests_answer_400_in_plain_words(demo_url, query):
    response = get(f"{demo_url}/de/@@open-data.geojson{query}")
    assert response.status_code == 400, response.text[-2000:]
    assert "dataset" in response.text and "Traceback" not in response.text
    assert "<script>" not in response.text
    if ":int" in query or ":record" in query:
        return  # a value of the wrong kind: the portal's page for it (hardening)
    assert response.headers["Content-Type"].startswith("text/plain")
    assert len(response.text) < 200


def test_a_page_lists_the_geojson_downloads(demo_url):
    page = get_ok(f"{demo_url}/de/@@open-data").text
    for dataset in PLACED:
        assert f"/de/@@open-data.geojson?dataset={dataset}" in page
    assert "@@open-data.geojson?dataset=contacts" not in page
    assert "location_precision" in page


def test_nothing_staff_only_leaks(demo_portal, demo_url):
    """A flat, a private offer, an organisation waiting for review and a
    feedback report, all with a place, are in no dataset; the demo's two
    unpublished offers neither. Not for a visitor, not for the site owner."""
    portal = demo_portal
    point = Geolocation(50.64, 9.69)
    with api.env.adopt_user(SITE_OWNER_NAME):
        flats = portal.get("wohnungen") or createContentInContainer(
            portal, "HousingOffers", id="wohnungen", checkConstraints=False
        )
        flat = createContentInContainer(
            flats,
            "HousingOffer",
            checkConstraints=False,
            title=MARKER,
            street=MARKER,
            zip_code="99991",
            municipality="musterstadt",
            geolocation=point,
        )
        api.content.transition(obj=flat, transition="check")
        offer = api.content.create(
            portal["de"]["angebote"],
            "Offer",
            title=MARKER,
            municipality="musterstadt",
            geolocation=point,
        )
        organisation = api.content.create(
            portal["de"]["akteure"],
            "Organisation",
            title=MARKER,
            municipality="musterstadt",
            geolocation=point,
        )
        api.content.transition(obj=organisation, transition="submit")
        report = file_report(
            reports_folder(create=True),
            {
                "kind": "offer",
                "target_uid": offer.UID(),
                "target_title": MARKER,
                "text": MARKER,
                "reason": "wrong",
            },
        )
    uids = [o.UID() for o in (flat, offer, organisation, report)]
    uids += [catalog_entry(portal, path).UID for path in UNPUBLISHED]
    assert catalog_entry(portal, "wohnungen/" + flat.getId()).place_point
    transaction.commit()
    for root in ("", "/de"):
        for dataset in PLACED:
            for view in ("geojson", "json", "csv"):
                url = f"{demo_url}{root}/@@open-data.{view}?dataset={dataset}"
                for auth in (None, OWNER):
                    text = get_ok(url, auth=auth).text
                    assert MARKER not in text, url
                    for uid in uids:
                        assert uid not in text, (url, uid)
