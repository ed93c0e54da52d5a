"""Security headers on every response of a site with the add-on: pages,
downloads, the REST API and error pages alike. Only requests with the
add-on's browser layer get them; other sites in the same Zope answer as
Plone does.

The Content-Security-Policy allows only the portal's own origin; Classic UI
still needs inline scripts and styles (TinyMCE, pattern options), so those
are allowed, but no other site's scripts, no plugins, no framing by other
sites and no form posts elsewhere.
"""

from integrationsportal.interfaces import IIntegrationsportalLayer
from zope.globalrequest import getRequest


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
    )
)

HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def set_security_headers(event):
    # the streaming event carries the response only; its request is the one
    # being published
    request = getattr(event, "request", None) or getRequest()
    if not IIntegrationsportalLayer.providedBy(request):
        return
    response = getattr(event, "response", None) or request.response
    for name, value in HEADERS:
        if not response.getHeader(name):
            response.setHeader(name, value)
