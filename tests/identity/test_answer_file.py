"""The ``[identity]`` section of an answer file: read into the answers,
its colours refused below 4.5:1 contrast with a message naming the field."""

from integrationsportal.identity.colours import colour_problems
from integrationsportal.identity.colours import contrast
from integrationsportal.site.distribution import pre_handler
from integrationsportal.site.profile import load_site_profile
from integrationsportal.site.profile import SiteProfileError
from support import ROOT
from zExceptions import BadRequest
import base64
import pytest


BASE = """
[site]
id = "kreis"
title = "Integrationsportal Testkreis"

[languages]
default = "de"
available = ["de", "ar"]

[district]
name = "Testkreis"
municipalities = ["Astadt"]

[identity]
logo = "logo.svg"
primary = "#1d5631"
on_primary = "#ffffff"
accent = "#1b5e7a"
email = "info@example.org"
imprint_url = "https://example.org/impressum"
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>'


@pytest.fixture
def write_profile(tmp_path):
    (tmp_path / "logo.svg").write_text(SVG, encoding="utf-8")

    def write(text):
        path = tmp_path / "kreis.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # the classic borderline grey: 4.48:1 fails, 4.54:1 passes
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#ffffff")


def test_identity_read_from_the_answer_file(write_profile):
    answers = load_site_profile(write_profile(BASE))
    identity = answers["identity"]
    assert identity["name"] == "Testkreis"  # the district's, unless given
    assert identity["primary"] == "#1d5631"
    assert identity["imprint_url"] == "https://example.org/impressum"
    assert answers["site_logo"].startswith("data:image/svg+xml;name=logo.svg;base64,")
    encoded = answers["site_logo"].split("base64,")[1]
    assert base64.b64decode(encoded).decode() == SVG


@pytest.mark.parametrize("name", ["musterkreis.toml", "minimal.toml"])
def test_shipped_profiles_have_an_identity_that_passes(name):
    answers = load_site_profile(ROOT / "profiles" / name)
    assert answers["site_logo"].startswith("data:image/svg+xml;")
    assert not list(colour_problems(answers["identity"]))


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ('on_primary = "#ffffff"', 'on_primary = "#3a7050"', "on_primary", "contrast"),
        ('accent = "#1b5e7a"', 'accent = "#9ab8c8"', "accent", "contrast"),
        ('primary = "#1d5631"', 'primary = "green"', "primary", "not a colour"),
        ('logo = "logo.svg"', 'logo = "nowhere.svg"', "logo", "cannot be read"),
        ('logo = "logo.svg"', 'logo = "logo.gif"', "logo", "SVG or PNG"),
        ('email = "info', 'mail = "info', "mail", "not a known field"),
    ],
)
def test_bad_identity_refused_naming_the_field(write_profile, old, new, field, problem):
    assert old in BASE
    field = f"identity.{field}"
    path = write_profile(BASE.replace(old, new, 1))
    with pytest.raises(SiteProfileError) as error:
        load_site_profile(path)
    assert error.value.field == field
    assert f"field '{field}'" in str(error.value)
    assert problem in str(error.value)


def test_low_contrast_refused_by_the_creation_form_too(write_profile):
    """The "Create a Plone site" form and ``@sites`` answer 400."""
    answers = load_site_profile(write_profile(BASE))
    answers["identity"]["on_primary"] = "#2b6a45"
    with pytest.raises(BadRequest, match="identity.on_primary.*contrast"):
        pre_handler(answers)
