"""Upgrade steps to profile version 1012."""

from integrationsportal import logger
from integrationsportal.interfaces import ISiteSettings
from plone import api
from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


# the record of profiles/default/registry.xml, and only it
BUNDLE = "integrationsportal-mylist"
VALUES = {
    "enabled": True,
    "jscompilation": "++plone++integrationsportal.mylist/mylist.js",
    "expression": "",
    "load_async": False,
    "load_defer": True,
}


def bundle(context):
    registry = getUtility(IRegistry)
    records = registry.collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    record = records[BUNDLE] if BUNDLE in records else records.add(BUNDLE)
    for key, value in VALUES.items():
        setattr(record, key, value)
    logger.info("Upgrade 1012: the script of 'My list' loads on every page.")


def header(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-integrationsportal:default", "viewlets")
    logger.info("Upgrade 1012: 'My list' is in the header.")


def settings(context):
    """The new site setting ``public_url`` (search alert mails); every
    existing setting keeps its value."""
    registry = getUtility(IRegistry)
    registry.registerInterface(ISiteSettings, prefix="integrationsportal")
    logger.info("Upgrade 1012: the setting of the portal's public address is there.")
