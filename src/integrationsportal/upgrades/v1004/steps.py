"""Upgrade steps to profile version 1004."""

from integrationsportal import logger
from plone import api
from Products.CMFCore.Expression import Expression


WORKFLOW = "integrationsportal_publication_workflow"
GUARD = (
    'python:modules["integrationsportal.publishing.foureyes"].may_publish(here, user)'
)


def four_eyes_guard(context):
    """The publish transition's guard, as in the profile's definition.xml.
    Only the guard expression changes: reimporting the workflow would reset
    the workflows' other settings a site may have changed."""
    workflow = api.portal.get_tool("portal_workflow").get(WORKFLOW)
    if workflow is None:
        return
    guard = workflow.transitions["publish"].getGuard()
    guard.expr = Expression(GUARD)
    workflow.transitions["publish"].guard = guard
    logger.info("Upgrade 1004: the publish guard asks the four-eyes rule itself.")
