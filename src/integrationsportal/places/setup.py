"""Installing places: metadata columns, the district's gazetteer from the
site profile, and reindexing when points or the gazetteer change."""

from integrationsportal import logger
from integrationsportal.places.geo import Point
from integrationsportal.places.interfaces import IPlacesSettings
from integrationsportal.places.interfaces import PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.lifecycleevent.interfaces import IObjectRemovedEvent


COLUMNS = ("place_point", "place_precision")
PLACE_TYPES = ("Organisation", "Offer", "HousingOffer")
PLACE_INDEXES = ["place_point", "place_precision"]
# records whose change moves places: every place is reindexed
GAZETTEER_RECORDS = {
    f"{PREFIX}.municipality_centres",
    f"{PREFIX}.postal_codes",
}


def add_columns():
    """The metadata columns, where missing (an upgrade; a new site gets them
    from catalog.xml). Returns the names added."""
    catalog = api.portal.get_tool("portal_catalog")
    added = [name for name in COLUMNS if name not in catalog.schema()]
    for name in added:
        catalog.addColumn(name)
    return added


def reindex_places(log=None):
    """Recompute the point of every organisation, offer and flat; returns
    how many. Runs as the system: staff-only flats count too."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(PLACE_TYPES))
    total = len(brains)
    for number, brain in enumerate(brains, 1):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(
            obj, uid=brain.getPath(), idxs=["UID"], update_metadata=1
        )
        if log and (number % 500 == 0 or number == total):
            log("Places: %d of %d points recomputed.", number, total)
    return total


def point_text(point):
    return Point(*point).as_text()


def setup_places(answers):
    """The ``places`` answers of the site profile into the registry."""
    if not answers:
        return
    registry = getUtility(IRegistry)
    registry.registerInterface(IPlacesSettings, prefix=PREFIX)
    records = {
        "municipality_centres": {
            name: point_text(point)
            for name, point in (answers.get("municipalities") or {}).items()
        },
        "postal_codes": {
            code: point_text(point)
            for code, point in (answers.get("postal_codes") or {}).items()
        },
        "district_outline": [point_text(p) for p in answers.get("outline") or []],
    }
    for key in (
        "journey_planner_url",
        "tile_url",
        "tile_attribution",
        "tile_attribution_url",
        "geocoder_url",
    ):
        if key in answers:
            records[key] = answers[key]
    for key, value in records.items():
        registry[f"{PREFIX}.{key}"] = value
    logger.info(
        "Places: %d municipality centres, %d postal codes, outline of %d points.",
        len(records["municipality_centres"]),
        len(records["postal_codes"]),
        len(records["district_outline"]),
    )


def offers_of(provider):
    """The offers (all states, all languages) whose provider is ``provider``."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="Offer", provider_uid=api.content.get_uuid(provider)
    )


def provider_changed(obj, event):
    """An organisation was edited, published, retracted or deleted: its
    offers' points and provider names are indexed anew. (When a whole
    folder goes, its offers may go with it: only an organisation deleted
    on its own counts.)"""
    if IObjectRemovedEvent.providedBy(event) and event.object is not obj:
        return
    for brain in offers_of(obj):
        offer = brain._unrestrictedGetObject()
        offer.reindexObject(idxs=["provider_title", "SearchableText"])


def gazetteer_changed(event):
    """Municipality centres or postal codes changed in the control panel:
    every place that uses them is recomputed."""
    record = getattr(event, "record", None)
    if getattr(record, "__name__", None) in GAZETTEER_RECORDS:
        reindex_places(log=logger.info)
