"""Handlers that run after the add-on's GenericSetup profiles."""

from integrationsportal import logger
from pathlib import Path
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


DEMO_CONTENT = Path(__file__).parent / "profiles" / "demo" / "content"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles that the add-ons control panel does not offer."""
        return [
            "integrationsportal:demo",
            "integrationsportal:uninstall",
        ]

    def getNonInstallableProducts(self):
        return []


MINOR_CHANGE = "integrationsportal.minor_change"


def _content_ftis(portal):
    """Dexterity types that hold content (not the site, not language roots)."""
    for fti in portal.portal_types.listTypeInfo():
        if getattr(fti, "behaviors", None) is None:
            continue
        if fti.getId() in ("Plone Site", "LRF", "LIF"):
            continue
        yield fti


def post_install(context):
    """After the default profile: every content type is translatable (also
    those of add-ons installed after plone.app.multilingual, such as
    EasyForm) and has the "minor change" box on its edit form."""
    from plone.app.multilingual.setuphandlers import enable_translatable_behavior

    portal = api.portal.get()
    enable_translatable_behavior(portal)
    for fti in _content_ftis(portal):
        if MINOR_CHANGE not in fti.behaviors:
            fti._updateProperty("behaviors", (*fti.behaviors, MINOR_CHANGE))
    logger.info("Integrationsportal installed.")


def post_install_demo(context):
    """After the demo profile: load the demo content files."""
    from integrationsportal.demo import load_content_directory

    created = load_content_directory(DEMO_CONTENT)
    logger.info("Demo content loaded: %d items.", created)


def uninstall(context):
    """After the uninstall profile."""
    portal = api.portal.get()
    for fti in _content_ftis(portal):
        if MINOR_CHANGE in fti.behaviors:
            behaviors = tuple(b for b in fti.behaviors if b != MINOR_CHANGE)
            fti._updateProperty("behaviors", behaviors)
    logger.info("Integrationsportal uninstalled.")
