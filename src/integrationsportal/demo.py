"""Loads example content from JSON files: data, not code.

Each ``*.json`` file in a directory holds ``{"items": [...]}``; files load in
name order, items in list order. An item::

    {
      "path": "de/willkommen",           # where it lives, from the portal root
      "type": "Document",                # portal_type
      "title": "...", "description": "...",
      "text": "<p>HTML</p>",             # rich text, optional
      "fields": {...},                   # further schema fields, optional
      "state": "published",              # review state to reach, optional
      "translation_of": "en/welcome",    # links the item as a translation, optional
      "default_page": true               # becomes the default page of its folder
    }

Items that already exist are left as they are, so loading twice changes nothing.
"""

from Acquisition import aq_chain
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
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


def _create_item(portal, item):
    path = item["path"].strip("/")
    parent_path, _sep, obj_id = path.rpartition("/")
    parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
    if obj_id in parent.objectIds():
        return None
    fields = dict(item.get("fields", {}))
    if "text" in item:
        fields["text"] = _rich_text(item["text"])
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
    if item.get("state"):
        api.content.transition(obj=obj, to_state=item["state"])
    if item.get("translation_of"):
        from plone.app.multilingual.interfaces import ITranslationManager

        original = portal.unrestrictedTraverse(item["translation_of"].strip("/"))
        ITranslationManager(original).register_translation(language, obj)
    if item.get("default_page"):
        parent.setDefaultPage(obj_id)
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
