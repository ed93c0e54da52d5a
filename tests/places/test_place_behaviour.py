"""Points set and moved, on the demo portal: an editor sets an
organisation's point through REST and its offers without a place of their
own move with it (in the catalog, in the finder's ``place`` and in its
distances); a malformed point is refused with 400 and changes nothing; new
municipality centres move the offers placed at a municipality's centre."""

from integrationsportal.places.interfaces import PREFIX
from places_data import CENTRES
from places_data import finder_json
from places_data import great_circle_km
from places_data import JSON
from places_data import POSTAL_CODES
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
from support import OWNER
from support import rel
import json
import pytest
import requests
import transaction


pytestmark = pytest.mark.usefixtures("demo_session")

EDITOR = ("redaktion", "musterkreis-demo")  # a demo user in the group editors
PROVIDER = "de/akteure/sozialwerk-musterkreis"  # Beispielheim, 99992, no point
PLACED = "de/akteure/jobcenter-musterkreis"  # set on the map
NEW_POINT = {"latitude": 50.7301, "longitude": 9.5012}


def catalog_place(portal, obj):
    transaction.begin()  # what the server committed
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=obj.UID())
    return brain.place_point, brain.place_precision


def finder_item(url, uid, **params):
    items = []
    answer = finder_json(url, {"page": 1, **params})
    items += answer["items"]
    for page in range(2, answer["pages"] + 1):
        items += finder_json(url, {**params, "page": page})["items"]
    (item,) = [i for i in items if i["UID"] == uid]
    return item


def patch(url, body, auth=EDITOR):
    data = body if isinstance(body, str) else json.dumps(body)
    return requests.patch(
        url,
        data=data,
        headers={**JSON, "Content-Type": "application/json"},
        auth=auth,
        timeout=60,
    )


def read_point(url):
    answer = requests.get(url, headers=JSON, auth=EDITOR, timeout=60)
    assert answer.status_code == 200
    return answer.json()["geolocation"]


@pytest.fixture
def offers(demo_portal):
    """A published offer of the provider without an address of its own,
    and one in Kirchberg with neither address nor provider."""
    provider = demo_portal.unrestrictedTraverse(PROVIDER)
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = demo_portal.unrestrictedTraverse("de/angebote")
        follows = create_published(
            folder,
            "Offer",
            title="Nachbarschaftstreff ohne Adresse",
            provider=rel(provider),
            municipality="beispielheim",
            online="in_person",
            offer_status="active",
        )
        central = create_published(
            folder,
            "Offer",
            title="Sprechstunde im Ortskern",
            municipality="kirchberg",
            online="in_person",
            offer_status="active",
        )
    transaction.commit()
    return follows, central


def test_an_organisations_new_point_moves_its_offers(demo_url, demo_portal, offers):
    follows, _central = offers
    provider = demo_portal.unrestrictedTraverse(PROVIDER)
    with_address = demo_portal.unrestrictedTraverse("de/angebote/wohnraumberatung")
    assert with_address.zip_code == "99992"
    assert catalog_place(demo_portal, follows) == (
        "50.712000,9.566000",
        "postal_code",
    )
    origin = POSTAL_CODES["99992"]
    before = finder_item(demo_url, follows.UID(), near="99992")
    assert before["distance_km"] == 0

    answer = patch(provider.absolute_url(), {"geolocation": NEW_POINT})
    assert answer.status_code == 204, answer.text

    assert read_point(provider.absolute_url()) == NEW_POINT
    assert catalog_place(demo_portal, follows) == ("50.730100,9.501200", "point")
    after = finder_item(demo_url, follows.UID(), near="99992")
    assert after["place"] == {**NEW_POINT, "precision": "point"}
    new_point = (NEW_POINT["latitude"], NEW_POINT["longitude"])
    assert after["distance_km"] == pytest.approx(
        great_circle_km(origin, new_point), abs=0.051
    )
    assert after["distance_km"] > 4
    # within 3 km of its postal code no more; within 6 km still
    near = {"near": "99992", "radius": "3"}
    assert follows.UID() not in {i["UID"] for i in finder_json(demo_url, near)["items"]}
    # an offer of the same provider at the provider's address (street and
    # postal code) takes place in its building: it moves too
    assert (with_address.street, with_address.zip_code) == (
        provider.street,
        provider.zip_code,
    )
    moves = finder_item(demo_url, with_address.UID(), near="99992")
    assert moves["distance_km"] == after["distance_km"]
    assert moves["place"]["precision"] == "point"

    # the point taken away: the offer is back at the postal code
    assert patch(provider.absolute_url(), {"geolocation": None}).status_code == 204
    assert read_point(provider.absolute_url()) == {}
    assert catalog_place(demo_portal, follows)[1] == "postal_code"


BAD_POINTS = {
    "strings": {"geolocation": {"latitude": "50.6", "longitude": "9.7"}},
    "text": {"geolocation": {"latitude": "abc", "longitude": 9.7}},
    "latitude 95": {"geolocation": {"latitude": 95, "longitude": 9.7}},
    "longitude 190": {"geolocation": {"latitude": 50.6, "longitude": 190}},
    "a list": {"geolocation": [50.6, 9.7]},
    "a text": {"geolocation": "50.6,9.7"},
    "a number": {"geolocation": 50.6},
    "latitude only": {"geolocation": {"latitude": 50.6}},
    "nulls": {"geolocation": {"latitude": None, "longitude": None}},
    "booleans": {"geolocation": {"latitude": True, "longitude": 9.7}},
    "an extra key": {"geolocation": {"latitude": 50.6, "longitude": 9.7, "z": 1}},
    "nested": {"geolocation": {"latitude": {"value": 50.6}, "longitude": 9.7}},
    "NaN": '{"geolocation": {"latitude": NaN, "longitude": 9.7}}',
    "Infinity": '{"geolocation": {"latitude": 50.6, "longitude": Infinity}}',
}


@pytest.mark.parametrize("body", BAD_POINTS.values(), ids=BAD_POINTS.keys())
def test_a_malformed_point_is_refused_and_changes_nothing(demo_url, demo_portal, body):
    organisation = demo_portal.unrestrictedTraverse(PLACED)
    url = organisation.absolute_url()
    before = read_point(url)
    place_before = catalog_place(demo_portal, organisation)
    assert before == {"latitude": 50.6452, "longitude": 9.6951}

    answer = patch(url, body)
    assert answer.status_code == 400, answer.text
    if not isinstance(body, str):  # JSON with NaN is refused before any field
        assert "geolocation" in answer.json()["message"]
    assert "Traceback" not in answer.text

    assert read_point(url) == before
    assert catalog_place(demo_portal, organisation) == place_before


def test_new_municipality_centres_move_the_offers_placed_there(
    demo_url, demo_portal, offers
):
    _follows, central = offers
    kirchberg = CENTRES["Kirchberg"]
    with_address = demo_portal.unrestrictedTraverse(
        "de/angebote/einstiegsqualifizierung-metallbau"
    )
    before = finder_item(demo_url, central.UID(), near="99991")
    assert before["place"] == {
        "latitude": kirchberg[0],
        "longitude": kirchberg[1],
        "precision": "municipality",
    }
    fixed = finder_item(demo_url, with_address.UID(), near="99991")

    # the district moves Kirchberg's centre (as the control panel does)
    centres = dict(api.portal.get_registry_record(f"{PREFIX}.municipality_centres"))
    centres["Kirchberg"] = "50.5301,9.7702"
    answer = requests.patch(
        f"{demo_url}/@registry",
        json={f"{PREFIX}.municipality_centres": centres},
        headers=JSON,
        auth=OWNER,
        timeout=60,
    )
    assert answer.status_code == 204, answer.text

    after = finder_item(demo_url, central.UID(), near="99991")
    assert after["place"] == {
        "latitude": 50.5301,
        "longitude": 9.7702,
        "precision": "municipality",
    }
    assert after["distance_km"] == pytest.approx(
        great_circle_km(POSTAL_CODES["99991"], (50.5301, 9.7702)), abs=0.051
    )
    assert after["distance_km"] != before["distance_km"]
    # an offer with its own postal code stays where it was
    assert finder_item(demo_url, with_address.UID(), near="99991") == fixed
    # and searching near Kirchberg starts from its new centre
    assert finder_item(demo_url, central.UID(), near="kirchberg")["distance_km"] == 0
