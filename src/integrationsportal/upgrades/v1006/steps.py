"""Upgrade steps to profile version 1006."""

from integrationsportal import logger
from integrationsportal.interfaces import IIdentitySettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def identity(context):
    """Adds the identity records (named after the district, which the site
    already has) and imports only the header's viewlet settings."""
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
    context.runImportStepFromProfile(
        "profile-integrationsportal:default", "viewlets", run_dependencies=False
    )
    logger.info("Upgrade 1006: identity settings and the compact header.")
