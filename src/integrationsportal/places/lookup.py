"""The points of all offers, read once from the catalog's metadata and kept
until the catalog changes: distances for 10,000 offers then cost a
dictionary walk, not 10,000 brains.

``offer_points(catalog)`` gives ``({rid: Point}, IISet of the rids of
online-only offers)``; ``by_distance(catalog, origin)`` gives
``({rid: km}, [every offer's rid in the order of distance, those without a
place last, then by title])``, kept for up to 64 origins at a time (a
district has a few dozen municipalities and postal codes).

The answers are kept per catalog and per committed catalog state (its
change counter and that counter's transaction), as the finder's facet
counts keep theirs; inside a transaction that changed the catalog they are
computed afresh and not kept."""

from BTrees.IIBTree import IISet
from integrationsportal.places.geo import haversine_km
from integrationsportal.places.geo import to_point


_CACHE = {}
_BY_ORIGIN = {}
MAX_ORIGINS = 64


def offer_points(catalog):
    points, online, _titles = _state(catalog)
    return points, online


def by_distance(catalog, origin):
    key = (_key(catalog), tuple(origin))
    if key in _BY_ORIGIN:
        return _BY_ORIGIN[key]
    points, _online, titles = _state(catalog)
    distances = {rid: haversine_km(origin, point) for rid, point in points.items()}
    far = float("inf")
    order = sorted(titles, key=lambda rid: (distances.get(rid, far), titles[rid]))
    if _cacheable(catalog):
        if len(_BY_ORIGIN) >= MAX_ORIGINS:
            _BY_ORIGIN.clear()
        _BY_ORIGIN[key] = (distances, order)
    return distances, order


def _cacheable(catalog):
    length = getattr(catalog, "_counter", None)
    return length is not None and not length._p_changed


def _key(catalog):
    length = getattr(catalog, "_counter", None)
    return (
        "/".join(catalog.getPhysicalPath()),
        catalog.getCounter(),
        getattr(length, "_p_serial", None),
    )


def _state(catalog):
    key = _key(catalog)
    if key in _CACHE:
        return _CACHE[key]
    state = _read(catalog._catalog)
    if _cacheable(catalog):
        # one committed state per catalog is enough: drop the older ones
        # (a copy of the keys: other threads may fill the dict meanwhile)
        for old in [k for k in list(_CACHE) if k[0] == key[0]]:
            _CACHE.pop(old, None)
        _CACHE[key] = state
    return state


def _read(catalog):
    """({rid: Point}, IISet of online-only rids, {rid: title for sorting})
    of every offer in the catalog."""
    names = catalog.names
    offers = catalog.getIndex("portal_type")._index.get("Offer")
    if offers is None or "place_point" not in names:  # none, or before 1014
        return {}, IISet(), {}
    at_point = names.index("place_point")
    at_online = names.index("online") if "online" in names else None
    at_title = names.index("Title")
    rids = [offers] if isinstance(offers, int) else offers
    points, online, titles = {}, [], {}
    for rid in rids:
        record = catalog.data.get(rid)
        if record is None:
            continue
        titles[rid] = (record[at_title] or "").lower()
        point = to_point(record[at_point] or None)
        if point is not None:
            points[rid] = point
        elif at_online is not None and record[at_online] == "online":
            online.append(rid)
    return points, IISet(online), titles
