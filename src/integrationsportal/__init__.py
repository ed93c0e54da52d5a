"""Integrationsportal: the Plone add-on."""

from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "integrationsportal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _apply_patches():
    # The two process-wide patches; neither changes anything on a site
    # without the add-on (see their modules):
    # - converters: Zope reads the form before any site is known; the
    #   wrappers only let a conversion error wait for the site, which
    #   decides (Zope's own answer without the add-on, 400 with it);
    # - compilelock: Chameleon compiles a template once per process, before
    #   any site matters; the lock changes no result, it only keeps two
    #   threads from compiling at the same moment (a CPython race).
    # Function-level on purpose: Zope imports this package before it reads
    # any zcml, and both must be in place before the first request; a
    # module-level import here would run before PACKAGE_NAME and _ exist.
    from integrationsportal.hardening import compilelock
    from integrationsportal.hardening import converters

    converters.apply()
    compilelock.apply()


_apply_patches()
