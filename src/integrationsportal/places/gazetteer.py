"""The district's places from the registry: municipality centres, postal
codes, the outline, the journey planner and the map tiles. Every reader of
``IPlacesSettings`` goes through here; a record an editor left malformed is
skipped, never an error on a reader's page."""

from dataclasses import dataclass
from integrationsportal.places.geo import Point
from integrationsportal.places.geo import to_point
from integrationsportal.places.interfaces import IPlacesSettings
from integrationsportal.places.interfaces import PREFIX
from integrationsportal.shared.municipalities import municipalities
from plone.registry.interfaces import IRegistry
from urllib.parse import quote
from urllib.parse import urlsplit
from zope.component import queryUtility
import re


POSTAL_CODE = re.compile(r"^\d{5}$")


def setting(name):
    """One record of IPlacesSettings, or its default before the upgrade."""
    registry = queryUtility(IRegistry)
    value = None
    if registry is not None:
        value = registry.get(f"{PREFIX}.{name}")
    if value is None:
        return IPlacesSettings[name].default
    return value


@dataclass(frozen=True)
class Place:
    """A place a reader can search near: a municipality or a postal code."""

    token: str  # the municipality's token or the postal code
    name: str
    point: Point
    kind: str  # "municipality" or "postal_code"


def municipality_places():
    """{token: Place} of the municipalities that have a centre, in the
    district's order."""
    centres = setting("municipality_centres") or {}
    places = {}
    for token, name in municipalities():
        point = to_point(centres.get(name) or centres.get(token))
        if point is not None:
            places[token] = Place(token, name, point, "municipality")
    return places


def postal_code_places():
    """{code: Place} of the district's postal codes, sorted."""
    places = {}
    for code, value in sorted((setting("postal_codes") or {}).items()):
        point = to_point(value)
        if POSTAL_CODE.match(code or "") and point is not None:
            places[code] = Place(code, code, point, "postal_code")
    return places


def find_place(value):
    """The Place a ``near`` value names (a municipality token or a postal
    code), or None."""
    value = (value or "").strip()
    if not value:
        return None
    if POSTAL_CODE.match(value):
        return postal_code_places().get(value)
    return municipality_places().get(value)


def municipality_point(token):
    place = municipality_places().get(token or "")
    return place.point if place else None


def outline():
    """The district's border as Points (none if fewer than three)."""
    points = [to_point(p) for p in setting("district_outline") or []]
    points = [p for p in points if p is not None]
    return points if len(points) >= 3 else []


PLACEHOLDER = re.compile(r"\{(lat|lon|name|address)\}")
HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def fill_template(template, values):
    """``template`` with ``{lat}``, ``{lon}``, ``{name}`` and ``{address}``
    replaced; any other brace stays as it is (no ``str.format``: a value
    such as ``{lat.x}`` in the settings must never break a page)."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def journey_url(point, name="", address=""):
    """The journey planner's address for a trip to ``point``, or None."""
    template = (setting("journey_planner_url") or "").strip()
    if point is None or not template.startswith(("https://", "http://")):
        return None
    if "{lat}" not in template or "{lon}" not in template:
        return None
    values = {
        "lat": f"{point.lat:.6f}",
        "lon": f"{point.lon:.6f}",
        "name": quote(name or "", safe=""),
        "address": quote(address or "", safe=""),
    }
    return fill_template(template, values)


def tiles():
    """{'url', 'attribution', 'attribution_url', 'origin'} of the map tiles,
    or None when the portal uses none or the address is not a plain https
    one (the origin goes into the Content-Security-Policy)."""
    url = (setting("tile_url") or "").strip()
    if not url.startswith("https://") or "{z}" not in url:
        return None
    try:
        parts = urlsplit(url.replace("{s}", "a"))
    except ValueError:
        return None
    try:
        port = parts.port
    except ValueError:  # a port that is no number
        return None
    host = (parts.hostname or "").lower()
    if parts.username or not HOST.match(host):
        return None
    host = f"{host}:{port}" if port else host
    origin = f"https://{host}"
    if "{s}" in url:  # subdomains a, b, c of one registered domain
        rest = host.split(".", 1)[-1]
        if rest.count(".") < 1:
            return None
        origin = f"https://*.{rest}"
    attribution_url = (setting("tile_attribution_url") or "").strip()
    if not attribution_url.startswith("https://"):
        attribution_url = ""
    return {
        "url": url,
        "attribution": setting("tile_attribution") or "",
        "attribution_url": attribution_url,
        "origin": origin,
    }
