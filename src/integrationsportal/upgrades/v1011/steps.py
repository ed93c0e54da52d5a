"""Upgrade steps to profile version 1011."""

from integrationsportal import logger
from integrationsportal.search import setup
from plone import api


CONFIGLET = {
    "id": "integrationsportal-search-glossary",
    "name": "Search glossary",
    "action": "string:${portal_url}/@@search-glossary",
    "appId": "integrationsportal",
    "category": "plone-general",
    "permission": ("Plone Site Setup: Site",),
    "icon_expr": "string:search",
}


def glossary(context):
    portal = api.portal.get()
    setup.install_glossary(portal)
    panel = api.portal.get_tool("portal_controlpanel")
    if CONFIGLET["id"] not in [a.getId() for a in panel.listActions()]:
        panel.registerConfiglet(**CONFIGLET)
    logger.info("Upgrade 1011: the search glossary is in place.")


def reader_index(context):
    seconds = setup.install_reader_index(api.portal.get())
    if seconds is not None:
        logger.info("Upgrade 1011: the text index was rebuilt in %.1f s.", seconds)
