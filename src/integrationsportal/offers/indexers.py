"""Catalog indexers of offers: everything listings and the finder need, so
that they never wake up objects. Staff-only fields are never indexed."""

from integrationsportal.offers.content import IOffer
from integrationsportal.shared.indexing import html_text
from integrationsportal.shared.indexing import joined
from integrationsportal.shared.indexing import registry_titles
from integrationsportal.shared.indexing import to_object
from integrationsportal.shared.indexing import uid_of
from integrationsportal.vocabularies.editable import german_level_rank as _rank
from plone.indexer import indexer


# Index values for "no limit", so that range queries need no special cases.
AGE_OPEN_MIN = 0


AGE_OPEN_MAX = 999


OPEN_TO_ALL = "all"


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
    return uid_of(to_object(obj.provider))


@indexer(IOffer)
def offer_provider_title(obj):
    provider = to_object(obj.provider)
    return provider.Title() if provider is not None else ""


@indexer(IOffer)
def offer_contact_uids(obj):
    return [uid for uid in (uid_of(to_object(r)) for r in obj.contacts or []) if uid]


@indexer(IOffer)
def offer_searchable_text(obj):
    provider = to_object(obj.provider)
    return joined(
        obj.Title(),
        obj.Description(),
        html_text(obj.text),
        obj.registration,
        obj.cost_note,
        getattr(obj, "opening_hours", None),
        getattr(obj, "city", None),
        provider.Title() if provider is not None else None,
        *registry_titles("categories", obj.categories),
        *registry_titles("target_groups", obj.target_groups),
    )
