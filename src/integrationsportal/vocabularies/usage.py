"""How many items use a token of an editable vocabulary, so that the control
panel can warn before a token that content still holds is removed.

The fields are found from the content types' schemas and behaviors (every
``Choice`` or list of ``Choice`` naming the vocabulary), the items through
the catalog: a catalog index of the field's name answers directly; for the
other fields the catalog finds the items of the types that have the field,
and their values are read.
"""

from plone import api
from plone.dexterity.utils import iterSchemataForType
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection


def _vocabulary_name(field):
    if ICollection.providedBy(field) and IChoice.providedBy(field.value_type):
        field = field.value_type
    if IChoice.providedBy(field):
        return field.vocabularyName
    return None


def fields_using(utility_name):
    """``[(portal_type, field)]`` of every field that takes its choices from
    the vocabulary utility ``utility_name``."""
    found = []
    types = api.portal.get_tool("portal_types")
    for fti in types.listTypeInfo():
        if not hasattr(fti, "lookupSchema"):
            continue
        for schema in iterSchemataForType(fti.getId()):
            for _name, field in getFieldsInOrder(schema):
                if _vocabulary_name(field) == utility_name:
                    found.append((fti.getId(), field))
    return found


def _holds(value, token):
    if isinstance(value, (list, tuple, set, frozenset)):
        return token in value
    return value == token


def users(utility_name, tokens):
    """``{token: {rid: brain}}``: the items using each of ``tokens``, over
    every item (all languages, all states)."""
    catalog = api.portal.get_tool("portal_catalog")
    indexes = set(catalog.indexes())
    found = {token: {} for token in tokens}
    if not tokens:
        return {}
    for portal_type, field in fields_using(utility_name):
        name = field.__name__
        index = catalog._catalog.indexes.get(name) if name in indexes else None
        if index is not None and name in (index.getIndexSourceNames() or ()):
            for token in tokens:
                for brain in catalog.unrestrictedSearchResults(
                    portal_type=portal_type, **{name: token}
                ):
                    found[token][brain.getRID()] = brain
            continue
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
            obj = brain._unrestrictedGetObject()
            adapted = field.interface(obj, None)
            value = getattr(adapted, name, None)
            for token in tokens:
                if _holds(value, token):
                    found[token][brain.getRID()] = brain
    return found


def usage(utility_name, tokens):
    """``{token: number of items using it}`` for ``tokens``."""
    return {token: len(items) for token, items in users(utility_name, tokens).items()}


def reindex_text(utility_name, tokens):
    """The items using ``tokens`` are found by their terms' titles in full-text
    search: after a title changed, their searchable text is indexed anew.
    Returns how many items were reindexed."""
    items = {}
    for found in users(utility_name, tokens).values():
        items.update(found)
    for brain in items.values():
        brain._unrestrictedGetObject().reindexObject(idxs=["SearchableText"])
    return len(items)
