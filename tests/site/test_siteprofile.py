"""Answer files (site profiles): read, checked, and turned into working
portals by the "Integrationsportal" distribution."""

from integrationsportal.site.profile import load_site_profile
from integrationsportal.site.profile import SiteProfileError
from plone import api
from plone.distribution.api.distribution import get_current_distribution
import pytest


VALID = """
[site]
id = "kreis"
title = "Integrationsportal Testkreis"
description = "Ein Testportal."
timezone = "Europe/Berlin"

[languages]
default = "de"
available = ["de", "en", "ar"]

[district]
name = "Testkreis"
municipalities = ["Astadt", "Bedorf"]

[content]
demo = false

[open_data]
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"

[housing]
public_listing = true
retention_days = 90
notify = ["wohnen@example.org"]
privacy_version = "2"

[housing.rent_limits]
"Astadt" = [400, 480, 570, 660, 750, 840, 90]
"""


@pytest.fixture
def write_profile(tmp_path):
    def write(text, name="kreis.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize("name", ["musterkreis.toml", "minimal.toml"])
def test_shipped_profiles_are_valid(project_root, name):
    answers = load_site_profile(project_root / "profiles" / name)
    assert answers["site_id"] == "Plone"
    assert answers["default_language"] == "de"
    assert answers["municipalities"]


def test_musterkreis_is_the_demo(project_root):
    answers = load_site_profile(project_root / "profiles" / "musterkreis.toml")
    assert answers["setup_content"] is True
    assert len(answers["municipalities"]) >= 8
    assert {"de", "en", "ar", "fa", "uk", "tr"} <= set(answers["available_languages"])


def test_open_data_licence_may_be_left_out(write_profile):
    text = VALID.split("[open_data]")[0] + "[housing]" + VALID.split("[housing]")[1]
    assert "licence" not in text
    answers = load_site_profile(write_profile(text))
    assert answers["open_data"] == {}  # the portal keeps the settings' defaults


def test_minimal_has_no_demo_content(project_root):
    answers = load_site_profile(project_root / "profiles" / "minimal.toml")
    assert answers["setup_content"] is False


def test_valid_profile_read(write_profile):
    answers = load_site_profile(write_profile(VALID))
    assert answers == {
        "site_id": "kreis",
        "title": "Integrationsportal Testkreis",
        "description": "Ein Testportal.",
        "portal_timezone": "Europe/Berlin",
        "default_language": "de",
        "available_languages": ["de", "en", "ar"],
        "district_name": "Testkreis",
        "municipalities": ["Astadt", "Bedorf"],
        "setup_content": False,
        "housing": {
            "public_listing": True,
            "retention_days": 90,
            "notify_addresses": ["wohnen@example.org"],
            "privacy_version": "2",
            "rent_limits": {"Astadt": [400, 480, 570, 660, 750, 840, 90]},
        },
        "open_data": {
            "licence": "CC BY 4.0",
            "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        },
        # without an [identity] section: the district's name, nothing else
        "identity": {"name": "Testkreis"},
    }


@pytest.mark.parametrize(
    "old,new,field,problem",
    [
        ('id = "kreis"', 'id = "9 kreis"', "site.id", "not a usable id"),
        ('id = "kreis"\n', "", "site.id", "is missing"),
        ('title = "Integrationsportal Testkreis"', "title = 42", "site.title", "text"),
        (
            'title = "Integrationsportal Testkreis"',
            'title = "  "',
            "site.title",
            "empty",
        ),
        (
            'timezone = "Europe/Berlin"',
            'timezone = "Mars/Olympus"',
            "site.timezone",
            "time zone",
        ),
        ('default = "de"', 'default = "fr"', "languages.default", "must be one of"),
        ('"de", "en", "ar"]', '"de", "en", "xx"]', "languages.available", "'xx'"),
        # a language Plone knows, but the portal is not translated into
        ('"de", "en", "ar"]', '"de", "en", "fr"]', "languages.available", "'fr'"),
        ('"de", "en", "ar"]', '"de", "en", "de"]', "languages.available", "twice"),
        ('["Astadt", "Bedorf"]', '"Astadt"', "district.municipalities", "list"),
        ('["Astadt", "Bedorf"]', '["Astadt", ""]', "district.municipalities", "list"),
        ("demo = false", 'demo = "yes"', "content.demo", "true or false"),
        ("[district]", "[distrikt]", "distrikt", "not a known section"),
        ('name = "Testkreis"\n', "", "district.name", "is missing"),
        ("[site]", "[site", "(file)", "not valid TOML"),
        ("retention_days = 90", "retention_days = 0", "housing.retention_days", "1 to"),
        (
            "public_listing = true",
            "public_listing = 1",
            "housing.public_listing",
            "true",
        ),
        (
            'notify = ["wohnen@example.org"]',
            'notify = ["wohnen"]',
            "housing.notify",
            "email",
        ),
        (
            '"Astadt" = [400',
            '"Cestadt" = [400',
            "housing.rent_limits.Cestadt",
            "not one of",
        ),
        ("750, 840, 90]", "750, 840]", "housing.rent_limits.Astadt", "7 amounts"),
        ("[400, 480", '["viel", 480', "housing.rent_limits.Astadt", "amounts"),
        ("privacy_version", "privacy", "housing.privacy", "not a known field"),
        (
            'licence_url = "https://',
            'licence_url = "ftp://',
            "open_data.licence_url",
            "web",
        ),
        ('licence = "CC BY 4.0"', 'licence = ""', "open_data.licence", "empty"),
    ],
)
def test_malformed_profile_names_file_and_field(
    write_profile, old, new, field, problem
):
    assert old in VALID
    path = write_profile(VALID.replace(old, new, 1))
    with pytest.raises(SiteProfileError) as error:
        load_site_profile(path)
    assert error.value.field == field
    message = str(error.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    assert problem in message


def test_missing_file(tmp_path):
    with pytest.raises(SiteProfileError, match="cannot be read"):
        load_site_profile(tmp_path / "nowhere.toml")


def test_binary_file(write_profile, tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SiteProfileError, match="not UTF-8"):
        load_site_profile(path)


def test_minimal_profile_creates_a_working_portal(make_portal, project_root):
    portal = make_portal(project_root / "profiles" / "minimal.toml")
    assert portal.title == "Integrationsportal"
    installer = api.content.get_view("installer", portal, portal.REQUEST)
    assert installer.is_product_installed("integrationsportal")
    # classic distribution: the theme is there
    assert portal.portal_setup.getLastVersionForProfile(
        "plonetheme.barceloneta:default"
    )
    # language root folders and settings from the profile
    assert api.portal.get_registry_record("plone.default_language") == "de"
    assert set(api.portal.get_registry_record("plone.available_languages")) == {
        "de",
        "en",
    }
    assert portal["de"].portal_type == "LRF"
    assert portal["en"].portal_type == "LRF"
    assert api.portal.get_registry_record("integrationsportal.municipalities") == [
        "Kreisstadt"
    ]
    # no demo content in a production start
    assert "willkommen" not in portal["de"].objectIds()
    # created by the distribution, with the answers of the file
    assert get_current_distribution(portal).name == "integrationsportal"
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"
    assert api.portal.get_registry_record("integrationsportal.district_name") == (
        "Landkreis"
    )
    assert api.portal.get_registry_record(
        "integrationsportal.open_data_licence_url"
    ) == ("https://www.govdata.de/dl-de/by-2-0")
    assert api.portal.get_registry_record(
        "integrationsportal.housing.retention_days"
    ) == (180)
    assert "wohnungen" in portal.objectIds()
    # the landlords' form in every language, not only in the demo
    assert "wohnung-anbieten" in portal["de"].objectIds()
    english = portal["en"]["wohnung-anbieten"]
    assert english.title == "Offer a flat"
    assert api.content.get_state(english) == "published"


def test_demo_profile_creates_the_demo_portal(make_portal, project_root):
    portal = make_portal(project_root / "profiles" / "musterkreis.toml")
    languages = {"de", "en", "ar", "fa", "uk", "tr"}
    assert languages <= set(portal.objectIds())
    assert (
        api.portal.get_registry_record("integrationsportal.district_name")
        == "Musterkreis"
    )
    welcome = portal["de"]["willkommen"]
    assert api.content.get_state(welcome) == "published"
    # the root shows the language choice, each language root its start page;
    # the welcome text stays, out of the navigation, its summary the root's
    assert portal.getLayout() == "language-chooser"
    assert portal["de"].getLayout() == "start-page"
    assert portal["de"].getDefaultPage() is None
    assert welcome.exclude_from_nav
    assert portal["de"].Description() == welcome.Description()
    from plone.app.multilingual.interfaces import ITranslationManager

    translations = ITranslationManager(welcome).get_translations()
    assert translations["en"] == portal["en"]["welcome"]
