"""The "Integrationsportal" distribution in Plone's "Create a Plone site" form
at the Zope root: the form reads its questions from ``@sites`` and sends the
answers there. Over HTTP, as the form does."""

from integrationsportal.shared.languages import SUPPORTED_LANGUAGES
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
import transaction


OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}

ANSWERS = {
    "site_id": "kreis",
    "title": "Integrationsportal Testkreis",
    "description": "",
    "portal_timezone": "Europe/Berlin",
    "default_language": "de",
    "available_languages": ["de", "en"],
    "district_name": "Testkreis",
    "municipalities": ["Astadt", "Bedorf"],
    "setup_content": False,
    "housing": {
        "retention_days": 90,
        "rent_limits": {"Astadt": [400, 480, 570, 660, 750, 840, 90]},
    },
    # the form adds the distribution's name
    "distribution": "integrationsportal",
}


@pytest.fixture
def root(functional_app):
    return functional_app.absolute_url()


def test_the_add_site_form_offers_the_distribution(root):
    page = requests.get(f"{root}/@@ploneAddSite", auth=OWNER, timeout=30)
    assert page.status_code == 200
    listing = requests.get(f"{root}/@sites", headers=JSON, auth=OWNER, timeout=30)
    assert listing.status_code == 200
    offered = {d["name"]: d["title"] for d in listing.json()["distributions"]}
    assert offered["integrationsportal"] == "Integrationsportal"


def test_the_form_asks_what_a_district_answers(root):
    response = requests.get(
        f"{root}/@sites/integrationsportal", headers=JSON, auth=OWNER, timeout=30
    )
    assert response.status_code == 200
    schema = response.json()["schema"]
    assert {
        "site_id",
        "title",
        "description",
        "portal_timezone",
        "default_language",
        "available_languages",
        "district_name",
        "municipalities",
        "setup_content",
        "housing",
        "open_data",
    } <= set(schema["properties"])
    assert set(schema["properties"]["housing"]["properties"]) == {
        "public_listing",
        "retention_days",
        "notify_addresses",
        "privacy_version",
        "rent_limits",
    }
    # the languages offered are the portal's, by their own names, in order
    options = schema["definitions"]["supported_languages"]["oneOf"]
    assert [(o["const"], o["title"]) for o in options] == [
        (language.code, language.native) for language in SUPPORTED_LANGUAGES
    ]
    languages = schema["properties"]["available_languages"]
    assert languages["items"] == {"$ref": "#/definitions/supported_languages"}
    assert schema["properties"]["setup_content"]["default"] is False
    # German unless chosen otherwise (no guess from the browser's language,
    # which may be a variant such as de-de the portal does not offer)
    assert schema["properties"]["default_language"]["default"] == "de"
    assert "default_language" not in response.json()["default_values"]


@pytest.mark.parametrize(
    "change,message",
    [
        # what the schema says: Plone's own message
        ({"available_languages": ["de", "fr"]}, "Invalid data"),
        ({"site_id": "9 kreis"}, "Invalid data"),
        ({"municipalities": []}, "Invalid data"),
        ({"housing": {"retention_days": 0}}, "Invalid data"),
        # answers that contradict each other: the field is named
        (
            {"default_language": "ar"},
            "Field 'default_language': 'ar' must be one of the available languages",
        ),
        (
            {"housing": {"rent_limits": {"Cestadt": [1, 2, 3, 4, 5, 6, 7]}}},
            "Field 'housing.rent_limits.Cestadt': is not one of the district's "
            "municipalities",
        ),
        # the id of the layer's portal: taken
        ({"site_id": "plone"}, "already in use"),
    ],
)
def test_invalid_answers_are_refused_with_400(root, functional_app, change, message):
    response = requests.post(
        f"{root}/@sites", json={**ANSWERS, **change}, headers=JSON, auth=OWNER
    )
    assert response.status_code == 400, response.text
    assert message in response.json()["message"]
    transaction.abort()  # see what the server committed
    assert "kreis" not in functional_app.objectIds()


def test_the_form_creates_a_district_portal(root, functional_app):
    response = requests.post(f"{root}/@sites", json=ANSWERS, headers=JSON, auth=OWNER)
    assert response.status_code == 200, response.text
    assert response.json()["@id"] == f"{root}/kreis"
    # the root offers the portal's languages; a reader who chose one before
    # goes straight to its start page
    chooser = requests.get(f"{root}/kreis", timeout=30)
    assert chooser.status_code == 200
    assert f'href="{root}/kreis/de?set_language=de"' in chooser.text
    home = requests.get(f"{root}/kreis", cookies={"I18N_LANGUAGE": "de"}, timeout=30)
    assert home.status_code == 200
    assert home.url == f"{root}/kreis/de"
    assert "Integrationsportal Testkreis" in home.text
    transaction.abort()
    portal = functional_app["kreis"]
    assert {"de", "en", "wohnungen"} <= set(portal.objectIds())
    registry = portal.portal_registry
    assert registry["integrationsportal.district_name"] == "Testkreis"
    assert registry["integrationsportal.municipalities"] == ["Astadt", "Bedorf"]
    assert registry["integrationsportal.housing.retention_days"] == 90
    assert registry["integrationsportal.housing.rent_limits"]["astadt|3"] == 570.0
    assert registry["plone.available_languages"] == ["de", "en"]
    # no open-data answers: the settings' default licence
    assert registry["integrationsportal.open_data_licence_url"] == (
        "https://www.govdata.de/dl-de/by-2-0"
    )
    assert portal.portal_groups.getGroupById("translators-en") is not None
