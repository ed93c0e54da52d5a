"""What places must not give away, on the demo portal: the map marker's
popup (plone.formwidget.geolocation's ``geolocation-geojson-popup``) shows
no title to a visitor who may not see the item; a flat is never placed at
its exact address; and no flat is found by the offer finder."""

from integrationsportal.housing.form import FOLDER_ID
from integrationsportal.places.behavior import IPlace
from places_data import all_items
from places_data import JSON
from places_data import POSTAL_CODES
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.formwidget.geolocation.geolocation import Geolocation
from zope.interface import alsoProvides
import pytest
import requests
import transaction


pytestmark = pytest.mark.usefixtures("demo_session")

DRAFT = "de/angebote/deutschkurs-a2-abend-waldhausen"
PUBLISHED = "de/angebote/deutsch-fuer-die-pflege"
SECRET = "Vertrauliche Stelle Zwölf"
POPUPS = ("@@geolocation-geojson-popup", "geolocation-geojson-popup")


@pytest.fixture
def hidden(demo_portal):
    """{what: object} of items an anonymous visitor may not see: a private
    organisation with a point, the demo's draft offer, a flat."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        private = api.content.create(
            demo_portal.unrestrictedTraverse("de/akteure"),
            "Organisation",
            title=SECRET,
            kind="migrationsberatung",
        )
        private.geolocation = Geolocation(50.66, 9.71)
        private.reindexObject()
    transaction.commit()
    flats = demo_portal[FOLDER_ID]
    flat = flats[flats.objectIds()[0]]
    return {
        "private": private,
        "draft": demo_portal.unrestrictedTraverse(DRAFT),
        "flat": flat,
    }


def title_of(obj):
    return obj.title


@pytest.mark.parametrize("what", ["private", "draft", "flat"])
@pytest.mark.parametrize("popup", POPUPS)
def test_the_marker_popup_shows_no_hidden_title(hidden, what, popup):
    obj = hidden[what]
    assert api.content.get_state(obj) != "published"
    answer = requests.get(
        f"{obj.absolute_url()}/{popup}", allow_redirects=False, timeout=60
    )
    assert answer.status_code in (302, 401, 403), answer.status_code
    if answer.status_code == 302:
        assert "login" in answer.headers["Location"]
    assert title_of(obj) not in answer.text
    followed = requests.get(f"{obj.absolute_url()}/{popup}", timeout=60)
    assert title_of(obj) not in followed.text


def test_the_marker_popup_of_a_public_item_shows_its_title(demo_portal):
    obj = demo_portal.unrestrictedTraverse(PUBLISHED)
    answer = requests.get(f"{obj.absolute_url()}/@@geolocation-geojson-popup")
    assert answer.status_code == 200
    assert f"<h3>{obj.title}</h3>" in answer.text


def flat_place(obj):
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=obj.UID())
    return brain.place_point, brain.place_precision


def test_a_flat_is_never_placed_at_its_address(demo_portal, hidden):
    flat = hidden["flat"]
    point, precision = flat_place(flat)
    assert precision in ("postal_code", "municipality")
    # a point on the flat itself (from an import, or the behaviour switched
    # on for flats in the types control panel) stays out of the catalog
    exact = Geolocation(50.6612, 9.7133)
    with api.env.adopt_user(SITE_OWNER_NAME):
        flat.geolocation = exact
        alsoProvides(flat, IPlace)
        flat.reindexObject()
    transaction.commit()
    assert flat_place(flat) == (point, precision)
    assert "50.661200" not in point
    # the flat's postal code, once the district lists it, is its place
    with api.env.adopt_user(SITE_OWNER_NAME):
        flat.postal_code = "99994"
        flat.reindexObject()
    transaction.commit()
    lat, lon = POSTAL_CODES["99994"]
    assert flat_place(flat) == (f"{lat:.6f},{lon:.6f}", "postal_code")


@pytest.mark.parametrize(
    "params", [{"near": "99991"}, {"near": "lindenau", "radius": "200"}]
)
def test_no_flat_among_the_offers_near_a_place(demo_url, demo_portal, params):
    flats = demo_portal[FOLDER_ID]
    assert flats.objectIds()
    for auth in (None, ("wohnungsteam", "musterkreis-demo")):
        first, items = all_items(demo_url, params)
        assert items
        assert all(item["@type"] == "Offer" for item in items)
        assert not [i for i in items if f"/{FOLDER_ID}/" in i["@id"]]
        answer = requests.get(
            f"{demo_url}/@offer-finder", params=params, headers=JSON, auth=auth
        )
        assert f"/{FOLDER_ID}/" not in answer.text
