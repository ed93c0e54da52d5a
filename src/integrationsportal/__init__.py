"""Integrationsportal: the Plone add-on."""

from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "integrationsportal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _apply_patches():
    # process-wide, before any configuration: Zope's converters run before a
    # site is known, and templates may be compiled by any thread
    from integrationsportal import patches
    from integrationsportal.hardening import compilelock

    patches.apply()
    compilelock.apply()


_apply_patches()
