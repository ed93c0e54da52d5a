"""Upgrade steps to profile version 1005."""

from integrationsportal import logger
from plone import api


URL = 'python:f"{plone_portal_state.navigation_root_url()}/offer-finder"'


def finder_tab(context):
    """Only the tab's address changes: re-importing the actions would undo
    what a site changed in its other actions."""
    tabs = api.portal.get_tool("portal_actions").get("portal_tabs")
    action = tabs.get("offer-finder") if tabs is not None else None
    if action is None:
        return
    action._setPropValue("url_expr", URL)
    logger.info("Upgrade 1005: the finder tab links to offer-finder.")
