"""The ``[places]`` section of a site profile: each malformed value is named
by its file and field, so whoever writes a district's profile finds the
line; a good one is read, and a portal created from it knows the
municipalities' centres, the postal codes and the outline."""

from integrationsportal.places import gazetteer
from integrationsportal.places.interfaces import PREFIX
from integrationsportal.site.profile import load_site_profile
from integrationsportal.site.profile import SiteProfileError
from plone import api
import pytest


PROFILE = """
[site]
id = "kreis"
title = "Integrationsportal Testkreis"
description = "Ein Testportal."
timezone = "Europe/Berlin"

[languages]
default = "de"
available = ["de", "en"]

[district]
name = "Testkreis"
municipalities = ["Astadt", "Bedorf am See"]

[content]
demo = false

[places]
journey_planner = "https://fahrplan.example.org/?to={lat},{lon}"
tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
tile_attribution = "© Kacheln"
outline = [[50.80, 9.50], [50.79, 9.95], [50.48, 9.78], [50.50, 9.55]]

[places.municipalities]
"Astadt" = [50.64, 9.69]
"Bedorf am See" = [50.715, 9.56]

[places.postal_codes]
"36001" = [50.643, 9.686]
"36002" = [50.712, 9.566]
"""


@pytest.fixture
def write_profile(tmp_path):
    def write(text):
        path = tmp_path / "testkreis.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_a_good_places_section_is_read(write_profile):
    places = load_site_profile(write_profile(PROFILE))["places"]
    assert places["municipalities"] == {
        "Astadt": [50.64, 9.69],
        "Bedorf am See": [50.715, 9.56],
    }
    assert places["postal_codes"] == {
        "36001": [50.643, 9.686],
        "36002": [50.712, 9.566],
    }
    assert places["outline"][0] == [50.80, 9.50] and len(places["outline"]) == 4
    assert places["tile_url"] == "https://tiles.example.org/{z}/{x}/{y}.png"


def test_places_may_be_left_out(write_profile):
    answers = load_site_profile(write_profile(PROFILE.split("[places]")[0]))
    assert "places" not in answers


CENTRE = '"Astadt" = [50.64, 9.69]'
CODE = '"36001" = [50.643, 9.686]'
OUTLINE = "outline = [[50.80, 9.50], [50.79, 9.95], [50.48, 9.78], [50.50, 9.55]]"
TILES = 'tiles = "https://tiles.example.org/{z}/{x}/{y}.png"'
MUNICIPALITY = "places.municipalities.Astadt"


@pytest.mark.parametrize(
    "old, new, field, problem",
    [
        (CENTRE, '"Astadt" = ["50.64", 9.69]', MUNICIPALITY, "[latitude, longitude]"),
        (
            CENTRE,
            '"Astadt" = [50.64, 9.69, 300]',
            MUNICIPALITY,
            "[latitude, longitude]",
        ),
        (CENTRE, '"Astadt" = [50.64]', MUNICIPALITY, "[latitude, longitude]"),
        (CENTRE, '"Astadt" = "50.64,9.69"', MUNICIPALITY, "[latitude, longitude]"),
        (CENTRE, '"Astadt" = [true, 9.69]', MUNICIPALITY, "[latitude, longitude]"),
        (CENTRE, '"Astadt" = [95, 9.69]', MUNICIPALITY, "not in Germany"),
        (CENTRE, '"Astadt" = [nan, 9.69]', MUNICIPALITY, "not in Germany"),
        (CENTRE, '"Astadt" = [9.69, 50.64]', MUNICIPALITY, "seem swapped"),
        (
            CENTRE,
            '"Cestadt" = [50.64, 9.69]',
            "places.municipalities.Cestadt",
            "not one of",
        ),
        (CODE, '"3600" = [50.643, 9.686]', "places.postal_codes.3600", "five digits"),
        (CODE, '"36001" = [9.686, 50.643]', "places.postal_codes.36001", "swapped"),
        (
            OUTLINE,
            "outline = [[50.80, 9.50], [50.79, 9.95]]",
            "places.outline",
            "three",
        ),
        (
            OUTLINE,
            "outline = [[50.80, 9.50], [50.79, 9.95], [50.48], [50.50, 9.55]]",
            "places.outline[3]",
            "[latitude, longitude]",
        ),
        (OUTLINE, 'outline = "50.8,9.5"', "places.outline", "list"),
        (
            TILES,
            'tiles = "http://tiles.example.org/{z}/{x}/{y}.png"',
            "places.tiles",
            "https",
        ),
        (
            TILES,
            'tiles = "https://tiles.example.org/{x}/{y}.png"',
            "places.tiles",
            "{z}",
        ),
        (
            'journey_planner = "https://fahrplan.example.org/?to={lat},{lon}"',
            'journey_planner = "http://fahrplan.example.org/?to={lat},{lon}"',
            "places.journey_planner",
            "https",
        ),
        (
            "tile_attribution =",
            "tile_attributions =",
            "places.tile_attributions",
            "not a known field",
        ),
    ],
)
def test_a_malformed_value_is_named_by_file_and_field(
    write_profile, old, new, field, problem
):
    assert old in PROFILE
    path = write_profile(PROFILE.replace(old, new, 1))
    with pytest.raises(SiteProfileError) as error:
        load_site_profile(path)
    assert error.value.field == field
    message = str(error.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    assert problem in message


def test_a_portal_from_the_profile_knows_its_places(make_site, write_profile):
    make_site(write_profile(PROFILE))
    centres = api.portal.get_registry_record(f"{PREFIX}.municipality_centres")
    assert centres == {
        "Astadt": "50.640000,9.690000",
        "Bedorf am See": "50.715000,9.560000",
    }
    places = gazetteer.municipality_places()
    assert places["bedorf-am-see"].point == (50.715, 9.56)
    assert gazetteer.find_place("36002").point == (50.712, 9.566)
    assert gazetteer.find_place("36003") is None
    assert len(gazetteer.outline()) == 4
    assert gazetteer.tiles()["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
