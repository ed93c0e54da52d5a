"""Catalog values for translation dashboards: no object is woken to count."""

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
    original also every portal language it has no translation in yet."""
    own = language_of(obj)
    if own != default_language():
        return [own] if own else []
    available = api.portal.get_registry_record("plone.available_languages", default=[])
    translated = set(translations_of(obj))
    return [own] + [
        code for code in available if code != own and code not in translated
    ]
