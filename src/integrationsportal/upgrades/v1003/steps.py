"""Upgrade steps to profile version 1003."""

from integrationsportal import logger
from plone import api


PROFILE = "profile-integrationsportal:default"


def workflows(context):
    """The workflow definitions anew from the profile. State ids stay the
    same, so every item keeps its state and history; no role mappings are
    recomputed."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    logger.info("Upgrade 1003: workflow definitions imported anew.")
