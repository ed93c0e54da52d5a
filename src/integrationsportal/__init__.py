"""Integrationsportal: the Plone add-on."""

from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "integrationsportal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _apply_patches():
    # Function-level on purpose: Zope imports this package before it reads any
    # zcml, and both patches must be in place before the first request (Zope's
    # converters run before a site is known; templates may be compiled by any
    # thread); a module-level import here would run before PACKAGE_NAME and _
    # exist.
    from integrationsportal.hardening import compilelock
    from integrationsportal.hardening import converters

    converters.apply()
    compilelock.apply()


_apply_patches()
