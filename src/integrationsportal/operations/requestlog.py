"""The access log of an instance: one JSON line per request, with the request
id that Varnish or HAProxy gave the request (or a new one), so that an
operator follows one request through the cache, the load balancer and the
instance (deploy/README.md, "Request ids and logs").

The line holds what running the portal needs and nothing that identifies a
visitor (DSGVO, data minimisation):

    {"time": "2025-05-01T08:00:00.123Z", "request_id": "…", "method": "GET",
     "path": "/Plone/de/angebote", "view": "@@search", "status": 200,
     "duration_ms": 41.2, "bytes": 18230, "agent": "browser", "login": false}

- no IP address (the visitor's address is personal data; the instance sees
  the proxies' address anyway), no query string (search terms and tokens),
  no cookies, no referrer, no user name; path segments that name a user or
  hold a secret are replaced (``/author/…``, ``/passwordreset/…``);
- the path decoded as UTF-8 (``/de/Ärger``), at most 300 characters;
- the user agent only as a class: browser, bot, monitor, script or none;
- ``login``: whether the request carried credentials (cookie or header).

A request id arriving in ``X-Request-ID`` is kept when it is a plain token
(letters, digits, ``. _ : -``, 8 to 128 characters); anything else (too
long, line breaks, markup, several headers) is replaced by a new id and never
written anywhere. The id is answered in ``X-Request-ID``.

    [filter:request-log]
    use = call:integrationsportal.operations.requestlog:filter_factory
    # logger = integrationsportal.access   (its handler is set in zope.ini)
"""

from datetime import datetime
from datetime import timezone
import contextlib
import json
import logging
import re
import time
import uuid


REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
METHOD = re.compile(r"[A-Z]{1,16}")
PATH_LIMIT = 300
BOTS = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview", re.I)
MONITORS = re.compile(
    r"haproxy|varnish|nagios|icinga|zabbix|prometheus|uptime|check", re.I
)
SCRIPTS = re.compile(
    r"curl|wget|python|requests|httpx|go-http|java|okhttp|libwww|wrk|ab/", re.I
)


def request_id(environ):
    """The request's id: the one it came with, when that is a plain token,
    else a new one."""
    given = environ.get("HTTP_X_REQUEST_ID", "")
    if REQUEST_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def agent_class(user_agent):
    if not user_agent:
        return "none"
    if MONITORS.search(user_agent):
        return "monitor"
    if BOTS.search(user_agent):
        return "bot"
    if SCRIPTS.search(user_agent):
        return "script"
    return "browser"


def view_name(path):
    """The view or service a path names (``@@search``, ``@search``), if any."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last[:64] if last.startswith("@") else None


# segments whose next segment names a person or holds a secret: Plone's
# password-reset link carries its token in the path, an author page the
# user id
PRIVATE_AFTER = re.compile(r"(/(?:@@)?(?:passwordreset|author))/[^/]+", re.I)
HIDDEN = "…"


def private_removed(path):
    """``path`` without the segments that name a user or hold a secret
    (``/passwordreset/<token>`` becomes ``/passwordreset/…``)."""
    return PRIVATE_AFTER.sub(lambda m: f"{m.group(1)}/{HIDDEN}", path)


def clean_path(environ):
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    # WSGI gives the path as latin-1 characters of the bytes sent; the
    # addresses are UTF-8 (``/de/Ärger``). What does not decode is replaced;
    # json.dumps escapes the rest, the length is capped
    with contextlib.suppress(UnicodeEncodeError):  # not from a server: text
        path = path.encode("latin-1").decode("utf-8", "replace")
    path = private_removed(path)
    return path[:PATH_LIMIT] if len(path) <= PATH_LIMIT else path[:PATH_LIMIT] + "…"


def _now():
    return (
        datetime.now(timezone.utc)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


class _Logged:
    """The response body, counted; the line is written when the server
    closes it (the whole answer was sent, or the client went away)."""

    def __init__(self, result, line, started, write):
        self.result = result
        self.line = line
        self.started = started
        self.write = write

    def __iter__(self):
        for chunk in self.result:
            self.line["bytes"] += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.write(self.line, self.started)


def _logged_file(result, line, started, write):
    """The server's own file wrapper (``wsgi.file_wrapper``, a blob
    download) is given back as it is: waitress sends such a file straight
    from the file only when the application returns its wrapper itself.
    The line is written when the server closes it; the bytes are those it
    sent (``prepare`` tells the size, ``remain`` what was left)."""
    prepare, close = result.prepare, result.close
    sizes, done = [], []

    def prepared(size=None):
        sizes.append(prepare(size))
        return sizes[-1]

    def closed():
        if sizes and sizes[-1]:
            line["bytes"] = sizes[-1] - getattr(result, "remain", 0)
        try:
            close()
        finally:
            if not done:  # the channel may close it twice (sent, then gone)
                done.append(True)
                write(line, started)

    result.prepare, result.close = prepared, closed
    return result


def filter_factory(global_conf, logger="integrationsportal.access"):
    log = logging.getLogger(logger)

    def write(line, started):
        line["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
        log.info(json.dumps(line, ensure_ascii=False))

    def make_filter(app):
        def request_log(environ, start_response):
            started = time.monotonic()
            rid = request_id(environ)
            environ["HTTP_X_REQUEST_ID"] = rid
            method = environ.get("REQUEST_METHOD", "")
            path = clean_path(environ)
            line = {
                "time": _now(),
                "request_id": rid,
                "method": method if METHOD.fullmatch(method) else "OTHER",
                "path": path,
                "view": view_name(path),
                "status": None,
                "duration_ms": None,
                "bytes": 0,
                "agent": agent_class(environ.get("HTTP_USER_AGENT", "")),
                "login": "HTTP_AUTHORIZATION" in environ
                or "__ac=" in environ.get("HTTP_COOKIE", ""),
            }

            def start(status, headers, exc_info=None):
                try:
                    line["status"] = int(status.split(" ", 1)[0])
                except ValueError:
                    line["status"] = status[:3]
                headers = [(n, v) for n, v in headers if n.lower() != "x-request-id"]
                headers.append(("X-Request-ID", rid))
                return start_response(status, headers, exc_info)

            try:
                result = app(environ, start)
            except BaseException:
                line["status"] = 500
                write(line, started)
                raise
            wrapper = environ.get("wsgi.file_wrapper")
            if (
                isinstance(wrapper, type)
                and type(result) is wrapper
                and callable(getattr(result, "prepare", None))
            ):
                return _logged_file(result, line, started, write)
            return _Logged(result, line, started, write)

        return request_log

    return make_filter
