"""The workflows are translated from themselves: every title of a workflow,
its states and transitions is a message of the ``integrationsportal`` domain
with a translation in every language."""

from integrationsportal.housing.flats import state_titles
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from integrationsportal.shared.languages import SUPPORTED_CODES
from lxml import etree
from pathlib import Path
from plone.i18n.utility import LanguageBinding
import pytest
import re


PACKAGE = Path(__file__).parents[2] / "src" / "integrationsportal"
WORKFLOWS = sorted((PACKAGE / "profiles/default/workflows").glob("*/definition.xml"))
I18N = "{http://xml.zope.org/namespaces/i18n}"


def catalogue(language):
    text = (
        PACKAGE / f"locales/{language}/LC_MESSAGES/integrationsportal.po"
    ).read_text()
    return dict(re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M))


def titles(path):
    root = etree.parse(str(path)).getroot()
    return [root.get("title")] + [
        node.get("title") for node in root.iter("state", "transition")
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.parent.name)
def test_each_workflow_names_its_domain_and_marks_its_titles(path):
    root = etree.parse(str(path)).getroot()
    assert root.get(f"{I18N}domain") == "integrationsportal"
    for node in [root, *root.iter("state", "transition")]:
        assert "title" in (node.get(f"{I18N}attributes") or ""), node.get("title")


@pytest.mark.parametrize("language", SUPPORTED_CODES)
def test_each_title_is_translated(language):
    messages = catalogue(language)
    for path in WORKFLOWS:
        for title in titles(path):
            assert title in messages, (language, title)
            # English is the source of the msgids; the others translate
            if language != "en":
                assert messages[title], (language, title)


def reading_in(request, language):
    """The request as Plone binds it for a reader of ``language``."""
    binding = LanguageBinding()
    binding.LANGUAGE = language
    request["LANGUAGE_TOOL"] = binding
    return request


def test_the_housing_states_are_read_from_the_workflow(portal, http_request):
    assert state_titles(reading_in(http_request, SOURCE_LANGUAGE)) == {
        "new": "Neu",
        "checked": "Geprüft",
        "reserved": "Reserviert",
        "placed": "Vermittelt",
        "withdrawn": "Zurückgezogen",
    }
    assert state_titles(reading_in(http_request, "uk"))["placed"] == "Здана"
    assert state_titles(reading_in(http_request, "ar"))["placed"] == "مؤجَّرة"
