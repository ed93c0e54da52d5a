"""Catalog values for translation dashboards: no object is woken to count."""

from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_chain
from contextlib import contextmanager
from integrationsportal.translation import default_language
from integrationsportal.translation import language_of
from integrationsportal.translation import OUTDATED
from integrationsportal.translation import status
from integrationsportal.translation import translations_of
from plone import api
from plone.app.multilingual.interfaces import ITranslatable
from plone.indexer import indexer
from Products.CMFCore.interfaces import ISiteRoot
from Products.CMFCore.permissions import View
from zope.component.hooks import getSite
from zope.component.hooks import setSite


@contextmanager
def site_of(obj):
    """The site hook set to ``obj``'s site while none is set: a reindex may
    run at commit after the hook has been cleared (a script, the creation of
    a site), and plone.app.multilingual finds translations through it."""
    if getSite() is not None:
        yield
        return
    site = next((item for item in aq_chain(obj) if ISiteRoot.providedBy(item)), None)
    setSite(site)
    try:
        yield
    finally:
        setSite(None)


@indexer(ITranslatable)
def translation_outdated(obj):
    with site_of(obj):
        return status(obj) == OUTDATED


@indexer(ITranslatable)
def finder_languages(obj):
    """The languages whose readers should find this item: its own, and for an
    original also every portal language it has no public translation in yet
    (a draft translation must not hide the original from its readers)."""
    with site_of(obj):
        return _finder_languages(obj)


def _finder_languages(obj):
    own = language_of(obj)
    if own != default_language():
        return [own] if own else []
    available = api.portal.get_registry_record("plone.available_languages", default=[])
    translated = {
        code
        for code, translation in translations_of(obj).items()
        if is_public(translation)
    }
    return [own] + [
        code for code in available if code != own and code not in translated
    ]


def is_public(obj):
    """Whether anonymous readers may see ``obj`` (whatever its workflow)."""
    return "Anonymous" in rolesForPermissionOn(View, obj)
