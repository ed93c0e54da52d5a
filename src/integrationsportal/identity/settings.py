"""The identity's settings as the pages read them (no views here)."""

from integrationsportal.interfaces import IIdentitySettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PREFIX = "integrationsportal.identity"


def identity_settings():
    return getUtility(IRegistry).forInterface(
        IIdentitySettings, prefix=PREFIX, check=False
    )


def display_name(settings=None):
    """The name beside the logo: the identity's, else the district's."""
    settings = settings or identity_settings()
    return settings.name or api.portal.get_registry_record(
        "integrationsportal.district_name", default=""
    )
