"""The point of each place, as catalog metadata, so that the finder, the
maps and the open data compute distances without waking any object.

``place_point`` is "lat,lon" (empty: nowhere), ``place_precision`` says
where it comes from:
- ``point``: set on the map (or found from the address);
- ``postal_code``: the centre of the item's postal code;
- ``municipality``: the centre of its municipality.

An offer without its own point takes its provider's, then the centre of
its own municipality. An offer that takes place only online has no point.
"""

from integrationsportal.housing.content import IHousingOffer
from integrationsportal.places.behavior import IPlace
from integrationsportal.places.gazetteer import municipality_point
from integrationsportal.places.gazetteer import postal_code_places
from integrationsportal.places.geo import to_point
from integrationsportal.shared.indexing import to_object
from plone import api
from plone.indexer import indexer


def own_place(obj, exact=True):
    """(Point, precision) of an organisation or a flat, or (None, "");
    without ``exact``, a point set on the item itself is passed over."""
    point = to_point(getattr(obj, "geolocation", None)) if exact else None
    if point is not None:
        return point, "point"
    code = (
        getattr(obj, "zip_code", None) or getattr(obj, "postal_code", None) or ""
    ).strip()
    place = postal_code_places().get(code)
    if place is not None:
        return place.point, "postal_code"
    point = municipality_point(getattr(obj, "municipality", None))
    if point is not None:
        return point, "municipality"
    return None, ""


def offer_place(obj):
    """(Point, precision) of an offer, the first of: its own point; its
    published provider's point when the offer names no other street, postal
    code or municipality; its own postal code's centre; its provider's
    place when the provider is in the offer's municipality; its
    municipality's centre; its provider's place. (None, "") when it takes
    place online only, or nowhere known."""
    if getattr(obj, "online", None) == "online":
        return None, ""
    point = to_point(getattr(obj, "geolocation", None))
    if point is not None:
        return point, "point"
    code = (getattr(obj, "zip_code", None) or "").strip()
    municipality = getattr(obj, "municipality", None)
    provider = public_provider(obj)
    same_town = provider is not None and municipality in (
        None,
        "",
        getattr(provider, "municipality", None),
    )
    if same_town:
        point, precision = own_place(provider)
        if precision == "point" and _same_address(obj, provider):
            return point, precision
    place = postal_code_places().get(code)
    if place is not None:
        return place.point, "postal_code"
    if same_town:
        point, precision = own_place(provider)
        if point is not None:
            return point, precision
    point = municipality_point(municipality)
    if point is not None:
        return point, "municipality"
    if provider is not None:
        return own_place(provider)
    return None, ""


def _same_address(offer, provider):
    """True if the offer names no street or postal code other than its
    provider's: it takes place at the provider's building."""
    for name in ("street", "zip_code"):
        own = (getattr(offer, name, None) or "").strip()
        if own and own != (getattr(provider, name, None) or "").strip():
            return False
    return True


def public_provider(offer):
    """The offer's provider if it is published: a draft or private
    organisation's point never shows through its offers."""
    provider = to_object(getattr(offer, "provider", None))
    if provider is None:
        return None
    state = api.content.get_state(provider, default=None)
    return provider if state == "published" else None


def flat_place(obj):
    """(Point, precision) of a flat: the centre of its postal code or
    municipality, never a point of its own (see below)."""
    return own_place(obj, exact=False)


def place_of(obj):
    if IHousingOffer.providedBy(obj):  # even with the point behaviour on
        return flat_place(obj)
    if getattr(obj, "portal_type", None) == "Offer":
        return offer_place(obj)
    return own_place(obj)


@indexer(IPlace)
def place_point(obj):
    point, _precision = place_of(obj)
    return point.as_text() if point is not None else ""


@indexer(IPlace)
def place_precision(obj):
    return place_of(obj)[1]


# A flat is placed at the centre of its postal code or municipality only:
# its exact point would be the landlord's street address, which only the
# housing team may read and the retention job erases. A point on the flat
# (from an import, or the point behaviour switched on for flats) is passed
# over.
@indexer(IHousingOffer)
def flat_place_point(obj):
    point, _precision = flat_place(obj)
    return point.as_text() if point is not None else ""


@indexer(IHousingOffer)
def flat_place_precision(obj):
    return flat_place(obj)[1]
