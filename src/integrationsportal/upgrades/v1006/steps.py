"""Upgrade steps to profile version 1006."""

from integrationsportal import logger
from integrationsportal.interfaces import IIdentitySettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def identity(context):
    """Adds the identity records (named after the district, which the site
    already has), imports the header's viewlet settings and the control
    panels (the new one: Identity)."""
    registry = getUtility(IRegistry)
    registry.registerInterface(IIdentitySettings, prefix="integrationsportal.identity")
    if not api.portal.get_registry_record("integrationsportal.identity.name"):
        api.portal.set_registry_record(
            "integrationsportal.identity.name",
            api.portal.get_registry_record(
                "integrationsportal.district_name", default=""
            )
            or "",
        )
    for step in ("viewlets", "controlpanel"):
        context.runImportStepFromProfile(
            "profile-integrationsportal:default", step, run_dependencies=False
        )
    logger.info("Upgrade 1006: identity settings and the compact header.")
