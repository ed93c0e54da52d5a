"""Upgrade steps to profile version 1014."""

from integrationsportal import logger
from integrationsportal.places import setup as places_setup
from integrationsportal.places.interfaces import IPlacesSettings
from integrationsportal.places.interfaces import PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-integrationsportal:default"
WIDGET_PROFILE = "profile-plone.formwidget.geolocation:default"
WIDGET_BUNDLE = "plone.bundles/plone-formwidget-geolocation.expression"


def widget(context):
    """plone.formwidget.geolocation's settings and bundle; its script loads
    for editors only, and no address goes from the browser to a search."""
    setup = api.portal.get_tool("portal_setup")
    if setup.getLastVersionForProfile(WIDGET_PROFILE[len("profile-") :]) == "unknown":
        setup.runAllImportStepsFromProfile(WIDGET_PROFILE)
    registry = getUtility(IRegistry)
    registry[WIDGET_BUNDLE] = "python: member is not None"
    for name in ("show_geosearch", "use_default_geolocation_as_value", "show_minimap"):
        registry[f"geolocation.{name}"] = False
    # one tile server, the one the Content-Security-Policy lets through
    registry["geolocation.map_layers"] = ["OpenStreetMap.Mapnik"]
    logger.info("Upgrade 1014: the map widget is there, for editors.")


def types(context):
    """The behavior on Organisation and Offer; every other setting of the
    types stays (the import step only adds)."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "typeinfo")
    setup.runImportStepFromProfile(PROFILE, "controlpanel")
    logger.info("Upgrade 1014: organisations and offers have a point on the map.")


def settings(context):
    """The settings "Maps and places"; every existing setting keeps its value."""
    registry = getUtility(IRegistry)
    registry.registerInterface(IPlacesSettings, prefix=PREFIX)
    logger.info("Upgrade 1014: the settings 'Maps and places' are there.")


def points(context):
    """The catalog's point of every organisation, offer and flat."""
    added = places_setup.add_columns()
    logger.info("Upgrade 1014: catalog columns added: %s", ", ".join(added) or "none")
    places_setup.reindex_places(log=logger.info)
