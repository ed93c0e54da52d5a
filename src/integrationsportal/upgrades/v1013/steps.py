"""Upgrade steps to profile version 1013."""

from integrationsportal import logger
from integrationsportal.feedback import setup as feedback_setup
from integrationsportal.interfaces import ISiteSettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-integrationsportal:default"


def types(context):
    """The two types and their workflows; every other type keeps its
    settings and every item its state (the import steps only add)."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "typeinfo")
    setup.runImportStepFromProfile(PROFILE, "workflow")
    portal = api.portal.get()
    feedback_setup.install(portal)
    logger.info("Upgrade 1013: the types of the readers' reports are there.")


def permission(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "rolemap")
    logger.info("Upgrade 1013: editors and reviewers may review the reports.")


def indexes(context):
    added = feedback_setup.add_indexes()
    logger.info("Upgrade 1013: catalog indexes added: %s", ", ".join(added) or "none")


def settings(context):
    """The two new site settings; every existing setting keeps its value."""
    registry = getUtility(IRegistry)
    registry.registerInterface(ISiteSettings, prefix="integrationsportal")
    logger.info("Upgrade 1013: the feedback settings are there.")
