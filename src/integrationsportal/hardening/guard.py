"""Checks every request to a site with the add-on after traversal, before
the published view or service runs. A request that fails a check is the
client's mistake and answers 400 with a message that names the parameter,
never the value:

- text that is not valid UTF-8 (Zope keeps such bytes as lone surrogates,
  which fail later wherever the text is encoded);
- batching numbers (``b_start``, ``b_size``) that are not whole numbers
  from 0 to a million;
- on the add-on's own views and services, values that Zope converted into
  something other than text (``q.x:record``, ``age:int``, ``x:boolean``):
  they read text, lists of text and uploaded files only;
- JSON request bodies of the REST API nested deeper than MAX_DEPTH, or
  holding NaN, Infinity or numbers out of range.
"""

from integrationsportal import _
from integrationsportal.interfaces import IIntegrationsportalLayer
from plone.rest.interfaces import IAPIRequest
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit
from zExceptions import BadRequest
from zope.component import adapter
from ZPublisher.HTTPRequest import FileUpload
from ZPublisher.interfaces import IPubAfterTraversal
import json
import math
import re


MAX_DEPTH = 64
MAX_BATCH = 1_000_000
BATCHING = ("b_start", "b_size")
BODY_METHODS = ("POST", "PUT", "PATCH")
_DIGITS = re.compile(r"\s*\d{1,7}\s*")


class ClientError(BadRequest):
    """A BadRequest whose message is an i18n message for the reader."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _has_surrogates(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _texts(value):
    """The strings in a form value, however it is nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "items") and not isinstance(value, FileUpload):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)


def _is_plain(value):
    """Text, an upload, or a list of those: what the add-on's views read."""
    if isinstance(value, (str, FileUpload)):
        return True
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, (str, FileUpload)) for item in value)
    return False


def is_own(published):
    """Whether the published object is a view or service of the add-on."""
    cls = type(published)
    return any(
        getattr(base, "__module__", "").startswith("integrationsportal.")
        for base in cls.__mro__
    )


def check_form(form, own):
    for name, value in form.items():
        label = name if name and not _has_surrogates(name) else "?"
        if any(_has_surrogates(text) for text in (name, *_texts(value))):
            raise ClientError(
                _(
                    "The parameter ${name} is not readable text (it is not "
                    "valid UTF-8).",
                    mapping={"name": label},
                )
            )
        if name in BATCHING and not _valid_batch_number(value):
            raise ClientError(
                _(
                    "The parameter ${name} must be a whole number from 0 to ${max}.",
                    mapping={"name": name, "max": MAX_BATCH},
                )
            )
        if own and not _is_plain(value):
            raise ClientError(
                _(
                    "The parameter ${name} must be text; it cannot be read "
                    "as the kind of value its name asks for.",
                    mapping={"name": label},
                )
            )


def _valid_batch_number(value):
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_valid_batch_number(v) for v in value)
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= MAX_BATCH
    if isinstance(value, str):
        return bool(_DIGITS.fullmatch(value)) and int(value) <= MAX_BATCH
    return False


def _refuse_constant(name):
    raise ValueError(name)


def _finite_float(text):
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _depth(value, limit):
    """The nesting depth of parsed JSON, iteratively (never recursing)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return depth
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_body(body):
    """Refuse a JSON body that plone.restapi could not handle sanely."""
    if not body:
        return
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ClientError(_("The request body is not valid UTF-8 text.")) from None
    try:
        data = json.loads(
            body, parse_constant=_refuse_constant, parse_float=_finite_float
        )
    except RecursionError:
        raise ClientError(
            _(
                "The request body is nested too deeply (at most ${depth} levels).",
                mapping={"depth": MAX_DEPTH},
            )
        ) from None
    except ValueError:
        raise ClientError(
            _(
                "The request body is not valid JSON, or holds NaN, Infinity "
                "or a number out of range."
            )
        ) from None
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise ClientError(
            _(
                "The request body is nested too deeply (at most ${depth} levels).",
                mapping={"depth": MAX_DEPTH},
            )
        )


@adapter(IPubAfterTraversal)
def check_request(event):
    request = event.request
    if not IIntegrationsportalLayer.providedBy(request):
        return
    own = is_own(request.get("PUBLISHED"))
    check_form(request.form, own)
    if IAPIRequest.providedBy(request) and request.get("REQUEST_METHOD") in (
        BODY_METHODS
    ):
        content_type = request.getHeader("Content-Type", "") or ""
        if "json" in content_type or not content_type:
            check_json_body(request.get("BODY"))


MAX_LOCATION = 4096


def shorten_redirect(event):
    """A redirect to the login form carries the address the reader came
    from (``came_from``). With a query string of 100 KB that makes a
    Location header no browser or HTTP library accepts; the address then
    goes without its query string (and, if still too long, is left out)."""
    request = event.request
    if not IIntegrationsportalLayer.providedBy(request):
        return
    response = request.response
    location = response.getHeader("Location")
    if not location or len(location) <= MAX_LOCATION:
        return
    parts = urlsplit(location)
    pairs = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key == "came_from":
            value = value.split("?", 1)[0]
            if len(value) > MAX_LOCATION // 2:
                continue
        pairs.append((key, value))
    shortened = urlunsplit(parts._replace(query=urlencode(pairs)))
    if len(shortened) > MAX_LOCATION:
        shortened = urlunsplit(parts._replace(query=""))
    response.setHeader("Location", shortened)
