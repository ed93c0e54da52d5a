"""Upgrade 1002 on a site as of version 1001: pipe-format vocabulary records
become JSON records, with every title, and the old records go."""

from integrationsportal.upgrades.v1002.steps import parse_entry
from integrationsportal.vocabularies import editable
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
import pytest


PROFILE = "integrationsportal:default"
OLD = "integrationsportal.vocabulary."

# What a district had at version 1001: its own term with a language the
# portal does not support, an English-only term, a changed order.
OLD_CATEGORIES = [
    "work|Arbeit|Work|ar=العمل|ps=کار|uk=Робота",
    "sport|Sport und Bewegung|Sport and exercise|fa=ورزش",
    "language|Deutsch lernen|Learning German|ar=تعلم اللغة الألمانية",
    "english|| Only English",
    "work|Doppelt|Twice",
    "|Kein Token",
]


def as_of_1001(portal):
    """The registry of a site at version 1001: list records in the pipe
    format, no JSON records, no control panel."""
    registry = getUtility(IRegistry)
    for name in editable.NAMES:
        terms = editable.get_terms(name)
        del registry.records[editable.record_name(name)]
        entries = [
            "|".join(
                [
                    term["token"],
                    term["title"].get("de", ""),
                    term["title"].get("en", ""),
                    *(
                        f"{code}={title}"
                        for code, title in term["title"].items()
                        if code not in ("de", "en")
                    ),
                ]
            )
            for term in terms
        ]
        if name == "categories":
            entries = OLD_CATEGORIES
        registry.records[OLD + name] = Record(
            field.List(title=name, value_type=field.TextLine()), entries
        )
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(
        "integrationsportal-vocabularies"
    )
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1001")


def configlets(portal):
    return [
        action.getId()
        for action in api.portal.get_tool("portal_controlpanel").listActions()
    ]


def test_upgrade_to_1002(portal):
    before = {name: editable.get_terms(name) for name in editable.NAMES}
    as_of_1001(portal)
    registry = getUtility(IRegistry)
    assert editable.record_name("categories") not in registry.records
    assert "integrationsportal-vocabularies" not in configlets(portal)

    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (
        setup.getVersionForProfile(PROFILE),
    )
    assert not [name for name in registry.records if name.startswith(OLD)]
    assert "integrationsportal-vocabularies" in configlets(portal)
    # the district's own terms, in its order, with every title it had
    assert editable.get_terms("categories") == [
        {
            "token": "work",
            "title": {
                "de": "Arbeit",
                "en": "Work",
                "ar": "العمل",
                "ps": "کار",
                "uk": "Робота",
            },
        },
        {
            "token": "sport",
            "title": {
                "de": "Sport und Bewegung",
                "en": "Sport and exercise",
                "fa": "ورزش",
            },
        },
        {
            "token": "language",
            "title": {
                "de": "Deutsch lernen",
                "en": "Learning German",
                "ar": "تعلم اللغة الألمانية",
            },
        },
        {"token": "english", "title": {"de": "Only English", "en": "Only English"}},
    ]
    # the others exactly as they were
    for name in editable.NAMES:
        if name != "categories":
            assert editable.get_terms(name) == before[name], name
    # and the vocabularies read them
    factory = "integrationsportal.OfferCategories"
    from zope.schema.interfaces import IVocabularyFactory

    terms = getUtility(IVocabularyFactory, factory)(portal)
    assert [term.value for term in terms] == ["work", "sport", "language", "english"]


def test_upgrade_stops_on_what_it_cannot_keep(portal):
    as_of_1001(portal)
    registry = getUtility(IRegistry)
    registry[OLD + "funding"] = ["two words|Zwei Wörter|Two words"]
    setup = api.portal.get_tool("portal_setup")
    with (
        pytest.raises(ValueError, match="two words"),
        api.env.adopt_user(SITE_OWNER_NAME),
    ):
        setup.upgradeProfile(PROFILE)


@pytest.mark.parametrize(
    "entry,token,titles",
    [
        ("work|Arbeit|Work", "work", {"de": "Arbeit", "en": "Work"}),
        (
            "ar|Arabisch|Arabic|ar=العربية",
            "ar",
            {"de": "Arabisch", "en": "Arabic", "ar": "العربية"},
        ),
        (" x | Nur Deutsch ", "x", {"de": "Nur Deutsch"}),
        (
            "x|Deutsch|ar=عربي|pt_BR=Alemão",
            "x",
            {"de": "Deutsch", "ar": "عربي", "pt-br": "Alemão"},
        ),
    ],
)
def test_parse_entry(entry, token, titles):
    assert parse_entry(entry) == (token, titles)
