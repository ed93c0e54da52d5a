"""Upgrade steps to profile version 1009."""

from integrationsportal import logger
from integrationsportal.frontdoor.tiles import own_housing_forms
from plone import api


def finder_languages(context):
    catalog = api.portal.get_tool("portal_catalog")
    if "finder_languages" in catalog.indexes():
        catalog.reindexIndex("finder_languages", None)
        logger.info("Upgrade 1009: finder_languages counts public translations.")


def navigation_portlet(context):
    context.runImportStepFromProfile(
        "profile-integrationsportal:default", "portlets", run_dependencies=False
    )
    logger.info("Upgrade 1009: the root navigation portlet is gone.")


def housing_tiles(context):
    changed = own_housing_forms(api.portal.get())
    logger.info("Upgrade 1009: %d start pages lead to their own flat form.", changed)
