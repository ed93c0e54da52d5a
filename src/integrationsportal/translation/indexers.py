"""Catalog values for translation dashboards: no object is woken to count."""

from AccessControl.PermissionRole import rolesForPermissionOn
from integrationsportal.translation import default_language
from integrationsportal.translation import language_of
from integrationsportal.translation import OUTDATED
from integrationsportal.translation import status
from integrationsportal.translation import translations_of
from plone import api
from plone.app.multilingual.interfaces import ITranslatable
from plone.indexer import indexer


@indexer(ITranslatable)
def translation_outdated(obj):
    return status(obj) == OUTDATED


@indexer(ITranslatable)
def finder_languages(obj):
    """The languages whose readers should find this item: its own, and for an
    original also every portal language it has no public translation in yet
    (a draft translation must not hide the original from its readers)."""
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
    return "Anonymous" in rolesForPermissionOn("View", obj)
