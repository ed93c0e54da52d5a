"""What listings show of an offer or a contact: dictionaries built from
catalog metadata (brains) or, for relations, from the object at hand."""

from AccessControl import getSecurityManager
from integrationsportal.finder import vocabulary
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.i18n.interfaces import ILanguageUtility
from zope.component import getUtility


OFFER_VOCABULARIES = {
    "category": "integrationsportal.OfferCategories",
    "german_level": "integrationsportal.GermanLevels",
    "language": "integrationsportal.Languages",
    "municipality": "integrationsportal.Municipalities",
}


def language_name(code, native=True):
    """The name of a language: native ('Deutsch' for 'de') or English."""
    info = getUtility(ILanguageUtility).getAvailableLanguageInformation().get(code)
    return (info or {}).get("native" if native else "name") or code


def vocabulary_titles(name, context=None):
    """{token: title} of a named vocabulary, in the reader's language."""
    return {term.value: term.title for term in vocabulary(name, context)}


def offer_titles(context=None):
    return {
        key: vocabulary_titles(name, context)
        for key, name in OFFER_VOCABULARIES.items()
    }


def offer_card(brain, titles, language=None):
    """An offer in a list, from the brain's metadata only. With the reader's
    ``language``, an offer in another language says which one."""
    levels = titles["german_level"]
    other = brain.Language if language and brain.Language != language else ""
    return {
        "other_language": language_name(other) if other else "",
        "other_language_code": other,
        "url": brain.getURL(),
        "title": brain.Title,
        "description": brain.Description,
        "categories": [titles["category"].get(t, t) for t in (brain.categories or ())],
        "municipality": titles["municipality"].get(brain.municipality or "", ""),
        "german_level": levels.get(brain.german_level or "", ""),
        "needs_german": (brain.german_level or "none") != "none",
        "languages": [titles["language"].get(t, t) for t in (brain.languages or ())],
        "free": brain.cost == "free",
        "barrier_free": bool(brain.barrier_free),
        "status": brain.offer_status,
        "provider": brain.provider_title or "",
        "online": brain.online,
    }


def contact_card_from_brain(brain):
    """A contact person in a list, from the brain's metadata only."""
    return {
        "url": brain.getURL(),
        "title": brain.Title,
        "position": brain.position or "",
        "organisation": brain.organisation_title or "",
        "phone": brain.phone or "",
        "email": brain.email or "",
    }


def contact_card(obj):
    """A contact or an organisation a relation points to, as a card."""
    organisation = ""
    if obj.portal_type == "Contact":
        target = related(obj, "organisation")
        organisation = target.Title() if target is not None else ""
    return {
        "url": obj.absolute_url(),
        "title": obj.Title(),
        "position": getattr(obj, "position", None) or "",
        "organisation": organisation,
        "phone": getattr(obj, "phone", None) or "",
        "email": getattr(obj, "email", None) or "",
    }


def may_view(obj):
    return bool(getSecurityManager().checkPermission("View", obj))


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
    value = getattr(context, field_name, None)
    if value is None or value.isBroken():
        return None
    target = value.to_object
    if target is None or not may_view(target):
        return None
    return in_language(target, ILanguage(context).get_language())


def related_list(context, field_name):
    language = ILanguage(context).get_language()
    result, seen = [], set()
    for value in getattr(context, field_name, None) or ():
        if value is None or value.isBroken():
            continue
        target = value.to_object
        if target is None or not may_view(target):
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


class Icons:
    """Plone's icon resolver, remembering each inline SVG for the request:
    a list of twenty offers shows the same seven icons over and over."""

    def __init__(self, context, request):
        self.resolver = context.restrictedTraverse("@@iconresolver")
        self.tags = {}

    def tag(self, name):
        if name not in self.tags:
            self.tags[name] = self.resolver.tag(name)
        return self.tags[name]
