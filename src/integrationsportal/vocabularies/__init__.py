"""Named vocabularies. Values a district must be able to change live in the
registry (``integrationsportal.vocabulary.<name>``, one ``token|Deutsch|English``
entry per line, extra languages as ``|ar=…``); the site profile and the
control panel fill them. Fixed vocabularies (statuses the code relies on) are
defined here."""

from integrationsportal import _
from integrationsportal.roundtables.content import ACTION_ITEM_STATUSES
from integrationsportal.shared.municipalities import municipalities
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


REGISTRY_PREFIX = "integrationsportal.vocabulary."


def parse_entry(entry):
    """'token|Deutsch|English|ar=…' -> (token, {'de': …, 'en': …, 'ar': …})."""
    parts = [part.strip() for part in entry.split("|")]
    token = parts[0]
    titles = {}
    if len(parts) > 1 and parts[1]:
        titles["de"] = parts[1]
    if len(parts) > 2 and parts[2] and "=" not in parts[2]:
        titles["en"] = parts[2]
    for part in parts[2:]:
        if "=" in part:
            language, _sep, title = part.partition("=")
            titles[language.strip()] = title.strip()
    return token, titles


def pick_title(titles, language, fallback):
    """The title in ``language``; German readers get German, everyone else
    English where their own language is missing."""
    if language in titles:
        return titles[language]
    if language != "de" and "en" in titles:
        return titles["en"]
    return titles.get("de") or titles.get("en") or fallback


def current_language():
    try:
        language = api.portal.get_current_language()
    except Exception:  # noqa: BLE001 - no request, no site: a script
        return "de"
    return (language or "de").split("-")[0]


def registry_entries(name):
    try:
        return api.portal.get_registry_record(REGISTRY_PREFIX + name, default=[]) or []
    except api.exc.InvalidParameterError:
        return []


def registry_vocabulary(name):
    language = current_language()
    terms = []
    seen = set()
    for entry in registry_entries(name):
        token, titles = parse_entry(entry)
        if not token or token in seen:
            continue
        seen.add(token)
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


@provider(IVocabularyFactory)
def MunicipalitiesVocabulary(context):
    """The district's municipalities (registry: integrationsportal.municipalities)."""
    return SimpleVocabulary(
        [SimpleTerm(token, token, name) for token, name in municipalities()]
    )


def _fixed(*items):
    @provider(IVocabularyFactory)
    def factory(context):
        return SimpleVocabulary(
            [SimpleTerm(value, value, title) for value, title in items]
        )

    return factory


OfferStatusVocabulary = _fixed(
    ("active", _("Active")),
    ("booked", _("Fully booked")),
    ("paused", _("Paused")),
    ("ended", _("Ended")),
)

DeliveryVocabulary = _fixed(
    ("in_person", _("In person")),
    ("online", _("Online")),
    ("hybrid", _("In person and online")),
)

ActionItemStatusVocabulary = _fixed(*ACTION_ITEM_STATUSES)

CostVocabulary = _fixed(
    ("free", _("Free of charge")),
    ("fee", _("With a fee")),
)

PetsAllowedVocabulary = _fixed(
    ("yes", _("Pets allowed")),
    ("ask", _("Pets by arrangement")),
    ("no", _("No pets")),
)


def german_level_rank(level):
    """Position of a level in the ordered levels vocabulary (none=0, A1=1 …)."""
    tokens = [parse_entry(entry)[0] for entry in registry_entries("german_levels")]
    try:
        return tokens.index(level)
    except ValueError:
        return 0
