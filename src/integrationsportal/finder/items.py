"""An offer as the REST services list it (@offer-finder, mylist's
@offer-list): one summary from catalog metadata, without waking the offer."""

from integrationsportal.offers.indexers import AGE_OPEN_MAX
from integrationsportal.places.geo import to_point


def _term(titles, token):
    return {"token": token, "title": titles.get(token, token)}


def offer_item(brain, titles):
    """An offer as the REST services list it (@offer-finder, @offer-list),
    from the brain's metadata; ``titles`` are {facet: {token: title}}."""

    def terms(facet, tokens):
        return [_term(titles[facet], token) for token in tokens or ()]

    return {
        "@id": brain.getURL(),
        "@type": "Offer",
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description,
        "categories": terms("category", brain.categories),
        "target_groups": terms("target_group", brain.target_groups),
        "german_level": _term(titles["german_level"], brain.german_level)
        if brain.german_level
        else None,
        "languages": terms("language", brain.languages),
        "municipality": _term(titles["municipality"], brain.municipality)
        if brain.municipality
        else None,
        "online": brain.online,
        "cost": brain.cost,
        "barrier_free": bool(brain.barrier_free),
        "childcare": bool(brain.childcare),
        "offer_status": brain.offer_status,
        "age_min": brain.age_min or None,
        "age_max": None if brain.age_max in (None, AGE_OPEN_MAX) else brain.age_max,
        "provider": brain.provider_title or None,
        "place": place_item(brain),
    }


def place_item(brain):
    """Where the offer is: {latitude, longitude, precision} (precision:
    ``point``, ``postal_code`` or ``municipality``), or None."""
    point = to_point(getattr(brain, "place_point", None) or None)
    if point is None:
        return None
    return {
        "latitude": point.lat,
        "longitude": point.lon,
        "precision": getattr(brain, "place_precision", None) or "point",
    }
