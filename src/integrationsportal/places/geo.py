"""Points on the earth and the distance between them.

A point is ``(latitude, longitude)`` in degrees (WGS 84), as GPS and
OpenStreetMap give them; GeoJSON writes them the other way round."""

from typing import NamedTuple
import math


EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


class Point(NamedTuple):
    lat: float
    lon: float

    def as_text(self):
        """ "lat,lon" with six decimals (about 10 cm): how points are indexed."""
        return f"{self.lat:.6f},{self.lon:.6f}"


def haversine_km(a, b):
    """The great-circle distance from ``a`` to ``b`` in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def point_problem(lat, lon):
    """Why ``(lat, lon)`` is not a point on the earth, or None."""
    for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"the {name} must be a number"
        if not math.isfinite(value) or not -limit <= value <= limit:
            return f"the {name} must be between -{limit} and {limit}"
    return None


def to_point(value):
    """A Point from ``(lat, lon)``, from "lat,lon" or from an object with
    ``latitude`` and ``longitude`` (plone.formwidget.geolocation's value);
    None if there is no valid point. (0, 0) counts as no point: it is what
    an empty map widget stores."""
    if value is None:
        return None
    if isinstance(value, str):
        parts = value.split(",")
        if len(parts) != 2:
            return None
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            return None
    elif isinstance(value, (tuple, list)):
        if len(value) != 2:
            return None
        lat, lon = value
    else:
        lat = getattr(value, "latitude", None)
        lon = getattr(value, "longitude", None)
    if lat is None or lon is None or point_problem(lat, lon):
        return None
    if lat == 0 and lon == 0:
        return None
    return Point(float(lat), float(lon))


def format_km(km, language="de"):
    """A distance as readers read it, in the page's language: one decimal
    below 10 km, whole km from there ("2,4", "17")."""
    from babel.core import UnknownLocaleError
    from babel.numbers import format_decimal

    pattern = "0.0" if km < 10 else "#,##0"
    try:
        return format_decimal(round(km, 1), format=pattern, locale=language or "de")
    except (UnknownLocaleError, ValueError):
        return format_decimal(round(km, 1), format=pattern, locale="de")
