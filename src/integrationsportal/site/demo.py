"""Loads example content from JSON files: data, not code.

Each ``*.json`` file in a directory holds ``{"items": [...]}``; files load in
name order, items in list order. An item::

    {
      "path": "de/willkommen",           # where it lives, from the portal root
      "type": "Document",                # portal_type
      "title": "...", "description": "...",
      "text": "<p>HTML</p>",             # rich text, optional
      "fields": {...},                   # further schema fields, optional;
                                         # dates as "2026-09-01"
      "relations": {"provider": "de/akteure/jobcenter",
                    "contacts": ["de/kontakte/a", "de/kontakte/b"]},
      "state": "published",              # review state to reach, optional
      "translation_of": "en/welcome",    # links the item as a translation, optional
      "default_page": true,              # becomes the default page of its folder
      "layout": "process-chains"         # the view that displays it, optional
    }

Items that already exist are left as they are, so loading twice changes nothing.
"""

from Acquisition import aq_chain
from datetime import date
from datetime import datetime
from pathlib import Path
from plone import api
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.utils import iterSchemataForType
from plone.formwidget.geolocation.field import GeolocationField
from plone.formwidget.geolocation.geolocation import Geolocation
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.schema import Date
from zope.schema import Datetime
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ValidationError
import json


class DemoContentError(ValueError):
    """A content file cannot be loaded; the message names the file and item."""


def _rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _language_of(container):
    """The language of the nearest language root folder above, if any."""
    for obj in aq_chain(container):
        if getattr(obj, "portal_type", None) == "LRF":
            return ILanguage(obj).get_language()
        if IPloneSiteRoot.providedBy(obj):
            break
    return None


def _schema_fields(portal_type):
    fields = {}
    for schema in iterSchemataForType(portal_type):
        fields.update(getFieldsInOrder(schema))
    return fields


def _convert(fields, name, value):
    """JSON values to what the schema field stores."""
    field = fields.get(name)
    if field is None:
        raise ValueError(f"field '{name}' is not in the schema")
    if isinstance(field, Datetime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(field, Date) and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(field, RichText) and isinstance(value, str):
        return _rich_text(value)
    if isinstance(field, GeolocationField) and isinstance(value, dict):
        return Geolocation(value.get("latitude"), value.get("longitude"))
    return value


def _validate(obj, schema_fields, values, relations):
    """Check every given value against its field (vocabularies, lengths,
    ranges), so a wrong token in a file fails here and not on an edit form."""
    for name, value in values.items():
        if name in relations or name == "text":
            continue
        try:
            schema_fields[name].bind(obj).validate(value)
        except ValidationError as exc:
            raise ValueError(
                f"field '{name}': {value!r} is not valid ({exc.__class__.__name__}"
                f"{': ' + exc.doc() if exc.doc() else ''})"
            ) from exc


def _relation(portal, path, where):
    target = portal.unrestrictedTraverse(path.strip("/"), None)
    if target is None:
        raise ValueError(f"relation target '{path}' does not exist ({where})")
    return RelationValue(getUtility(IIntIds).getId(target))


def _create_item(portal, item):
    path = item["path"].strip("/")
    parent_path, _sep, obj_id = path.rpartition("/")
    parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
    if obj_id in parent.objectIds():
        return None
    schema_fields = _schema_fields(item["type"])
    fields = {
        name: _convert(schema_fields, name, value)
        for name, value in item.get("fields", {}).items()
    }
    if "text" in item:
        fields["text"] = _rich_text(item["text"])
    for name, target in item.get("relations", {}).items():
        if name not in schema_fields:
            raise ValueError(f"relation field '{name}' is not in the schema")
        if isinstance(target, list):
            fields[name] = [_relation(portal, path, name) for path in target]
        else:
            fields[name] = _relation(portal, target, name)
    obj = api.content.create(
        container=parent,
        type=item["type"],
        id=obj_id,
        title=item["title"],
        description=item.get("description", ""),
        safe_id=False,
        **fields,
    )
    language = _language_of(parent)
    if language:
        ILanguage(obj).set_language(language)
    _validate(obj, schema_fields, fields, item.get("relations", {}))
    if item.get("state"):
        api.content.transition(obj=obj, to_state=item["state"])
    if item.get("translation_of"):
        from plone.app.multilingual.interfaces import ILanguageIndependentFieldsManager
        from plone.app.multilingual.interfaces import ITranslationManager

        original = portal.unrestrictedTraverse(item["translation_of"].strip("/"))
        ITranslationManager(original).register_translation(language, obj)
        # as the translation form does: language-independent fields follow
        # the original
        ILanguageIndependentFieldsManager(original).copy_fields(obj)
    if item.get("default_page"):
        parent.setDefaultPage(obj_id)
    if item.get("layout"):
        obj.setLayout(item["layout"])
    obj.reindexObject()
    return obj


def load_content_file(path, portal=None):
    """Create the items of one file; returns how many were created."""
    portal = portal or api.portal.get()
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DemoContentError(f"{path}: cannot be read as JSON: {exc}") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DemoContentError(f"{path}: expected an object with a list 'items'")
    created = 0
    for number, item in enumerate(items, start=1):
        where = f"{path}: item {number} ({item.get('path', 'no path')})"
        for key in ("path", "type", "title"):
            if not item.get(key):
                raise DemoContentError(f"{where}: field '{key}' is missing")
        try:
            if _create_item(portal, item) is not None:
                created += 1
        except (KeyError, AttributeError, ValueError, TypeError) as exc:
            raise DemoContentError(f"{where}: {exc}") from exc
    return created


def load_content_directory(directory, portal=None):
    """Create the items of every ``*.json`` file in ``directory``."""
    files = sorted(Path(directory).glob("*.json"))
    return sum(load_content_file(path, portal) for path in files)
