"""Integrationsportal: the Plone add-on."""

from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "integrationsportal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _apply_patches():
    from integrationsportal import patches

    patches.apply()


_apply_patches()
