"""Vocabularies a district edits: categories, target groups and the other
lists of choices that differ from district to district.

Each vocabulary is one registry record ``integrationsportal.vocabularies.<name>``
holding a JSON value: an ordered list of terms,
``[{"token": "work", "title": {"de": "Arbeit", "en": "Work", "ar": "العمل"}}]``.
The records are ``plone.schema.JSONField`` fields (``IEditableVocabularies``
below), so the registry itself checks every value against ``TERMS_SCHEMA``;
the control panel "Vocabularies" (``controlpanel.py``) edits them as tables.

Why JSON fields and not collective.taxonomy: content keeps plain tokens in
its fields (``categories = ["work"]``), exactly as before, so no field, index,
finder URL or export changes and nothing needs migrating but the registry
records; JSON fields come with Plone (plone.schema, plone.registry), so there
is no new dependency; and the editor is a plain HTML table that works without
JavaScript, where collective.taxonomy's editor is a React application.
Hierarchies, collective.taxonomy's strength, are not needed here.
"""

from integrationsportal import _
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from plone import api
from plone.schema import JSONField
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import json


PREFIX = "integrationsportal.vocabularies"

# Letters, digits, "-", "_" and "."; content stores tokens and URLs carry them.
TOKEN_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"  # noqa: S105 - not a password
TOKEN_MAX_LENGTH = 64
TITLE_MAX_LENGTH = 300
# A language tag: "de", "ar", "pt-br" … (titles in languages the portal does
# not support yet are kept, so that adding the language shows them).
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"

TERMS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "token": {
                "type": "string",
                "pattern": TOKEN_PATTERN,
                "maxLength": TOKEN_MAX_LENGTH,
            },
            "title": {
                "type": "object",
                "required": [SOURCE_LANGUAGE],
                "patternProperties": {
                    LANGUAGE_PATTERN: {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": TITLE_MAX_LENGTH,
                    }
                },
                "additionalProperties": False,
            },
        },
        "required": ["token", "title"],
        "additionalProperties": False,
    },
}


def _terms_field(title, description=""):
    return JSONField(
        title=title,
        description=description,
        schema=json.dumps(TERMS_SCHEMA),
        default=[],
        required=False,
    )


class IEditableVocabularies(Interface):
    """The registry records (prefix ``integrationsportal.vocabularies``)."""

    categories = _terms_field(_("Offer categories"))
    target_groups = _terms_field(_("Target groups"))
    residence_status = _terms_field(_("Residence status"))
    german_levels = _terms_field(
        _("German levels"),
        _("In ascending order: the finder treats a level as including those above it."),
    )
    languages = _terms_field(_("Languages"))
    organisation_kinds = _terms_field(_("Kinds of organisation"))
    funding = _terms_field(_("Funding"))
    federal_states = _terms_field(_("Federal states"))
    chain_phases = _terms_field(_("Phases of a process chain"))


# The vocabularies in the order the control panel lists them.
NAMES = (
    "categories",
    "target_groups",
    "residence_status",
    "german_levels",
    "languages",
    "organisation_kinds",
    "funding",
    "federal_states",
    "chain_phases",
)

# The name of the vocabulary utility (what schema fields name) of each.
UTILITY_NAMES = {
    "categories": "integrationsportal.OfferCategories",
    "target_groups": "integrationsportal.TargetGroups",
    "residence_status": "integrationsportal.ResidenceStatus",
    "german_levels": "integrationsportal.GermanLevels",
    "languages": "integrationsportal.Languages",
    "organisation_kinds": "integrationsportal.OrganisationKinds",
    "funding": "integrationsportal.Funding",
    "federal_states": "integrationsportal.FederalStates",
    "chain_phases": "integrationsportal.ChainPhases",
}


def record_name(name):
    return f"{PREFIX}.{name}"


def field(name):
    """The schema field (title, description, JSON schema) of a vocabulary."""
    return IEditableVocabularies[name]


def get_terms(name):
    """The terms of a vocabulary as stored: ``[{"token": …, "title": {…}}]``."""
    try:
        terms = api.portal.get_registry_record(record_name(name), default=[])
    except api.exc.InvalidParameterError:
        return []
    return list(terms or [])


def set_terms(name, terms):
    """Store a vocabulary; the registry validates it against TERMS_SCHEMA."""
    api.portal.set_registry_record(record_name(name), list(terms))


def tokens(name):
    """Tokens of a vocabulary, in its order."""
    return [term["token"] for term in get_terms(name)]


def titles_of(name):
    """``{token: {language: title}}`` of a vocabulary."""
    return {term["token"]: dict(term["title"]) for term in get_terms(name)}


def pick_title(titles, language, fallback):
    """The title in ``language``; German readers get German, everyone else
    English where their own language is missing."""
    if language in titles:
        return titles[language]
    if language != SOURCE_LANGUAGE and "en" in titles:
        return titles["en"]
    return titles.get(SOURCE_LANGUAGE) or titles.get("en") or fallback


def current_language():
    try:
        language = api.portal.get_current_language()
    except Exception:  # noqa: BLE001 - no request, no site: a script
        return SOURCE_LANGUAGE
    return (language or SOURCE_LANGUAGE).split("-")[0]


def registry_vocabulary(name):
    language = current_language()
    terms = []
    seen = set()
    for term in get_terms(name):
        token = term.get("token")
        if not token or token in seen:
            continue
        seen.add(token)
        titles = term.get("title") or {}
        terms.append(SimpleTerm(token, token, pick_title(titles, language, token)))
    return SimpleVocabulary(terms)


def _registry_factory(name):
    @provider(IVocabularyFactory)
    def factory(context):
        return registry_vocabulary(name)

    factory.__name__ = name
    return factory


OfferCategoriesVocabulary = _registry_factory("categories")
TargetGroupsVocabulary = _registry_factory("target_groups")
ResidenceStatusVocabulary = _registry_factory("residence_status")
GermanLevelsVocabulary = _registry_factory("german_levels")
LanguagesVocabulary = _registry_factory("languages")
OrganisationKindsVocabulary = _registry_factory("organisation_kinds")
FundingVocabulary = _registry_factory("funding")
FederalStatesVocabulary = _registry_factory("federal_states")
ChainPhasesVocabulary = _registry_factory("chain_phases")


def german_level_rank(level):
    """Position of a level in the ordered levels vocabulary (none=0, A1=1 …)."""
    try:
        return tokens("german_levels").index(level)
    except ValueError:
        return 0
