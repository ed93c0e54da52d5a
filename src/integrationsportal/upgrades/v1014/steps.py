"""Upgrade steps to profile version 1014."""

from integrationsportal import logger
from integrationsportal.places import setup as places_setup
from integrationsportal.places.interfaces import IPlacesSettings
from integrationsportal.places.interfaces import PREFIX
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.registry.interfaces import IRegistry
from Products.CMFCore.permissions import ManagePortal
from zope.component import getUtility


PROFILE = "profile-integrationsportal:default"
WIDGET_PROFILE = "profile-plone.formwidget.geolocation:default"
WIDGET_BUNDLE = "plone.bundles/plone-formwidget-geolocation.expression"
BEHAVIOR = "integrationsportal.place"
CONFIGLET = "integrationsportal-places"


def widget(context):
    """plone.formwidget.geolocation's settings and bundle, if the site does
    not have them yet: its script loads for editors only, with one tile
    server and no address search in the browser. A site that already used
    the widget keeps its settings."""
    setup = api.portal.get_tool("portal_setup")
    widget_profile = WIDGET_PROFILE[len("profile-") :]
    if setup.getLastVersionForProfile(widget_profile) != "unknown":
        logger.info("Upgrade 1014: the map widget was there; its settings stay.")
        return
    setup.runAllImportStepsFromProfile(WIDGET_PROFILE)
    registry = getUtility(IRegistry)
    values = {
        WIDGET_BUNDLE: "python: member is not None",
        "geolocation.show_geosearch": False,
        "geolocation.use_default_geolocation_as_value": False,
        "geolocation.show_minimap": False,
        "geolocation.map_layers": ["OpenStreetMap.Mapnik"],
    }
    for name, value in values.items():
        if name in registry.records:
            registry[name] = value
    logger.info("Upgrade 1014: the map widget is there, for editors.")


def types(context):
    """The behavior on Organisation and Offer, and the configlet "Maps and
    places"; nothing else of the types or the control panel changes."""
    for name in ("Organisation", "Offer"):
        fti = getUtility(IDexterityFTI, name=name)
        if BEHAVIOR not in fti.behaviors:
            fti._updateProperty("behaviors", (*fti.behaviors, BEHAVIOR))
    panel = api.portal.get_tool("portal_controlpanel")
    if CONFIGLET not in [action.getId() for action in panel.listActions()]:
        panel.registerConfiglet(
            id=CONFIGLET,
            name="Maps and places",
            action="string:${portal_url}/@@places-controlpanel",
            permission=ManagePortal,
            category="plone-general",
            appId="integrationsportal",
            icon_expr="string:map",
        )
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
