"""Translation status on top of plone.app.multilingual.

The original of a translation group is its item in the portal's default
language. A translation remembers the *fingerprint* of the original it was
made from: a hash of the original's translatable text (the fields a
translator translates, see ``translatable_fields``). A translation whose
remembered fingerprint differs from its original's is *outdated*; a language
without an item in the group is *missing* that item.

A save of the original counts as a change (a new *revision*, with its date)
only when its translatable text differs from the text before: a save that
changes nothing, or a change of language-independent fields alone
(plone.app.multilingual copies those over at once), outdates nothing, and
putting back the exact previous text makes the translations made from it
current again. A change marked as minor does not outdate translations: its
text counts as the text it was made from.

Translations made before fingerprints were kept compare revision numbers.
"""

from DateTime import DateTime
from integrationsportal.shared.installed import is_installed
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.utils import iterSchemata
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
import hashlib
import json


KEY = "integrationsportal.translation"

CURRENT = "current"
OUTDATED = "outdated"
MISSING = "missing"

# text fields that are not content: the short name, the language, the
# versioning note
NOT_CONTENT = frozenset({"id", "language", "changeNote"})
# fingerprints of minor changes an original remembers (see original_saved)
MINOR_CHANGES_KEPT = 20


def _record(obj, create=False):
    annotations = IAnnotations(obj, None)
    if annotations is None:
        return None
    record = annotations.get(KEY)
    if record is None and create:
        record = annotations[KEY] = PersistentMapping()
    return record


def default_language():
    return api.portal.get_default_language() or "de"


def language_of(obj):
    return ILanguage(obj).get_language() or ""


def original_of(obj):
    """The item in the default language of ``obj``'s translation group, or
    None if ``obj`` is that item or the group has none."""
    if not ITranslatable.providedBy(obj):
        return None
    default = default_language()
    if language_of(obj) == default:
        return None
    return ITranslationManager(obj).get_translation(default)


def translatable_fields(obj):
    """{name: 'text'|'html'} of the fields a translator translates: title,
    description and language-dependent text fields without a read permission
    (staff-only fields never leave the portal)."""
    fields = {"title": "text", "description": "text"}
    for schema in iterSchemata(obj):
        protected = schema.queryTaggedValue(READ_PERMISSIONS_KEY) or {}
        for name, schema_field in getFieldsInOrder(schema):
            if name in fields or name in protected or name in NOT_CONTENT:
                continue
            if ILanguageIndependentField.providedBy(schema_field):
                continue
            if isinstance(schema_field, RichText):
                fields[name] = "html"
            elif ITextLine.providedBy(schema_field) or IText.providedBy(schema_field):
                fields[name] = "text"
    return fields


def field_value(obj, name):
    if name == "title":
        return obj.Title() or ""
    if name == "description":
        return obj.Description() or ""
    value = getattr(obj, name, None)
    if value is None:
        return ""
    if isinstance(value, RichTextValue):
        return value.raw or ""
    return str(value)


def fingerprint(obj):
    """A hash of the translatable text of ``obj`` as it is now. Line endings
    (browsers send CRLF) and surrounding white space do not count."""
    values = sorted(
        (name, "\n".join(field_value(obj, name).strip().splitlines()))
        for name in translatable_fields(obj)
    )
    data = json.dumps(values, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def made_from(original):
    """The fingerprint translations of ``original`` are made from now: that
    of its last real change (remembered from the first translation on)."""
    record = _record(original, create=True)
    if record.get("fingerprint") is None:
        record["fingerprint"] = fingerprint(original)
    return record["fingerprint"]


def revision(original):
    """The number of real (non-minor) changes of an original so far."""
    record = _record(original)
    return record.get("revision", 0) if record else 0


def revision_date(original):
    """When the original last changed in a way that outdates translations."""
    record = _record(original)
    date = record.get("revision_date") if record else None
    return DateTime(date) if date else None


def source_revision(translation):
    record = _record(translation)
    return record.get("source_revision") if record else None


def status(translation, original=None):
    """'current' or 'outdated' for a translation; None for an original or an
    item that is not part of a translation group with an original."""
    original = original or original_of(translation)
    if original is None:
        return None
    record = _record(translation)
    source = record.get("source_fingerprint") if record else None
    original_record = _record(original)
    current = original_record.get("fingerprint") if original_record else None
    if source is not None and current is not None:
        return CURRENT if source == current else OUTDATED
    # translated before fingerprints were kept
    source_revision_ = source_revision(translation)
    if source_revision_ is None:  # translated before statuses were kept
        return CURRENT
    return OUTDATED if source_revision_ < revision(original) else CURRENT


def mark_current(translation, original=None):
    """The translation now renders its original's current state."""
    original = original or original_of(translation)
    if original is None:
        return
    record = _record(translation, create=True)
    record["source_fingerprint"] = made_from(original)
    record["source_revision"] = revision(original)
    record["translated_date"] = DateTime().ISO8601()
    translation.reindexObject(idxs=["translation_outdated"])


def remember_source(translation, original):
    """A translation that is current keeps the fingerprint of the text it
    renders (for translations made before fingerprints were kept)."""
    record = _record(translation, create=True)
    record["source_fingerprint"] = made_from(original)


def original_saved(original, minor=False):
    """The original was saved: count a revision if its translatable text is
    not the text translations are now made from. A minor change leaves the
    translations as they are: its text counts as the text before it."""
    record = _record(original, create=True)
    before = record.get("fingerprint")
    minor_changes = record.get("minor_changes")
    text = fingerprint(original)
    now = minor_changes.get(text, text) if minor_changes is not None else text
    if now == before:
        return  # nothing a translator would have to change
    if minor:
        if before is not None:
            if minor_changes is None:
                minor_changes = record["minor_changes"] = PersistentMapping()
            minor_changes.pop(text, None)
            minor_changes[text] = before
            for oldest in list(minor_changes)[:-MINOR_CHANGES_KEPT]:
                del minor_changes[oldest]
        return
    record["fingerprint"] = now
    raise_revision(original)


def raise_revision(original):
    """A real change of the original: its translations are now outdated."""
    record = _record(original, create=True)
    record["revision"] = record.get("revision", 0) + 1
    record["revision_date"] = DateTime().ISO8601()
    for translation in translations_of(original).values():
        translation.reindexObject(idxs=["translation_outdated"])


def translations_of(original):
    """{language: object} of the original's translations (not itself),
    whether or not the current user may see them: statuses concern all."""
    if not ITranslatable.providedBy(original):
        return {}
    group = ITranslationManager(original).tg
    catalog = api.portal.get_tool("portal_catalog")
    own = language_of(original)
    return {
        brain.Language: brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(TranslationGroup=group)
        if brain.Language != own
    }


def default_root_path(language):
    """The path of the default language's root folder when ``language`` is
    another one (its originals stand in for missing translations), else None."""
    default = api.portal.get_default_language()
    if not default or not language or default == language:
        return None
    root = api.portal.get().get(default)
    if root is None or not ILanguageRootFolder.providedBy(root):
        return None
    return "/".join(root.getPhysicalPath())


def reader_query(path, language):
    """The catalog query part for what a reader of ``language`` finds under
    ``path``: the items in that language, and the originals not translated
    into it yet (the ``finder_languages`` index knows which)."""
    fallback = default_root_path(language)
    if fallback:
        return {"finder_languages": language, "path": [path, fallback]}
    return {"Language": language, "path": path}


def language_independent_names(obj):
    names = set()
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if ILanguageIndependentField.providedBy(field):
                names.add(name)
    return names


def changed_names(event):
    """Attribute names an edit form reports as changed, or None if unknown."""
    names = set()
    for description in getattr(event, "descriptions", None) or ():
        attributes = getattr(description, "attributes", None)
        if attributes is None:
            return None
        names.update(name.rpartition(".")[2] for name in attributes)
    return names or None


# event subscribers ----------------------------------------------------------
# Registered for every site in the Zope (plone.app.multilingual's events carry
# no request to bind them to a layer): each acts only in a site that installed
# the add-on; languages_changed, only where the finder_languages index is.


def _is_language_sync(event):
    """plone.app.multilingual copies language-independent fields into the
    translations and reports it with the translation group as a description."""
    descriptions = getattr(event, "descriptions", None) or ()
    return len(descriptions) > 1 and isinstance(descriptions[1], str)


def content_modified(obj, event):
    if not ITranslatable.providedBy(obj) or _is_language_sync(event):
        return
    if not is_installed(obj):
        return
    minor = bool(getattr(obj, "minor_change", False))
    if minor:
        obj.minor_change = False  # the flag applies to one save only
    if language_of(obj) == default_language():
        changed = changed_names(event)
        if changed is not None and changed <= (
            language_independent_names(obj) | {"minor_change"}
        ):
            return
        original_saved(obj, minor)
        return
    if not minor:
        mark_current(obj)


def translation_made(event):
    """A translation was created or registered: it renders the original now,
    and readers of its language no longer need the original."""
    target = getattr(event, "target", None)
    if target is None or not is_installed(target):
        return
    original = original_of(target)
    if original is not None:
        mark_current(target, original)
        original.reindexObject(idxs=["finder_languages"])


def translation_removed(obj, event):
    """Readers of the removed translation's language see the original again."""
    if IPloneSiteRoot.providedBy(event.object):  # the whole site goes
        return
    if not is_installed(event.oldParent):  # the removed object has no site
        return
    if language_of(obj) == default_language():
        return
    try:
        original = ITranslationManager(obj).get_translation(default_language())
    except (TypeError, AttributeError):
        return
    if original is not None and original is not obj:
        original.reindexObject(idxs=["finder_languages"])


def translation_state_changed(obj, event):
    """A translation was published or retracted: whether its readers still
    need the original depends on whether they may see the translation."""
    if not is_installed(obj) or language_of(obj) == default_language():
        return
    original = original_of(obj)
    if original is not None:
        original.reindexObject(idxs=["finder_languages"])


def languages_changed(record, event):
    """A language was added or removed: originals are found differently."""
    if event.record.__name__ != "plone.available_languages":
        return
    catalog = api.portal.get_tool("portal_catalog")
    if "finder_languages" in catalog.indexes():
        catalog.reindexIndex("finder_languages", None)
