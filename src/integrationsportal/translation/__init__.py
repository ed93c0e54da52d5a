"""Translation status on top of plone.app.multilingual.

The original of a translation group is its item in the portal's default
language. Each change of an original that is not marked as minor raises its
revision; a translation remembers the revision it was made from. A translation
whose remembered revision is older than its original's is *outdated*; a
language without an item in the group is *missing* that item.

Changes of language-independent fields alone do not outdate translations:
plone.app.multilingual copies them over at once.
"""

from DateTime import DateTime
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.utils import iterSchemata
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldsInOrder


KEY = "integrationsportal.translation"

CURRENT = "current"
OUTDATED = "outdated"
MISSING = "missing"


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
    made_from = source_revision(translation)
    if made_from is None:  # translated before statuses were kept
        return CURRENT
    return OUTDATED if made_from < revision(original) else CURRENT


def mark_current(translation, original=None):
    """The translation now renders its original's current state."""
    original = original or original_of(translation)
    if original is None:
        return
    record = _record(translation, create=True)
    record["source_revision"] = revision(original)
    record["translated_date"] = DateTime().ISO8601()
    translation.reindexObject(idxs=["translation_outdated"])


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


def _is_language_sync(event):
    """plone.app.multilingual copies language-independent fields into the
    translations and reports it with the translation group as a description."""
    descriptions = getattr(event, "descriptions", None) or ()
    return len(descriptions) > 1 and isinstance(descriptions[1], str)


def content_modified(obj, event):
    if not ITranslatable.providedBy(obj) or _is_language_sync(event):
        return
    minor = bool(getattr(obj, "minor_change", False))
    if minor:
        obj.minor_change = False  # the flag applies to one save only
    if language_of(obj) == default_language():
        if minor:
            return
        changed = changed_names(event)
        if changed is not None and changed <= (
            language_independent_names(obj) | {"minor_change"}
        ):
            return
        raise_revision(obj)
        return
    if not minor:
        mark_current(obj)


def translation_made(event):
    """A translation was created or registered: it renders the original now,
    and readers of its language no longer need the original."""
    target = getattr(event, "target", None)
    if target is None:
        return
    original = original_of(target)
    if original is not None:
        mark_current(target, original)
        original.reindexObject(idxs=["finder_languages"])


def translation_removed(obj, event):
    """Readers of the removed translation's language see the original again."""
    if IPloneSiteRoot.providedBy(event.object):  # the whole site goes
        return
    if language_of(obj) == default_language():
        return
    try:
        original = ITranslationManager(obj).get_translation(default_language())
    except (TypeError, AttributeError):
        return
    if original is not None and original is not obj:
        original.reindexObject(idxs=["finder_languages"])


def languages_changed(record, event):
    """A language was added or removed: originals are found differently."""
    if event.record.__name__ != "plone.available_languages":
        return
    catalog = api.portal.get_tool("portal_catalog")
    if "finder_languages" in catalog.indexes():
        catalog.reindexIndex("finder_languages", None)
