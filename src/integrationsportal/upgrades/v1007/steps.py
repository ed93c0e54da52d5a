"""Upgrade steps to profile version 1007."""

from integrationsportal import logger
from integrationsportal.frontdoor.tiles import exclude_tiles_from_search
from integrationsportal.frontdoor.tiles import setup_start_pages
from plone import api


PROFILE = "profile-integrationsportal:default"


def task_tiles(context):
    """Only the types step is imported: the whole registry would undo what a
    site changed in its settings."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "typeinfo")
    exclude_tiles_from_search()
    setup_start_pages(api.portal.get())
    logger.info("Upgrade 1007: start pages made of task tiles.")
