"""Following relations: one visibility rule for pages, REST and exports.

A target is shown only when the current user has the View permission on it;
pages show it in the context's language when a visible translation exists.
"""

from AccessControl import getSecurityManager
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from Products.CMFCore.permissions import View


def may_view(obj):
    return bool(getSecurityManager().checkPermission(View, obj))


def visible_target(relation):
    """The object a relation value points to, or None when the relation is
    empty, broken or its target not visible to the user."""
    if relation is None or relation.isBroken():
        return None
    target = relation.to_object
    if target is None or not may_view(target):
        return None
    return target


def in_language(obj, language):
    """The translation of ``obj`` into ``language`` if there is one the
    current user may see, else ``obj`` itself."""
    if obj is None or not language:
        return obj
    if ILanguage(obj).get_language() == language:
        return obj
    try:
        translation = ITranslationManager(obj).get_translation(language)
    except TypeError:  # not translatable
        return obj
    if translation is not None and may_view(translation):
        return translation
    return obj


def related(context, field_name):
    """The object a relation field points to, in the context's language, or
    None when the relation is empty, broken or not visible to the user."""
    target = visible_target(getattr(context, field_name, None))
    if target is None:
        return None
    return in_language(target, ILanguage(context).get_language())


def related_list(context, field_name):
    """The visible targets of a relation list, in the context's language,
    each once."""
    language = ILanguage(context).get_language()
    result, seen = [], set()
    for value in getattr(context, field_name, None) or ():
        target = visible_target(value)
        if target is None:
            continue
        target = in_language(target, language)
        path = target.getPhysicalPath()
        if path not in seen:
            seen.add(path)
            result.append(target)
    return result


def translation_uids(obj):
    """UIDs of ``obj`` and all its translations: relations may point to any."""
    uids = {api.content.get_uuid(obj)}
    try:
        translations = ITranslationManager(obj).get_translations()
    except TypeError:
        return sorted(uids)
    uids.update(api.content.get_uuid(t) for t in translations.values())
    return sorted(uids)
