"""Catalog data of a flat: its anonymous facts and dates as one metadata
column, so that the listing, the public listing and the figures read no
object; the full text holds the reference number and the place only."""

from integrationsportal.housing.content import facts_of
from integrationsportal.housing.content import IHousingOffer
from integrationsportal.housing.figures import timeline
from plone.indexer import indexer


@indexer(IHousingOffer)
def housing_facts(obj):
    facts = facts_of(obj)
    facts.update(timeline(obj))
    facts["personal_data_erased"] = bool(getattr(obj, "personal_data_erased", None))
    return facts


@indexer(IHousingOffer)
def searchable_text(obj):
    return " ".join(v for v in (obj.reference, obj.municipality) if v)
