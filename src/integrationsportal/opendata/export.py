"""Open data: published offers, organisations and contacts, public fields
only, with stable field names.

What is exported is what an anonymous visitor may see: the catalog is asked
as the anonymous user and only for published items, and each dataset has a
fixed list of fields; staff-only fields (a contact's internal phone and notes)
are not in any list. The names below are a contract: add fields, never rename
or remove one.

Where an offer or an organisation is (``latitude``, ``longitude``,
``location_precision``) comes from the catalog's ``place_point`` and
``place_precision`` (places/indexers.py), the same point the finder and the
maps use; the GeoJSON dataset is made from the same records.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from datetime import date
from datetime import datetime
from integrationsportal.places.geo import to_point
from plone import api
from plone.app.textfield.value import RichTextValue


def _text(value):
    if value is None:
        return ""
    if isinstance(value, RichTextValue):
        return value.output_relative_to(api.portal.get()) if value.raw else ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value if v not in (None, "")]
    return value


def _relation(obj, name):
    value = getattr(obj, name, None)
    if value is None or getattr(value, "isBroken", lambda: True)():
        return None
    target = value.to_object
    if target is None or api.content.get_state(target, default=None) != "published":
        return None
    return target


def _relations(obj, name):
    found = []
    for value in getattr(obj, name, None) or []:
        if value is None or value.isBroken():
            continue
        target = value.to_object
        if (
            target is not None
            and api.content.get_state(target, default=None) == "published"
        ):
            found.append(target)
    return found


def _common(obj):
    return {
        "id": obj.UID(),
        "url": obj.absolute_url(),
        "language": getattr(obj, "language", "") or "",
        "title": obj.Title(),
        "description": obj.Description(),
    }


def _address(obj):
    return {
        "street": _text(getattr(obj, "street", None)),
        "zip_code": _text(getattr(obj, "zip_code", None)),
        "city": _text(getattr(obj, "city", None)),
        "phone": _text(getattr(obj, "phone", None)),
        "email": _text(getattr(obj, "email", None)),
        "website": _text(getattr(obj, "website", None)),
    }


def offer_record(obj):
    provider = _relation(obj, "provider")
    return {
        **_common(obj),
        "categories": _text(obj.categories),
        "target_groups": _text(obj.target_groups),
        "residence_status": _text(obj.residence_status),
        "german_level": _text(obj.german_level),
        "languages": _text(getattr(obj, "languages", None)),
        "age_min": obj.age_min,
        "age_max": obj.age_max,
        "municipality": _text(obj.municipality),
        "online": _text(obj.online),
        "start": _text(obj.start),
        "end": _text(obj.end),
        "opening_hours": _text(getattr(obj, "opening_hours", None)),
        "cost": _text(obj.cost),
        "cost_note": _text(obj.cost_note),
        "funding": _text(obj.funding),
        "registration": _text(obj.registration),
        "barrier_free": bool(obj.barrier_free),
        "childcare": bool(obj.childcare),
        "places": getattr(obj, "places", None),
        "offer_status": _text(obj.offer_status),
        "provider": provider.Title() if provider else "",
        "provider_id": provider.UID() if provider else "",
        "contact_ids": [c.UID() for c in _relations(obj, "contacts")],
        **_address(obj),
        "last_verified": _text(getattr(obj, "last_verified", None)),
        "modified": obj.modified().ISO8601(),
    }


def organisation_record(obj):
    return {
        **_common(obj),
        "kind": _text(obj.kind),
        "responsibilities": _text(obj.responsibilities),
        "municipality": _text(obj.municipality),
        **_address(obj),
        "opening_hours": _text(getattr(obj, "opening_hours", None)),
        "languages": _text(getattr(obj, "languages", None)),
        "last_verified": _text(getattr(obj, "last_verified", None)),
        "modified": obj.modified().ISO8601(),
    }


def contact_record(obj):
    organisation = _relation(obj, "organisation")
    return {
        **_common(obj),
        "position": _text(obj.position),
        "organisation": organisation.Title() if organisation else "",
        "organisation_id": organisation.UID() if organisation else "",
        "responsibilities": _text(obj.responsibilities),
        "room": _text(obj.room),
        **_address(obj),
        "opening_hours": _text(getattr(obj, "opening_hours", None)),
        "languages": _text(getattr(obj, "languages", None)),
        "last_verified": _text(getattr(obj, "last_verified", None)),
        "modified": obj.modified().ISO8601(),
    }


DATASETS = {
    "offers": ("Offer", offer_record),
    "organisations": ("Organisation", organisation_record),
    "contacts": ("Contact", contact_record),
}

# Where the item is: the last columns of the datasets that have places.
LOCATION_FIELDS = ["latitude", "longitude", "location_precision"]

# The datasets with a place, which the GeoJSON download offers.
PLACED_DATASETS = ("offers", "organisations")

# The field names of each dataset, in the order of the CSV columns.
FIELDS = {
    "offers": [
        "id", "url", "language", "title", "description", "categories",
        "target_groups", "residence_status", "german_level", "languages",
        "age_min", "age_max", "municipality", "online", "start", "end",
        "opening_hours", "cost", "cost_note", "funding", "registration",
        "barrier_free", "childcare", "places", "offer_status", "provider",
        "provider_id", "contact_ids", "street", "zip_code", "city", "phone",
        "email", "website", "last_verified", "modified",
        *LOCATION_FIELDS,
    ],
    "organisations": [
        "id", "url", "language", "title", "description", "kind",
        "responsibilities", "municipality", "street", "zip_code", "city",
        "phone", "email", "website", "opening_hours", "languages",
        "last_verified", "modified",
        *LOCATION_FIELDS,
    ],
    "contacts": [
        "id", "url", "language", "title", "description", "position",
        "organisation", "organisation_id", "responsibilities", "room",
        "street", "zip_code", "city", "phone", "email", "website",
        "opening_hours", "languages", "last_verified", "modified",
    ],
}  # fmt: skip


def _public_brains(context, portal_type):
    """Catalog entries of the published items of a type below ``context``,
    as anonymous sees them."""
    catalog = api.portal.get_tool("portal_catalog")
    old = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        return catalog.searchResults(
            portal_type=portal_type,
            review_state="published",
            path="/".join(context.getPhysicalPath()),
            sort_on="sortable_title",
        )
    finally:
        setSecurityManager(old)


def public_objects(context, portal_type):
    """Published items of a type below ``context``, as anonymous sees them."""
    return [brain.getObject() for brain in _public_brains(context, portal_type)]


def location(brain):
    """``latitude``, ``longitude`` (None when nowhere) and
    ``location_precision`` ("" when nowhere) from the catalog metadata."""
    point = to_point(getattr(brain, "place_point", None) or None)
    if point is None:
        return {"latitude": None, "longitude": None, "location_precision": ""}
    precision = getattr(brain, "place_precision", None)
    return {
        "latitude": round(point.lat, 6),
        "longitude": round(point.lon, 6),
        "location_precision": precision if isinstance(precision, str) else "",
    }


def records(context, dataset):
    portal_type, record = DATASETS[dataset]
    fields = FIELDS[dataset]
    placed = dataset in PLACED_DATASETS
    result = []
    for brain in _public_brains(context, portal_type):
        data = record(brain.getObject())
        if placed:
            data.update(location(brain))
        result.append({name: data.get(name) for name in fields})
    return result


def features(items):
    """GeoJSON Point features (RFC 7946: [longitude, latitude], WGS 84) of
    the records that have a place; each record is the feature's properties."""
    return [
        {
            "type": "Feature",
            "id": item["id"],
            "geometry": {
                "type": "Point",
                "coordinates": [item["longitude"], item["latitude"]],
            },
            "properties": item,
        }
        for item in items
        if item.get("latitude") is not None and item.get("longitude") is not None
    ]


def licence():
    return {
        "name": api.portal.get_registry_record(
            "integrationsportal.open_data_licence", default=""
        )
        or "",
        "url": api.portal.get_registry_record(
            "integrationsportal.open_data_licence_url", default=""
        )
        or "",
    }
