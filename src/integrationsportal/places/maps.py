"""The maps readers and the housing team see: a drawing of the district that
works without JavaScript and without any tile server, and the same points
for ``static/places.js``, which puts them on map tiles when the portal
names a tile server and the tiles arrive.

``place_map(points, ...)`` computes everything a map shows (the drawing in
SVG coordinates, the data for the script, the texts); ``render_map`` turns
it into a ``<figure class="ip-map">`` through ``map.pt``. A point is a dict
``{lat, lon, title, url, precision, distance_text}``; its number is its
place in the list the page shows beside the map.

The drawing is an equirectangular projection, longitudes shortened by the
cosine of the middle latitude: true enough for a district. In the drawing,
markers at the same spot fan out around it, so that every number stays
readable; on the tile map (whose scale changes) they share one marker that
names their numbers and lists them all in its popup.
"""

from babel.core import UnknownLocaleError
from babel.numbers import format_decimal
from dataclasses import dataclass
from dataclasses import field
from integrationsportal import _
from integrationsportal.places import gazetteer
from integrationsportal.places.geo import format_km
from integrationsportal.places.geo import to_point
from integrationsportal.places.indexers import place_of
from pathlib import Path
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
import hashlib
import json
import math


STATIC = "++plone++integrationsportal.places"
# what the tile map's controls say, in the page's language
LABELS = {
    "zoom_in": _("Zoom in"),
    "zoom_out": _("Zoom out"),
    "close": _("Close"),
}
HERE = Path(__file__).parent
WIDTH = 320  # the drawing's width in SVG units; about CSS pixels on a phone
PADDING = 20
MARKER_RADIUS = 12
MIN_SPAN_DEGREES = 0.04  # about 4 km: the drawing around a single point
MAX_OVERHANG = 0.25  # points this far outside the district are put at its edge
ZOOM_SINGLE = 15  # the tile map's zoom around one place


def _version(name):
    """A short digest of a static file, so that its address changes with
    it and it can be kept long (computed once per process)."""
    try:
        data = (HERE / "static" / name).read_bytes()
    except OSError:
        return "0"
    return hashlib.sha256(data).hexdigest()[:10]


VERSIONS = {name: _version(name) for name in ("places.js", "places.css")}


def static_url(portal_url, name):
    """The address of ``static/<name>``, with its digest for long caching."""
    version = VERSIONS.get(name)
    suffix = f"?v={version}" if version else ""
    return f"{portal_url}/{STATIC}/{name}{suffix}"


def distance_text(km, precision, online=False, language="de"):
    """A result's distance as a reader reads it: "2,4 km"; "≈ 18 km" when
    the place is only the centre of a postal code or municipality;
    "online" for an offer that takes place online only; "" when unknown."""
    if online:
        return _("online")
    if km is None:
        return ""
    if precision in ("postal_code", "municipality"):
        # a centre, not the place: whole kilometres, at least one
        text = _whole_km(km, language)
        return _("distance_about", default="≈ ${km} km", mapping={"km": text})
    return _("${km} km", mapping={"km": format_km(km, language)})


def _whole_km(km, language):
    """Whole kilometres, at least one, as the page's language writes them."""
    whole = max(1, round(km))
    try:
        return format_decimal(whole, format="#,##0", locale=language or "de")
    except (UnknownLocaleError, ValueError):
        return format_decimal(whole, format="#,##0", locale="de")


@dataclass
class Marker:
    number: str
    lat: float
    lon: float
    title: str
    url: str
    distance: str
    x: float = 0.0  # the place in the drawing
    y: float = 0.0
    dx: float = 0.0  # the marker's offset from its place (fanned out)
    dy: float = 0.0


@dataclass
class Projection:
    """Degrees to SVG units: x grows to the east, y to the south."""

    west: float
    north: float
    scale: float
    shrink: float  # cos(middle latitude)
    width: float = WIDTH
    height: float = WIDTH
    bounds: tuple = field(default=())

    @classmethod
    def around(cls, points):
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        if north - south < MIN_SPAN_DEGREES:
            middle = (north + south) / 2
            south, north = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
        shrink = math.cos(math.radians((north + south) / 2))
        if (east - west) * shrink < MIN_SPAN_DEGREES:
            middle = (east + west) / 2
            half = MIN_SPAN_DEGREES / shrink / 2
            west, east = middle - half, middle + half
        scale = (WIDTH - 2 * PADDING) / ((east - west) * shrink)
        height = (north - south) * scale + 2 * PADDING
        return cls(
            west=west,
            north=north,
            scale=scale,
            shrink=shrink,
            height=height,
            bounds=(south, west, north, east),
        )

    def xy(self, lat, lon):
        x = PADDING + (lon - self.west) * self.shrink * self.scale
        y = PADDING + (self.north - lat) * self.scale
        return x, y

    def clamp(self, x, y):
        return (
            min(max(x, MARKER_RADIUS), self.width - MARKER_RADIUS),
            min(max(y, MARKER_RADIUS), self.height - MARKER_RADIUS),
        )


def _within(bounds, lat, lon, overhang=MAX_OVERHANG):
    south, west, north, east = bounds
    dlat, dlon = (north - south) * overhang, (east - west) * overhang
    return south - dlat <= lat <= north + dlat and west - dlon <= lon <= east + dlon


def _fan(group, radius):
    """Offsets that put the members of ``group`` around their common point,
    next to each other: [(dx, dy)]. Up to six on one ring, more on rings
    further out."""
    count = len(group)
    if count == 1:
        return [(0.0, 0.0)]
    step = 2.2 * radius  # from one marker's centre to the next
    if count <= 6:
        rings = [(max(step / 2 / math.sin(math.pi / count), step), count)]
    else:
        rings, left, ring = [], count, 1
        while left:
            room = int(2 * math.pi * ring * step / step)
            rings.append((ring * step, min(room, left)))
            left -= min(room, left)
            ring += 1
    offsets = []
    for distance, members in rings:
        for i in range(members):
            angle = 2 * math.pi * i / members - math.pi / 2
            offsets.append((distance * math.cos(angle), distance * math.sin(angle)))
    return offsets


def _groups(markers, near):
    """Markers in groups whose places lie closer than ``near`` units (in the
    order of their first member)."""
    groups = []
    for marker in markers:
        for group in groups:
            head = group[0]
            if math.hypot(marker.x - head.x, marker.y - head.y) < near:
                group.append(marker)
                break
        else:
            groups.append([marker])
    return groups


def _number(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def place_map(
    points,
    label,
    caption="",
    origin=None,
    radius_km=None,
    numbered=True,
    size="large",
):
    """What a map shows, or None when no point has a place.

    ``points``: [{lat, lon, title, url, distance_text}] in the order of the
    list beside the map (numbered from ``points[i]['number']`` or 1).
    ``origin``: a gazetteer Place the reader searches near; ``radius_km``
    draws its circle. ``label`` names the map for screen readers."""
    markers = []
    for index, item in enumerate(points, start=1):
        point = to_point((item.get("lat"), item.get("lon")))
        if point is None:
            continue
        markers.append(
            Marker(
                number=str(item.get("number") or index) if numbered else "",
                lat=point.lat,
                lon=point.lon,
                title=str(item.get("title") or ""),
                url=item.get("url") or "",
                distance=item.get("distance_text") or "",
            )
        )
    if not markers:
        return None
    outline = gazetteer.outline()
    centres = list(gazetteer.municipality_places().values())
    frame = [*outline, *(c.point for c in centres)]
    if origin is not None:
        frame.append(origin.point)
    if frame:
        base = Projection.around(frame)
        inside = [m for m in markers if _within(base.bounds, m.lat, m.lon)]
        projection = Projection.around(
            frame + [to_point((m.lat, m.lon)) for m in inside]
        )
    else:
        projection = Projection.around([to_point((m.lat, m.lon)) for m in markers])
    for marker in markers:
        marker.x, marker.y = projection.clamp(*projection.xy(marker.lat, marker.lon))
    for group in _groups(markers, 1.6 * MARKER_RADIUS):
        for marker, (dx, dy) in zip(group, _fan(group, MARKER_RADIUS), strict=True):
            marker.dx, marker.dy = dx, dy

    svg_outline = ""
    if outline:
        corners = [projection.xy(p.lat, p.lon) for p in outline]
        svg_outline = (
            "M" + " L".join(f"{_number(x)},{_number(y)}" for x, y in corners) + " Z"
        )
    svg_centres = []
    for centre in centres:
        x, y = projection.xy(centre.point.lat, centre.point.lon)
        right = x < projection.width * 0.62
        svg_centres.append(
            {
                "name": centre.name,
                "cx": _number(x),
                "cy": _number(y),
                "tx": _number(x + 6 if right else x - 6),
                "ty": _number(y - 6),
                "anchor": "start" if right else "end",
            }
        )
    svg_markers = [
        {
            "number": m.number,
            "x": _number(m.x),
            "y": _number(m.y),
            "mx": _number(m.x + m.dx),
            "my": _number(m.y + m.dy),
            "leader": bool(m.dx or m.dy),
        }
        for m in markers
    ]
    svg_origin = None
    if origin is not None:
        x, y = projection.xy(origin.point.lat, origin.point.lon)
        circle = ""
        if radius_km:
            circle = _number(radius_km / 111.195 * projection.scale)
        svg_origin = {
            "x": _number(x),
            "y": _number(y),
            "r": circle,
            "corner_x": _number(x - 6),  # the diamond: a square turned 45°
            "corner_y": _number(y - 6),
        }

    tiles = gazetteer.tiles()
    data = {
        "tiles": (
            {
                "url": tiles["url"],
                "attribution": tiles["attribution"],
                "attribution_url": tiles["attribution_url"],
            }
            if tiles
            else None
        ),
        "label": label,
        "zoom": ZOOM_SINGLE if len(markers) == 1 and origin is None else None,
        "points": [
            {
                "n": m.number,
                "lat": round(m.lat, 6),
                "lon": round(m.lon, 6),
                "title": m.title,
                "url": m.url,
                "distance": m.distance,
            }
            for m in markers
        ],
        "origin": (
            {
                "lat": origin.point.lat,
                "lon": origin.point.lon,
                "name": origin.name,
                "radius_km": radius_km or None,
            }
            if origin is not None
            else None
        ),
    }
    return {
        "label": label,
        "caption": caption,
        "size": size,
        "width": _number(projection.width),
        "height": _number(projection.height),
        "outline": svg_outline,
        "centres": svg_centres,
        "markers": svg_markers,
        "origin": svg_origin,
        "data": data,
        "has_tiles": tiles is not None,
    }


def script_json(value):
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class MapSnippet(BrowserView):
    """Renders a map (``place_map``'s dict) as ``<figure class="ip-map">``
    with its stylesheet and script; not a page of its own."""

    template = ViewPageTemplateFile("map.pt")

    def __call__(self, map, with_script=True):
        request = self.request
        count = request.other.get("integrationsportal.maps", 0) + 1
        request.other["integrationsportal.maps"] = count
        data = dict(map["data"])
        data["label"] = translate(data["label"], context=request)
        data["labels"] = {
            key: translate(message, context=request) for key, message in LABELS.items()
        }
        data["points"] = [
            dict(point, distance=translate(point["distance"], context=request))
            for point in data["points"]
        ]
        portal_url = api.portal.get().absolute_url()
        return self.template(
            map=map,
            id=f"ip-map-{count}",
            json=script_json(data),
            css_url=static_url(portal_url, "places.css"),
            script_url=static_url(portal_url, "places.js") if with_script else "",
            leaflet_url=f"{portal_url}/{STATIC}/leaflet",
        )


def render_map(context, request, map, with_script=True):
    """``<figure class="ip-map">`` of ``map`` (see ``place_map``); "" for
    None."""
    if not map:
        return ""
    return MapSnippet(context, request)(map, with_script=with_script)


def page_place(context, request, title, address=()):
    """The map of one organisation or offer and its journey planner link:
    {'map': the figure's HTML, 'journey_url', 'exact'} or None when it has
    no place (an offer online only, an organisation without address)."""
    point, precision = place_of(context)
    if point is None:
        return None
    exact = precision == "point"
    caption = (
        ""
        if exact
        else _(
            "The marker shows the centre of the postal code or municipality, "
            "not the exact address."
        )
    )
    found = place_map(
        [{"lat": point.lat, "lon": point.lon, "title": title}],
        label=_("Map: where ${title} is", mapping={"title": title}),
        caption=caption,
        numbered=False,
        size="small",
    )
    return {
        "map": render_map(context, request, found),
        "journey_url": gazetteer.journey_url(point, title, ", ".join(address)),
        "exact": exact,
    }
