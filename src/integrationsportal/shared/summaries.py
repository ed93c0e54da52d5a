"""One summary each of an offer, a contact and an organisation: for cards
in lists (from catalog metadata or the object at hand) and for relations in
plone.restapi. Staff-only fields are never part of a summary."""

from integrationsportal.shared.formatting import language_name
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.relations import related
from integrationsportal.shared.relations import visible_target
from plone import api


OFFER_VOCABULARIES = {
    "category": "integrationsportal.OfferCategories",
    "german_level": "integrationsportal.GermanLevels",
    "language": "integrationsportal.Languages",
    "municipality": "integrationsportal.Municipalities",
}


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


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def relation_summary(obj):
    """What plone.restapi shows of a relation's target."""
    summary = {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": obj.UID(),
        "title": obj.Title(),
        "description": obj.Description(),
        "review_state": api.content.get_state(obj, default=None),
    }
    if obj.portal_type == "Organisation":
        for name in ("kind", "municipality", "city", "phone", "email", "website"):
            summary[name] = getattr(obj, name, None)
    elif obj.portal_type == "Contact":
        organisation = visible_target(getattr(obj, "organisation", None))
        summary["position"] = getattr(obj, "position", None)
        summary["organisation"] = organisation.Title() if organisation else None
        for name in ("phone", "email"):
            summary[name] = getattr(obj, name, None)
    elif obj.portal_type == "Offer":
        summary["categories"] = list(getattr(obj, "categories", None) or [])
        summary["municipality"] = getattr(obj, "municipality", None)
        summary["offer_status"] = getattr(obj, "offer_status", None)
        summary["start"] = _iso(getattr(obj, "start", None))
        summary["end"] = _iso(getattr(obj, "end", None))
    return summary
