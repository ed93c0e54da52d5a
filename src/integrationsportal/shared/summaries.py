"""One summary each of an offer, a contact and an organisation: for cards
in lists (from catalog metadata or the object at hand) and for relations in
plone.restapi. Staff-only fields are never part of a summary."""

from integrationsportal.shared.bidi import fragment
from integrationsportal.shared.bidi import join
from integrationsportal.shared.bidi import marked
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


def offer_card(brain, titles, language=None, distance=""):
    """An offer in a list, from the brain's metadata only. With the reader's
    ``language``, an offer in another language says which one (named in the
    reader's language), and its texts carry their own language (see
    shared/bidi.py). ``distance`` is how far it is from the place the reader
    searches near, as text ("2,4 km", see places.maps.distance_text)."""
    levels = titles["german_level"]
    language = language or brain.Language
    other = brain.Language if brain.Language != language else ""

    def vocabulary_list(key, tokens):
        return join(
            [marked(titles[key].get(t, t), language) for t in (tokens or ())],
            language,
        )

    return {
        "other_language": (
            marked(titles["language"].get(other, other), language) if other else ""
        ),
        "other_language_code": other,
        "url": brain.getURL(),
        "uid": brain.UID,
        "title": fragment(brain.Title, brain.Language, language),
        "description": fragment(brain.Description, brain.Language, language),
        "categories": vocabulary_list("category", brain.categories),
        "municipality": marked(
            titles["municipality"].get(brain.municipality or "", ""), language
        ),
        "german_level": marked(levels.get(brain.german_level or "", ""), language),
        "needs_german": (brain.german_level or "none") != "none",
        "languages": vocabulary_list("language", brain.languages),
        "free": brain.cost == "free",
        "barrier_free": bool(brain.barrier_free),
        "status": brain.offer_status,
        "provider": marked(brain.provider_title or "", language),
        "online": brain.online,
        "distance": distance,
    }


def contact_card_from_brain(brain, language=None):
    """A contact person in a list, from the brain's metadata only; shown on
    a page in ``language`` (the contact's own by default)."""
    language = language or brain.Language
    return {
        "url": brain.getURL(),
        "uid": brain.UID,
        "title": fragment(brain.Title, brain.Language, language),
        "position": fragment(brain.position or "", brain.Language, language),
        "organisation": marked(brain.organisation_title or "", language),
        "phone": brain.phone or "",
        "email": brain.email or "",
    }


def contact_card(obj, language=None):
    """A contact or an organisation a relation points to, as a card on a
    page in ``language`` (the target's own by default)."""
    own = obj.Language() or ""
    language = language or own
    organisation = ""
    if obj.portal_type == "Contact":
        target = related(obj, "organisation")
        if target is not None:
            organisation = fragment(target.Title(), target.Language(), language)
    return {
        "url": obj.absolute_url(),
        "uid": obj.UID(),
        "title": fragment(obj.Title(), own, language),
        "position": fragment(getattr(obj, "position", None) or "", own, language),
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
