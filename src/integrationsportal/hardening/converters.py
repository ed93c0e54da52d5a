"""A field name like ``age:int`` asks Zope to convert the value before any
view sees it. A value that does not convert (``age:int=drei``) makes Zope
fail the whole request with 500, and it does so while it reads the form,
before traversal: no site is known yet, so no browser layer and no site's
exception view can answer it.

On a site with the add-on such a request is the reader's mistake: it is
refused with 400 and a plain message (``ClientError``, shown by the
layer-bound exception view in errors.py), nothing of the value repeated. On
any other site, and outside Plone sites, Zope's own answer stays. To tell the
two apart, the error waits until the site is known:

1. Each converter marks the exception it raises. Values and exceptions stay
   as Zope's are, so code that calls a converter itself sees no difference,
   and a ``:default`` still stands in for an empty value exactly as before.
2. While the publisher reads the form of a request it publishes (one that
   got ``IPubStart``; not a subrequest), a marked exception that escapes
   ``processInputs`` is kept on the request instead of failing it. The form
   holds what was read before the field that failed; only traversal and
   the checks right after it see it before the request is refused.
3. When traversal enters a Plone site (``IBeforeTraverseEvent``) whose
   component registry has not got the add-on's browser layer, the kept
   exception is raised there and then, with no site set: Zope's answer, as
   without the add-on, before anything in that site has seen the request.
4. After traversal (``IPubAfterTraversal``), a request with the add-on's
   layer is refused with ``ClientError``; any other request (one that
   reached no Plone site, such as the Zope root) gets the kept exception.

On a site without the add-on the answer is Zope's to the byte
(tests/hardening/test_install_switch.py compares them); only the subscribers
of the site's traversal event that run before ours (language negotiation,
theming) saw the shortened form. Outside Plone sites only the moment
differs: a request to the Zope root or to an address that does not exist is
traversed first, so it may be answered 401 or 404 instead of 500.

The two wrappers are process-wide by necessity (the form is read before any
site is known); alone they change no result and no exception.
"""

from contextlib import suppress
from integrationsportal import _
from integrationsportal.hardening.guard import ClientError
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.installed import is_installed
from zope.component.hooks import setSite
from ZPublisher import Converters
from ZPublisher.HTTPRequest import HTTPRequest
import functools


MARK = "_integrationsportal_converter"  # on wrappers and on what they raise
PUBLISHED = "_integrationsportal_published"  # on requests the publisher handles
KEPT = "_integrationsportal_unreadable"  # the exception a request waits with


def _marking(converter):
    if getattr(converter, MARK, False):
        return converter

    @functools.wraps(converter)  # keeps ``binary`` and the name
    def convert(value):
        try:
            return converter(value)
        except Exception as error:
            with suppress(AttributeError):  # an exception without __dict__
                setattr(error, MARK, True)
            raise

    setattr(convert, MARK, True)
    return convert


def _keeping(process_inputs):
    if getattr(process_inputs, MARK, False):
        return process_inputs

    @functools.wraps(process_inputs)
    def processInputs(self, *args, **kwargs):
        try:
            return process_inputs(self, *args, **kwargs)
        except Exception as error:
            if not getattr(self, PUBLISHED, False) or not getattr(error, MARK, False):
                raise
            setattr(self, KEPT, error)

    setattr(processInputs, MARK, True)
    return processInputs


def apply():
    # HTTPRequest looks converters up in this very dict (get_converter is
    # its bound .get), so wrapping the entries is enough
    for name, converter in list(Converters.type_converters.items()):
        Converters.type_converters[name] = _marking(converter)
    HTTPRequest.processInputs = _keeping(HTTPRequest.processInputs)


def _take(request):
    error = getattr(request, KEPT, None)
    if error is not None:
        setattr(request, KEPT, None)
    return error


def request_published(event):
    """IPubStart: the publisher will announce this request's traversal."""
    setattr(event.request, PUBLISHED, True)


def site_entered(site, event):
    """Traversal enters a Plone site: one without the add-on fails the
    request with Zope's own exception, at once, and as outside any site (the
    site may have been set by an earlier subscriber of this event)."""
    request = event.request
    if getattr(request, KEPT, None) is None or is_installed(site):
        return
    # as before traversal: no site, and the Zope root the only parent (the
    # exception views answer in the context of the first one)
    setSite(None)
    del request["PARENTS"][1:]
    raise _take(request)


def request_traversed(event):
    """After traversal: the add-on's sites refuse the request with 400."""
    error = _take(event.request)
    if error is None:
        return
    if not IIntegrationsportalLayer.providedBy(event.request):
        raise error
    raise ClientError(
        _(
            "A form field cannot be read as the kind of value its name asks "
            "for (such as a whole number or a date)."
        )
    ) from None
