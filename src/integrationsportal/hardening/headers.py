"""Security headers on every response of a site with the add-on: pages,
downloads, the REST API and error pages alike. Only requests with the
add-on's browser layer get them; other sites in the same Zope answer as
Plone does.

The Content-Security-Policy allows only the portal's own origin; Classic UI
still needs inline scripts and styles (TinyMCE, pattern options), so those
are allowed, but no other site's scripts, no plugins, no framing by other
sites and no form posts elsewhere. The one exception: images from the map
tile server the portal names (places/), read at each response from the
registry, so that a changed tile server needs no restart.

The Permissions-Policy lets the portal's own pages ask for the position
("Use my location" in the finder, which keeps it in the browser); no other
origin and no camera or microphone.
"""

from functools import lru_cache
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.places.gazetteer import tiles
from zope.globalrequest import getRequest
import re


# an origin as places.gazetteer.tiles() gives it: https, a host name (with
# "*." for the a/b/c subdomains), perhaps a port; nothing that could end
# the directive
TILE_ORIGIN = re.compile(r"^https://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$")


@lru_cache(maxsize=8)
def content_security_policy(tile_origin=""):
    images = "img-src 'self' data: blob:"
    if tile_origin:
        images += " " + tile_origin
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            images,
            "font-src 'self' data:",
            "connect-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'self'",
            "form-action 'self'",
            "base-uri 'self'",
        )
    )


CONTENT_SECURITY_POLICY = content_security_policy()


def tile_origin():
    """The tile server's origin when it is a plain https origin, else ""."""
    try:
        found = tiles()
    except Exception:  # no site (yet), a registry being changed: no tiles
        return ""
    origin = (found or {}).get("origin") or ""
    return origin if TILE_ORIGIN.match(origin) else ""


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self)"

HEADERS = (
    ("X-Frame-Options", "SAMEORIGIN"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
)


def set_security_headers(event):
    # the streaming event carries the response only; its request is the one
    # being published
    request = getattr(event, "request", None) or getRequest()
    if not IIntegrationsportalLayer.providedBy(request):
        return
    response = getattr(event, "response", None) or request.response
    if not response.getHeader("Content-Security-Policy"):
        response.setHeader(
            "Content-Security-Policy", content_security_policy(tile_origin())
        )
    for name, value in HEADERS:
        if not response.getHeader(name):
            response.setHeader(name, value)
