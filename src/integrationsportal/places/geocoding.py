"""Finding an editor's address on the map, through a Nominatim-compatible
search whose address is set in "Maps and places" (``geocoder_url``).

Off by default: without that setting no address ever leaves the portal.
When it is set, an organisation or offer saved with an address and without
a point on the map gets the point the search finds; a point an editor set
by hand is never replaced. A point found earlier is looked up again when
the address changes. The search runs on the server (the browser's
Content-Security-Policy stays closed), with a short timeout: an
unreachable service leaves the item as it is and tells the editor."""

from integrationsportal import _
from integrationsportal import logger
from integrationsportal.directory.organisation import IOrganisation
from integrationsportal.places.gazetteer import setting
from integrationsportal.places.geo import to_point
from integrationsportal.places.setup import provider_changed
from plone import api
from plone.formwidget.geolocation.geolocation import Geolocation
from urllib.parse import urlencode
from urllib.request import Request
from urllib.request import urlopen
import json


TIMEOUT_SECONDS = 5
MAX_ANSWER_BYTES = 256 * 1024
# what the point was found from, on the item: (address text, "lat,lon")
FOUND_FROM = "_integrationsportal_geocoded"


def address_text(obj):
    """The item's address as one line, or "" without street or town."""
    street = (getattr(obj, "street", None) or "").strip()
    code = (getattr(obj, "zip_code", None) or "").strip()
    town = (getattr(obj, "city", None) or "").strip()
    if not street or not (code or town):
        return ""
    return ", ".join(part for part in (street, f"{code} {town}".strip()) if part)


def geocode(address):
    """The Point the search finds for ``address``, or None (no service set,
    nothing found, the service unreachable or answering nonsense)."""
    url = (setting("geocoder_url") or "").strip()
    if not address or not url.startswith(("https://", "http://")):
        return None
    query = urlencode(
        {"q": address, "format": "jsonv2", "limit": "1", "countrycodes": "de"}
    )
    portal_url = api.portal.get().absolute_url()
    request = Request(  # noqa: S310 (the scheme is checked above)
        f"{url}{'&' if '?' in url else '?'}{query}",
        # Nominatim's usage policy asks for an identifying User-Agent
        headers={"User-Agent": f"Integrationsportal ({portal_url})"},
    )
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            data = json.loads(answer.read(MAX_ANSWER_BYTES).decode("utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("Address search at %s failed: %s", url, exc)
        return None
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return None
    try:
        return to_point((float(data[0]["lat"]), float(data[0]["lon"])))
    except (KeyError, TypeError, ValueError):
        return None


def locate(obj, event=None):
    """Subscriber (added, modified): find the point from the address where
    that is wanted. Returns True if the point was set."""
    if not (setting("geocoder_url") or "").strip():
        return False
    address = address_text(obj)
    if not address:
        return False
    current = to_point(getattr(obj, "geolocation", None))
    found = getattr(obj, FOUND_FROM, None)
    if current is not None:
        if not found or found[0] == address:
            return False  # set by hand, or found from this very address
        if found[1] != current.as_text():
            return False  # moved by hand since
    point = geocode(address)
    request = getattr(obj, "REQUEST", None)
    if point is None and current is not None:
        # the point found for the old address is not where the item is now
        obj.geolocation = None
        delattr(obj, FOUND_FROM)
        obj.reindexObject(idxs=["UID"])
    if point is None:
        if request is not None:
            api.portal.show_message(
                _(
                    "The address was not found on the map. Set the point on the "
                    "map by hand."
                ),
                request=request,
                type="warning",
            )
        return False
    obj.geolocation = Geolocation(point.lat, point.lon)
    setattr(obj, FOUND_FROM, (address, point.as_text()))
    obj.reindexObject(idxs=["UID"])
    if IOrganisation.providedBy(obj):
        provider_changed(obj, event)  # its offers move with it
    if request is not None:
        api.portal.show_message(
            _("The point on the map was found from the address."),
            request=request,
            type="info",
        )
    return True
