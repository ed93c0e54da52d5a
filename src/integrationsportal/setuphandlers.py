"""Handlers that run after the add-on's GenericSetup profiles."""

from integrationsportal import logger
from pathlib import Path
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


def post_install(context):
    """After the default profile."""
    logger.info("Integrationsportal installed.")


def post_install_demo(context):
    """After the demo profile: load the demo content files."""
    from integrationsportal.demo import load_content_directory

    created = load_content_directory(DEMO_CONTENT)
    logger.info("Demo content loaded: %d items.", created)


def uninstall(context):
    """After the uninstall profile."""
    logger.info("Integrationsportal uninstalled.")
