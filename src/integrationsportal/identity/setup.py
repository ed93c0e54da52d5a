"""Writes the ``[identity]`` answers into the registry when a portal is
created (the logo is set by plone.distribution's post handler from the
``site_logo`` answer)."""

from integrationsportal.identity.settings import PREFIX
from integrationsportal.interfaces import IIdentitySettings
from plone import api
from plone.distribution.utils.data import convert_data_uri_to_b64


TEXTS = tuple(name for name in IIdentitySettings.names() if name != "app_icon")


def data_url_mimetype(data_url):
    return data_url.split(";", 1)[0].removeprefix("data:")


def setup_identity(identity, district_name):
    for name in TEXTS:
        if identity.get(name):
            api.portal.set_registry_record(f"{PREFIX}.{name}", identity[name])
    if not identity.get("name"):
        api.portal.set_registry_record(f"{PREFIX}.name", district_name)
    favicon = identity.get("favicon")
    if favicon:
        api.portal.set_registry_record(
            "plone.site_favicon", convert_data_uri_to_b64(favicon)
        )
        api.portal.set_registry_record(
            "plone.site_favicon_mimetype", data_url_mimetype(favicon)
        )
    app_icon = identity.get("app_icon")
    if app_icon:
        api.portal.set_registry_record(
            f"{PREFIX}.app_icon", convert_data_uri_to_b64(app_icon)
        )
