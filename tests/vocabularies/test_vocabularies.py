"""Named vocabularies: terms from the registry's JSON records, titles in the
reader's language."""

from integrationsportal.vocabularies import editable
from integrationsportal.vocabularies.editable import pick_title
from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
import pytest


NAMES = {
    "integrationsportal.OfferCategories": (
        "apprenticeship",
        "Ausbildung",
        "Apprenticeship",
    ),
    "integrationsportal.TargetGroups": (
        "youth",
        "Junge Menschen (bis 27)",
        "Young people (up to 27)",
    ),
    "integrationsportal.ResidenceStatus": (
        "duldung",
        "Duldung",
        "Toleration (Duldung)",
    ),
    "integrationsportal.GermanLevels": ("B1", "B1", "B1"),
    "integrationsportal.Languages": ("ar", "Arabisch", "Arabic"),
    "integrationsportal.OrganisationKinds": ("jobcenter", "Jobcenter", "Jobcentre"),
    "integrationsportal.Funding": (
        "bildungsgutschein",
        "Bildungsgutschein",
        "Education voucher (Bildungsgutschein)",
    ),
    "integrationsportal.FederalStates": ("NI", "Niedersachsen", "Lower Saxony"),
    "integrationsportal.ChainPhases": ("arrival", "Ankommen", "Arrival"),
}


def vocabulary(name, context):
    return getUtility(IVocabularyFactory, name)(context)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language,position", [("de", 1), ("en", 2), ("so", 2)])
def test_titles_follow_the_language(portal, http_request, name, language, position):
    token = NAMES[name][0]
    http_request["LANGUAGE"] = language
    http_request.other.pop("LANGUAGE_TOOL", None)
    from zope.globalrequest import setRequest

    setRequest(http_request)
    terms = vocabulary(name, portal)
    assert token in terms
    assert terms.getTerm(token).title == NAMES[name][position]


def test_levels_are_in_ascending_order(portal):
    assert [t.value for t in vocabulary("integrationsportal.GermanLevels", portal)] == [
        "none",
        "A1",
        "A2",
        "B1",
        "B2",
        "C1",
        "C2",
    ]


def test_a_site_can_change_a_vocabulary(portal):
    record = "integrationsportal.vocabularies.categories"
    values = api.portal.get_registry_record(record)
    api.portal.set_registry_record(
        record,
        [*values, {"token": "sport", "title": {"de": "Sport", "en": "Sport"}}],
    )
    terms = vocabulary("integrationsportal.OfferCategories", portal)
    assert "sport" in terms


@pytest.mark.parametrize(
    "value",
    [
        [{"token": "sport", "title": {"en": "Sport"}}],  # no German title
        [{"token": "two words", "title": {"de": "Sport"}}],
        [{"token": "sport", "title": {"de": "Sport"}, "colour": "red"}],
        [{"token": "sport", "title": {"de": "Sport", "Deutsch": "Sport"}}],
        [{"token": "", "title": {"de": "Sport"}}],
        {"sport": "Sport"},
    ],
)
def test_the_registry_refuses_malformed_terms(portal, value):
    from zope.schema.interfaces import ValidationError

    with pytest.raises(ValidationError):
        api.portal.set_registry_record(
            "integrationsportal.vocabularies.categories", value
        )
    assert "sport" not in editable.tokens("categories")


def test_every_default_term_has_every_language(portal):
    """The defaults keep all translations of the former pipe format."""
    from integrationsportal.shared.languages import SUPPORTED_CODES

    for name in editable.NAMES:
        terms = editable.get_terms(name)
        assert terms, name
        for term in terms:
            missing = set(SUPPORTED_CODES) - set(term["title"])
            assert not missing or name == "federal_states", (name, term, missing)


def test_languages_carry_their_own_names(portal, http_request):
    from zope.globalrequest import setRequest

    http_request["LANGUAGE"] = "uk"
    setRequest(http_request)
    terms = vocabulary("integrationsportal.Languages", portal)
    assert terms.getTerm("ar").title == "Арабська"


def test_pick_title_falls_back():
    titles = {"de": "Arbeit", "en": "Work", "ar": "عمل"}
    assert pick_title(titles, "ar", "work") == "عمل"
    assert pick_title(titles, "fa", "work") == "Work"
    assert pick_title({"de": "Arbeit"}, "fa", "work") == "Arbeit"
    assert pick_title({}, "de", "work") == "work"


def test_a_new_order_of_levels_reindexes_offers(portal):
    """Offers are found by the rank of their German level; the control panel
    reindexes it when the levels change their order."""
    from integrationsportal.vocabularies.controlpanel import reindex_level_ranks
    from plone.app.testing import SITE_OWNER_NAME

    with api.env.adopt_user(SITE_OWNER_NAME):
        offer = api.content.create(portal, "Offer", id="kurs", german_level="B1")
    catalog = api.portal.get_tool("portal_catalog")

    def rank():
        brain = catalog.unrestrictedSearchResults(UID=offer.UID())[0]
        return catalog.getIndexDataForRID(brain.getRID())["german_level_rank"]

    assert rank() == 4
    terms = editable.get_terms("german_levels")
    editable.set_terms("german_levels", [terms[3], *terms[:3], *terms[4:]])
    reindex_level_ranks()
    assert rank() == 1
