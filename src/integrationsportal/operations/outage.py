"""What a visitor gets while the database cannot be reached: a restart of
PostgreSQL, a lost network, a failover.

Without this, Zope answers such a moment with a bare "Internal Server Error"
in English (the WSGI server's own text, when the connection fails as Zope
opens it, before any view runs) or with Plone's error page, both with the
status 500, which tells neither the reader nor Varnish nor a REST client
that it passes. Here:

- a GET or HEAD that failed because the database was away is tried again,
  twice, after 0.5 and 1.5 s: a restart of PostgreSQL takes two to three
  seconds, and RelStorage reconnects at the next transaction. Once the
  outage has lasted longer than that, requests are tried once and answered
  at once, so that the instance's few threads do not all wait while its
  health checks queue behind them; the first success ends the outage;
- what still fails is answered 503 with ``Retry-After``, never stored by a
  cache, with a short page in the reader's language (taken from the address,
  then the language cookie, then the browser's languages) or, to a client
  that asks for JSON, plone.restapi's error shape
  ``{"type": "ServiceUnavailable", "message": …}``;
- a form that was sent (POST and the like) is never sent again by the
  portal: its answer says that nothing was saved and that it may be sent
  again in a minute. The transaction was aborted with the request, so this
  is true.

Two doors lead here: :func:`guard_factory`, the WSGI filter that catches a
failure escaping Zope (the connection is opened before traversal), and
:class:`DatabaseUnavailableView`, the exception view for a connection lost in
the middle of a request. ``@@health`` and ``@@ready`` keep their own JSON
answer (health.py)."""

from integrationsportal import _
from integrationsportal.shared.languages import direction
from integrationsportal.shared.languages import language
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from integrationsportal.shared.languages import SUPPORTED_CODES
from Products.Five.browser import BrowserView
from zope.i18n import translate
import html
import json
import logging
import threading
import time


logger = logging.getLogger("integrationsportal.outage")

RETRY_DELAYS = (0.5, 1.5)
"""Seconds before each further try of a GET or HEAD whose database was away."""

RETRY_AFTER_SECONDS = 10
"""What the 503 answer tells browsers, crawlers and REST clients."""

OUTAGE_GAP_SECONDS = 5.0
"""A failure this long after the last one begins a new outage (the last may
have ended without a request succeeding on this instance since)."""

SAFE_METHODS = ("GET", "HEAD")

TITLE = _("The portal is briefly unavailable")
READ_MESSAGE = _(
    "The portal cannot reach its data at the moment. This usually passes "
    "within a minute. Please try again shortly."
)
SENT_MESSAGE = _(
    "What you sent has not been saved, because the portal cannot reach its "
    "data at the moment. Please send it again in a minute."
)
TRY_AGAIN = _("Try again")
BACK_TO_FORM = _("Back to the form")

DISCONNECTION_CODES = ("57P01", "57P02", "57P03")
"""PostgreSQL's codes for a session the server ended (administrator, crash,
shutting down or starting up); class 08 is the connection itself."""

_outage = {"since": None, "last": 0.0}
_outage_lock = threading.Lock()


def disconnection_exceptions():
    """The exceptions that say the database connection is gone: those
    RelStorage itself treats so (its drivers' ``disconnected_exceptions``)."""
    found = []
    try:
        import psycopg2

        found += [psycopg2.OperationalError, psycopg2.InterfaceError]
    except ImportError:  # FileStorage only: nothing to lose a connection to
        pass
    try:
        from relstorage.adapters.interfaces import ReplicaClosedException

        found.append(ReplicaClosedException)
    except ImportError:
        pass
    return tuple(found)


DISCONNECTED = disconnection_exceptions()


def _lost_connection(exc):
    if not (DISCONNECTED and isinstance(exc, DISCONNECTED)):
        return False
    if type(exc).__name__ == "ReplicaClosedException":
        return True
    code = getattr(exc, "pgcode", None)
    if code is not None:  # the server answered: a session it ended, or not ours
        return code.startswith("08") or code in DISCONNECTION_CODES
    if type(exc).__name__ == "InterfaceError":  # not "cursor already closed"
        return "connection" in str(exc)
    # no code: libpq lost or could not open the connection
    return True


def is_disconnection(exc):
    """Whether ``exc``, or an exception it was raised from or while handling,
    is a lost database connection (RelStorage's failed reconnect raises
    its own error while handling the driver's). An OperationalError the
    server answered with a code of its own (a statement or lock timeout, a
    deadlock, a full disk) is not one."""
    seen = 0
    while exc is not None and seen < 10:
        if _lost_connection(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _outage_began():
    """When the current outage began (now, if this is its first failure)."""
    now = time.monotonic()
    with _outage_lock:
        if _outage["since"] is None or now - _outage["last"] > OUTAGE_GAP_SECONDS:
            _outage["since"] = now
        _outage["last"] = now
        return _outage["since"]


def _outage_over():
    if _outage["since"] is not None:
        with _outage_lock:
            _outage["since"] = None


def _accepted_languages(header):
    weighted = []
    for position, part in enumerate((header or "").split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, position, code))
    return [code for _q, _p, code in sorted(weighted)]


def language_of(environ):
    """The reader's language: the language root in the address, else the
    language cookie, else the browser's first supported language, else the
    portal's source language."""
    segments = [s for s in environ.get("PATH_INFO", "").split("/") if s]
    for segment in segments:
        if segment in SUPPORTED_CODES:
            return segment
    cookie = environ.get("HTTP_COOKIE", "")
    for part in cookie.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == "I18N_LANGUAGE" and language(value.strip('"')) is not None:
            return language(value.strip('"')).code
    for code in _accepted_languages(environ.get("HTTP_ACCEPT_LANGUAGE")):
        if language(code) is not None:
            return language(code).code
    return SOURCE_LANGUAGE


def wants_json(environ):
    return "application/json" in environ.get("HTTP_ACCEPT", "")


PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body{{font-family:"Noto Sans","Noto Naskh Arabic",system-ui,sans-serif;margin:0;
padding:2rem 1.25rem;line-height:1.6;color:#1d1d1b;background:#fff}}
main{{max-width:36rem;margin:0 auto}}
h1{{font-size:1.5rem;line-height:1.3;margin:0 0 1rem}}
a{{display:inline-block;margin-top:1rem;padding:.6rem 1.2rem;border-radius:.3rem;
background:#00527a;color:#fff;text-decoration:none;font-weight:600}}
a:focus{{outline:3px solid #f0b400;outline-offset:2px}}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{message}</p>
<a href=""{back}>{again}</a>
</main>
</body>
</html>
"""


def unavailable_answer(environ):
    """(headers, body) of the 503 answer for this request."""
    code = language_of(environ)
    sent = environ.get("REQUEST_METHOD", "GET").upper() not in SAFE_METHODS

    def text(message):
        return translate(message, target_language=code)

    message = text(SENT_MESSAGE if sent else READ_MESSAGE)
    if wants_json(environ):
        body = json.dumps(
            {"type": "ServiceUnavailable", "message": message}, ensure_ascii=False
        ).encode("utf-8")
        content_type = "application/json"
    else:
        body = PAGE.format(
            lang=code,
            dir=direction(code),
            title=html.escape(text(TITLE)),
            message=html.escape(message),
            # back keeps what was typed into the form; a reload would not
            back=' onclick="history.back();return false"' if sent else "",
            again=html.escape(text(BACK_TO_FORM if sent else TRY_AGAIN)),
        ).encode("utf-8")
        content_type = "text/html; charset=utf-8"
    headers = [
        ("Content-Type", content_type),
        ("Content-Language", code),
        ("Retry-After", str(RETRY_AFTER_SECONDS)),
        ("Cache-Control", "no-store"),
        ("Vary", "Accept, Accept-Language, Cookie"),
    ]
    return headers, body


def _count(outcome):
    try:
        from integrationsportal.operations.metrics import DATABASE_UNAVAILABLE

        DATABASE_UNAVAILABLE.labels(outcome=outcome).inc()
    except Exception:  # noqa: BLE001 - metrics never break an answer
        logger.debug("Outage not counted", exc_info=True)


def _may_repeat(environ):
    method = environ.get("REQUEST_METHOD", "GET").upper()
    length = environ.get("CONTENT_LENGTH") or "0"
    return method in SAFE_METHODS and length.strip() in ("", "0")


def guard_factory(global_conf, sleep=time.sleep):
    """WSGI filter: a request that fails in Zope because the database was
    away is tried again (GET and HEAD) or answered 503 (see the module).

        [filter:outage-guard]
        use = call:integrationsportal.operations.outage:guard_factory
    """
    from integrationsportal.operations.health import is_check_path

    budget = sum(RETRY_DELAYS)

    def make_filter(app):
        def outage_guard(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if is_check_path(path):  # health.py answers these itself
                return app(environ, start_response)
            started = []

            def start(status, headers, exc_info=None):
                started.append(status)
                return start_response(status, headers, exc_info)

            # Zope changes the environ it is given (it decodes PATH_INFO in
            # place): each try gets the original
            original = dict(environ)
            delays = list(RETRY_DELAYS) if _may_repeat(environ) else []
            attempt = 0
            where = json.dumps(path[:200])  # one log line, whatever the path
            while True:
                try:
                    result = app(environ, start)
                except Exception as exc:
                    if started or not is_disconnection(exc):
                        raise
                    attempt += 1
                    began = _outage_began()
                    if delays and time.monotonic() - began <= budget:
                        logger.warning(
                            "Database away (%s) on %s %s; trying again",
                            type(exc).__name__,
                            environ.get("REQUEST_METHOD"),
                            where,
                        )
                        sleep(delays.pop(0))
                        environ.clear()
                        environ.update(original)
                        continue
                    logger.warning(
                        "Database away (%s) on %s %s; answered 503",
                        type(exc).__name__,
                        environ.get("REQUEST_METHOD"),
                        where,
                    )
                    _count("unavailable")
                    headers, body = unavailable_answer(environ)
                    headers.append(("Content-Length", str(len(body))))
                    start_response("503 Service Unavailable", headers)
                    if environ.get("REQUEST_METHOD", "").upper() == "HEAD":
                        return [b""]
                    return [body]
                _outage_over()
                if attempt:
                    _count("served_on_a_later_try")
                return result

        return outage_guard

    return make_filter


class DatabaseUnavailableView(BrowserView):
    """Exception view for a database connection lost in the middle of a
    request: the same 503 answer instead of Plone's 500 error page. It reads
    nothing from the database."""

    def __call__(self):
        response = self.request.response
        headers, body = unavailable_answer(self.request.environ)
        # locked: the publisher's abort handlers set the status from the
        # exception class again (500) after this view
        response.setStatus(503, lock=True)
        for name, value in headers:
            response.setHeader(name, value)
        # the page stands alone: neither the theme nor the other transforms
        # of plone.transformchain (which may read the database) touch it
        self.request.environ["plone.transformchain.disable"] = True
        logger.warning(
            "Database lost during %s %s; answered 503",
            self.request.get("REQUEST_METHOD"),
            json.dumps(self.request.get("PATH_INFO", "")[:200]),
        )
        _count("unavailable")
        return body
