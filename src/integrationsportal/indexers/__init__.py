"""Catalog indexers: everything listings and the finder need, so that they
never wake up objects. Staff-only fields are never indexed."""

from integrationsportal.content.contact import IContact
from integrationsportal.content.good_practice import IGoodPractice
from integrationsportal.content.offer import IOffer
from integrationsportal.content.organisation import IOrganisation
from integrationsportal.content.process_chain import IProcessChain
from integrationsportal.content.process_chain import IProcessStep
from integrationsportal.vocabularies import german_level_rank as _rank
from integrationsportal.vocabularies import parse_entry
from integrationsportal.vocabularies import registry_entries
from plone.indexer import indexer


# Index values for "no limit", so that range queries need no special cases.
AGE_OPEN_MIN = 0
AGE_OPEN_MAX = 999
OPEN_TO_ALL = "all"


def _to_object(relation):
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def _uid(obj):
    return obj.UID() if obj is not None else None


def _html_text(value):
    if value is None:
        return ""
    return getattr(value, "output", "") or ""


def _vocabulary_titles(name, tokens):
    """German and English titles of tokens, so full text finds either word."""
    wanted = set(tokens or [])
    words = []
    for entry in registry_entries(name):
        token, titles = parse_entry(entry)
        if token in wanted:
            words.extend(titles.values())
    return words


def _join(*parts):
    return " ".join(str(part) for part in parts if part)


# Offer ---------------------------------------------------------------------


@indexer(IOffer)
def offer_categories(obj):
    return list(obj.categories or [])


@indexer(IOffer)
def offer_target_groups(obj):
    return list(obj.target_groups or [])


@indexer(IOffer)
def offer_residence_status(obj):
    return list(obj.residence_status or []) or [OPEN_TO_ALL]


@indexer(IOffer)
def offer_german_level_rank(obj):
    """Position of the level, counted from 1: ZCatalog's range search reads an
    upper bound of 0 as "no bound", so 0 is never a value here."""
    return _rank(obj.german_level or "none") + 1


@indexer(IOffer)
def offer_age_min(obj):
    return obj.age_min if obj.age_min is not None else AGE_OPEN_MIN


@indexer(IOffer)
def offer_age_max(obj):
    return obj.age_max if obj.age_max is not None else AGE_OPEN_MAX


@indexer(IOffer)
def offer_provider_uid(obj):
    return _uid(_to_object(obj.provider))


@indexer(IOffer)
def offer_provider_title(obj):
    provider = _to_object(obj.provider)
    return provider.Title() if provider is not None else ""


@indexer(IOffer)
def offer_contact_uids(obj):
    return [uid for uid in (_uid(_to_object(r)) for r in obj.contacts or []) if uid]


@indexer(IOffer)
def offer_searchable_text(obj):
    provider = _to_object(obj.provider)
    return _join(
        obj.Title(),
        obj.Description(),
        _html_text(obj.text),
        obj.registration,
        obj.cost_note,
        getattr(obj, "opening_hours", None),
        getattr(obj, "city", None),
        provider.Title() if provider is not None else None,
        *_vocabulary_titles("categories", obj.categories),
        *_vocabulary_titles("target_groups", obj.target_groups),
    )


# Organisation --------------------------------------------------------------


@indexer(IOrganisation)
def organisation_kind(obj):
    return obj.kind


@indexer(IOrganisation)
def organisation_searchable_text(obj):
    return _join(
        obj.Title(),
        obj.Description(),
        obj.responsibilities,
        _html_text(obj.text),
        getattr(obj, "city", None),
        *_vocabulary_titles("organisation_kinds", [obj.kind]),
    )


# Contact -------------------------------------------------------------------


@indexer(IContact)
def contact_organisation_uid(obj):
    return _uid(_to_object(obj.organisation))


@indexer(IContact)
def contact_organisation_title(obj):
    organisation = _to_object(obj.organisation)
    return organisation.Title() if organisation is not None else ""


@indexer(IContact)
def contact_searchable_text(obj):
    """Public fields only: the internal phone and notes stay out of search."""
    organisation = _to_object(obj.organisation)
    return _join(
        obj.Title(),
        obj.Description(),
        obj.position,
        obj.responsibilities,
        organisation.Title() if organisation is not None else None,
    )


# GoodPractice ----------------------------------------------------------------


@indexer(IGoodPractice)
def good_practice_categories(obj):
    return list(obj.topics or [])


@indexer(IGoodPractice)
def good_practice_searchable_text(obj):
    return _join(
        obj.Title(),
        obj.Description(),
        obj.municipality,
        obj.actors,
        _html_text(obj.text),
        obj.success_factors,
        obj.results,
        obj.source,
    )


# ProcessChain and ProcessStep -----------------------------------------------


def _uids(relations):
    return [uid for uid in (_uid(_to_object(r)) for r in relations or []) if uid]


@indexer(IProcessStep)
def step_responsible_uids(obj):
    """Organisations and contact persons responsible for the step."""
    return _uids(obj.responsible_organisations) + _uids(obj.contacts)


@indexer(IProcessStep)
def step_related_offer_uids(obj):
    return _uids(obj.related_offers)


@indexer(IProcessStep)
def step_searchable_text(obj):
    return _join(
        obj.Title(),
        obj.Description(),
        _html_text(obj.text),
        obj.prerequisites,
        obj.branches,
        obj.duration,
    )


@indexer(IProcessChain)
def chain_searchable_text(obj):
    return _join(obj.Title(), obj.Description(), _html_text(obj.text), obj.region)


@indexer(IProcessChain)
def chain_categories(obj):
    return [obj.goal] if obj.goal else []
