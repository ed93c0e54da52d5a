"""The exception views of a site with the add-on (layer-bound, so a site
without it keeps Plone's own).

- The reader's mistakes answer 4xx: a ``ClientError`` from the request
  guard or the query checks, a full-text query the catalog cannot parse
  (``ParseError``), a REST body that is not JSON (``DeserializationError``),
  and a WebDAV-style method (DELETE, PATCH, PUT …) sent to a browser view,
  which Zope's traversal fails with an AttributeError: 405, with an Allow
  header.
- Pages show a short message in the reader's language; services answer
  plone.restapi's error JSON.
- Any other error keeps Plone's error page, and in the error JSON the
  exception's own text (which may hold a template's path, its arguments
  or an object's address) is shown to Managers only; others get a plain
  sentence.
"""

from AccessControl import getSecurityManager
from integrationsportal import _
from integrationsportal.hardening.guard import ClientError
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import DeserializationError
from Products.CMFCore.permissions import ManagePortal
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from zope.component import getSiteManager
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserView
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
import json


SAFE_METHODS = ("GET", "HEAD", "POST")
ALLOW = "GET, HEAD, POST"

MESSAGES = {
    405: _("This address can only be opened or sent as a form."),
    500: _(
        "Something went wrong on our side. The error has been logged; "
        "please try again later."
    ),
}


def uncompressed(response):
    """An error after the page was made (a commit that failed) answers with
    a body of its own: the page's gzip header must not stay with it, or the
    browser cannot read the error (light/compression.py compresses pages)."""
    response.enableHTTPCompression(disable=1)
    if response.getHeader("Content-Encoding"):
        del response.headers["content-encoding"]


def _is_manager():
    return getSecurityManager().checkPermission(ManagePortal, getSite())


def classify(exception, request):
    """(status, message) for the reader's mistakes, or None."""
    if isinstance(exception, ClientError):
        return exception.status, exception.message
    if isinstance(exception, ParseError):
        return 400, _(
            "The search words cannot be understood. Please leave out signs "
            "like - * ( ) and search for words only."
        )
    if isinstance(exception, RecursionError) and "JSON" in str(exception):
        # plone.restapi's login plugin reads a JSON body during traversal,
        # before the request guard sees it
        return 400, _("The request body is nested too deeply.")
    if isinstance(exception, DeserializationError):
        return 400, _("The request body is not valid JSON.")
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    if isinstance(exception, AttributeError) and method not in SAFE_METHODS:
        return 405, MESSAGES[405]
    return None


class ErrorView(BrowserView):
    """``index.html`` for every exception in a site with the add-on."""

    client_error_page = ViewPageTemplateFile("client_error.pt")

    def __call__(self):
        exception = self.context
        request = self.request
        uncompressed(request.response)
        known = classify(exception, request)
        if IAPIRequest.providedBy(request):
            return APIError(exception, request).render(known)
        if known is None:
            return self._plone_error_page()
        status, message = known
        response = request.response
        response.setStatus(status, lock=1)
        if status == 405:
            response.setHeader("Allow", ALLOW)
        self.status = status
        self.message = message
        self.context = self._content()
        return self.client_error_page()

    def _content(self):
        """Where the error happened: the nearest object that is not a view
        (a WebDAV method sent to a view fails with the view as parent)."""
        candidates = [self.__parent__, *(self.request.get("PARENTS") or ())]
        for candidate in candidates:
            if candidate is not None and not IBrowserView.providedBy(candidate):
                return candidate
        return getSite()

    def _plone_error_page(self):
        """Plone's own error page, as registered for the default layer."""
        factory = getSiteManager().adapters.lookup(
            (providedBy(self.context), IDefaultBrowserLayer),
            Interface,
            name="index.html",
        )
        view = factory(self.context, self.request)
        view.__parent__ = self._content()
        return view()


class APIError(ErrorHandling):
    """plone.restapi's error JSON, with the status of the reader's mistakes
    and without the exception's own text for anyone but a Manager."""

    def render(self, known):
        exception = self.context
        data = self.render_exception(exception)
        response = self.request.response
        if data is None:  # a redirect was found for a NotFound
            return
        if known is not None:
            status, message = known
            data["message"] = translate(message, context=self.request)
            # the reader's mistake: the place in the code is no one's business
            data.pop("traceback", None)
            data["type"] = "BadRequest" if status == 400 else data["type"]
            if status == 405:
                data["type"] = "MethodNotAllowed"
                response.setHeader("Allow", ALLOW)
        else:
            response.setStatus(type(exception))
            status = response.getStatus()
            if status >= 500 and not _is_manager():
                data["message"] = translate(MESSAGES[500], context=self.request)
        response.setHeader("Content-Type", "application/json")
        response.setStatus(status, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True
