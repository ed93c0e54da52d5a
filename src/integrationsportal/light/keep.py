"""Which answers a reader's phone may keep for offline reading.

The service worker stores a page only when its answer carries
``X-Offline-Reading: keep``. This transform sets it on answers that are
public by every sign the server has: an anonymous visitor, a GET with status
200, an HTML page that sets no cookie, with no password field and no form
that posts with a token (but the feedback box). It runs after
plone.protect's transform (order 9000), so that it would see any token
that adds. Anything else (a logged-in
editor's pages, the login form, staff-only items, which anonymous visitors
cannot see) never gets the header, so it never reaches the phone's cache
storage.
"""

from integrationsportal.interfaces import IIntegrationsportalLayer
from plone import api
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


HEADER = "X-Offline-Reading"
KEEP = "keep"
# The feedback box below each page (feedback/) is the exception: it posts
# the same token to every anonymous reader, asks nothing personal, and its
# form gives a reader back what they wrote when a kept token has expired.
PRIVATE = (
    "//input[@type='password']"
    " | //form[translate(@method, 'POST', 'post') = 'post']"
    "[not(contains(concat(' ', normalize-space(@class), ' '), ' ip-feedback-form '))]"
    "//input[@name='_authenticator']"
)


def public_answer(request):
    """Whether the request and its answer so far may be kept."""
    response = request.response
    if request.get("REQUEST_METHOD", "GET") != "GET" or response.getStatus() != 200:
        return False
    if not (response.getHeader("Content-Type") or "").startswith("text/html"):
        return False
    # a cookie set or expired (a status message shown once, a language
    # choice) belongs to this visit only
    if response.cookies or "no-store" in (response.getHeader("Cache-Control") or ""):
        return False
    return api.user.is_anonymous()


@implementer(ITransform)
@adapter(Interface, IIntegrationsportalLayer)
class OfflineReadingHeader:
    order = 9100  # after plone.protect's tokens (9000)

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return None

    def transformUnicode(self, result, encoding):
        return None

    def transformIterable(self, result, encoding):
        # pages come here parsed (plone.app.theming, plone.protect); other
        # answers are not kept
        if (
            isinstance(result, XMLSerializer)
            and public_answer(self.request)
            and not result.tree.xpath(PRIVATE)
        ):
            self.request.response.setHeader(HEADER, KEEP)
        return None
