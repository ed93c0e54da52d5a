"""Upgrade steps to profile version 1010."""

from integrationsportal import logger
from integrationsportal.site.caching import setup_embedded_caching
from plone import api
from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


EDITORS_ONLY = "python: member is not None"
LIGHT = "++plone++integrationsportal.light"
# the records of profiles/default/registry.xml; only these: importing the
# whole registry would undo what editors set in the control panels
BUNDLES = {
    "plone": {"expression": EDITORS_ONLY},
    "plone-fullscreen": {"expression": EDITORS_ONLY},
    "multilingual": {"expression": EDITORS_ONLY},
    "integrationsportal-bootstrap": {
        "enabled": True,
        "jscompilation": f"{LIGHT}/bootstrap/bootstrap.bundle.min.js",
        "expression": "python: member is None",
        "load_async": False,
        "load_defer": True,
    },
    "integrationsportal-offline": {
        "enabled": True,
        "jscompilation": f"{LIGHT}/offline.js",
        "expression": "python: member is None",
        "load_async": False,
        "load_defer": True,
    },
}


def bundles(context):
    registry = getUtility(IRegistry)
    records = registry.collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    for name, values in BUNDLES.items():
        if name not in records and "jscompilation" not in values:
            continue  # an add-on's bundle that this site does not have
        record = records[name] if name in records else records.add(name)
        for key, value in values.items():
            setattr(record, key, value)
    logger.info("Upgrade 1010: Plone's scripts load for editors only.")


def caching(context):
    setup_embedded_caching(api.portal.get())
    logger.info("Upgrade 1010: browsers keep versioned resources for a year.")
