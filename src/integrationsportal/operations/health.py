"""Health and readiness of one instance, for the load balancer and the
operator's monitoring: ``<portal>/@@health`` and ``<portal>/@@ready``.

- ``@@health`` answers 200 when the database and the catalog answer: the
  root record is read (from the file; on RelStorage through a fresh
  connection to PostgreSQL of the check's own), and the catalog answers a
  real query.
- ``@@ready`` answers 200 when the instance may take visitors: healthy, the
  warm-up after the start is done, and the database is not being packed.
  HAProxy sends visitors only to instances whose ``@@ready`` answers 200
  (deploy/haproxy.cfg.in). An operator takes an instance out by hand with a
  file ``drain`` in its var/ directory (before a restart, say).
- ``@@ready?fallback=1`` is for HAProxy's fallback backend, when no instance
  is ready: it ignores the warm-up and the pack but keeps a drained instance
  out.

Both answer a small JSON body, ``{"status": "ok"|"unavailable", "checks":
{...}}``, to anyone, never cached, without paths, versions or personal data.
When the database is lost Zope may fail before any view runs (the connection
is opened before traversal); :func:`guard_factory` is the WSGI filter that
turns such a failure of these two addresses into the same 503 answer.

Packing on RelStorage (``make pack``'s scripts/pack.py as well as
``zodbpack``) holds RelStorage's pack lock, a PostgreSQL advisory lock, for
its whole run; readiness looks for that lock, so a pack that dies releases it
with its connection and never leaves an instance out."""

from integrationsportal import logger
from Products.Five.browser import BrowserView
from urllib.parse import parse_qs
from ZODB.utils import z64
import json
import os
import threading
import time
import Zope2


CHECKS_TIMEOUT_MS = 2000
"""How long one SQL statement of a check may take."""

WARMUP_RETRY_SECONDS = 2

# RelStorage's pack lock is advisory lock -2 (relstorage/adapters/postgresql/
# locker.py); PostgreSQL lists a bigint key as classid (high 32 bits), objid
# (low 32 bits) and objsubid 1
PACK_LOCK_QUERY = """
    SELECT count(*) FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND objsubid = 1
      AND classid::bigint = 4294967295 AND objid::bigint = 4294967294
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
"""

HEALTH_PATHS = ("/@@health", "/@@ready")

_state = {"warm": False, "started": None}
_state_lock = threading.Lock()


# ---------------------------------------------------------------- checks


def _relstorage_adapter(storage):
    """RelStorage's database adapter, or None for other storages. RelStorage
    has no public name for it; ``_adapter`` is set in its constructor."""
    adapter_ = getattr(storage, "_adapter", None)
    return adapter_ if hasattr(adapter_, "connmanager") else None


CONNECT_TIMEOUT_SECONDS = 5
"""How long the check's connection may take to reach PostgreSQL, when the
DSN sets no ``connect_timeout`` of its own (an unreachable server must not
hold a check, and a waitress thread, for the TCP timeout of minutes)."""

# the root record (oid 0): the table is ``object_state`` with a ``zoid``
# column both history-free and history-preserving (RelStorage 4, PostgreSQL)
ROOT_QUERY = "SELECT count(*) FROM object_state WHERE zoid = 0"


def _open(connmanager):
    """A fresh connection to PostgreSQL, read only, with a connect timeout.

    RelStorage's ``connmanager.open`` passes no connection parameters on;
    its DSN (``_dsn``, set in the constructor) and the driver's
    ``connect_with_isolation`` are what ``open`` itself uses, so the timeout
    is added to the DSN here. With replicas, or a RelStorage without these
    names, ``open`` is used as it is (then ``connect_timeout`` belongs in the
    DSN of zope.conf)."""
    dsn = getattr(connmanager, "_dsn", None)
    driver = getattr(connmanager, "driver", None)
    connect = getattr(driver, "connect_with_isolation", None)
    if (
        not isinstance(dsn, str)
        or connect is None
        or getattr(connmanager, "replica_selector", None) is not None
    ):
        return connmanager.open(read_only=True, application_name="health")
    if "connect_timeout" not in dsn:
        dsn = f"{dsn} connect_timeout={CONNECT_TIMEOUT_SECONDS}"
    conn = connect(dsn, read_only=True, application_name="health")
    return conn, connmanager.cursor_for_connection(conn)


def _sql(adapter_, *queries):
    """The statements on ONE fresh connection, their first values: whether
    PostgreSQL accepts new connections is part of the answer (an instance
    reconnects all the time). The connection is the check's own: RelStorage's
    shared storage object is not thread-safe, and the checks run on several
    waitress threads at once."""
    connmanager = adapter_.connmanager
    conn, cursor = _open(connmanager)
    try:
        cursor.execute(f"SET LOCAL statement_timeout = {CHECKS_TIMEOUT_MS}")
        answers = []
        for query in queries:
            cursor.execute(query)
            answers.append(cursor.fetchone()[0])
        return answers
    finally:
        connmanager.rollback_and_close(conn, cursor)


def database_checks(context, packing=False):
    """``{"database": "ok"|"failed"}`` and, when asked, ``{"packing": "no"|
    "yes"|"unknown"}``. Failures are logged with their cause for the operator,
    never shown.

    On RelStorage one fresh connection reads whether the root record is
    there and, when asked, whether the pack lock is held; the storage object
    is never touched (RelStorage's master storage is not thread-safe; each
    ZODB connection has its own instance). A FileStorage is thread-safe (it
    locks itself): its root record is loaded from the file."""
    checks = {}
    storage = context._p_jar.db().storage
    adapter_ = _relstorage_adapter(storage)
    lock = None
    try:
        if adapter_ is None:
            storage.load(z64)  # the root record: a real read from the file
        else:
            queries = [ROOT_QUERY] + ([PACK_LOCK_QUERY] if packing else [])
            answers = _sql(adapter_, *queries)
            if not answers[0]:
                raise LookupError("the root record is missing from object_state")
            lock = answers[1] if packing else None
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means: not healthy
        logger.warning("Health check: the database does not answer", exc_info=True)
        checks["database"] = "failed"
    if packing:
        if adapter_ is None:
            # a FileStorage is packed only while the portal is stopped
            checks["packing"] = "no"
        elif checks["database"] != "ok":
            checks["packing"] = "unknown"
        else:
            checks["packing"] = "yes" if lock else "no"
    return checks


def catalog_check(portal):
    """A real query: the portal's children, as the navigation asks."""
    try:
        catalog = portal.portal_catalog
        path = "/".join(portal.getPhysicalPath())
        brains = catalog.unrestrictedSearchResults(path={"query": path, "depth": 1})
        list(brains[:1])
        return "ok"
    except Exception:  # noqa: BLE001
        logger.warning("Health check: the catalog does not answer", exc_info=True)
        return "failed"


def drained():
    """Whether the operator took this instance out (``var/drain``)."""
    from App.config import getConfiguration

    clienthome = getattr(getConfiguration(), "clienthome", None)
    return bool(clienthome) and os.path.exists(os.path.join(clienthome, "drain"))


# ---------------------------------------------------------------- warm-up


def warm_up(app):
    """Load what the first visitors need from every portal: the catalog's
    indexes (a sorted query) and the top folders."""
    from plone.base.interfaces import IPloneSiteRoot

    for portal in app.objectValues():
        if not IPloneSiteRoot.providedBy(portal):
            continue
        catalog = portal.portal_catalog
        list(
            catalog.unrestrictedSearchResults(
                review_state="published", sort_on="modified", sort_limit=20
            )[:20]
        )
        for child in portal.objectValues():
            getattr(child, "title", None)


def _warm_up_loop():
    while True:
        try:
            app = Zope2.app()
            try:
                warm_up(app)
            finally:
                app._p_jar.close()
            with _state_lock:
                _state["warm"] = True
            logger.info(
                "Warm-up done %.1f s after the start; the instance is ready.",
                time.monotonic() - _state["started"],
            )
            return
        except Exception:  # noqa: BLE001 - the database may come later
            logger.warning("Warm-up failed; trying again", exc_info=True)
            time.sleep(WARMUP_RETRY_SECONDS)


def start_warm_up():
    """Called when the WSGI server builds its pipeline (``guard_factory``),
    after Zope has opened the database: only a server warms up. A console
    script (``make upgrade``, ``make backup``, ``zconsole``) starts Zope as
    well, but must not have a thread reading the database while it closes
    it."""
    if _state["started"] is not None:
        return
    _state["started"] = time.monotonic()
    threading.Thread(
        target=_warm_up_loop, name="integrationsportal-warmup", daemon=True
    ).start()


def warm():
    """Whether the warm-up after the start is done. A process whose start
    event never came (a test layer, a script) counts as warm."""
    return _state["warm"] or _state["started"] is None


# ---------------------------------------------------------------- views


def answer(response, checks, ok):
    response.setStatus(200 if ok else 503)
    response.setHeader("Content-Type", "application/json")
    response.setHeader("Cache-Control", "no-store")
    response.setHeader("X-Robots-Tag", "noindex")
    return json.dumps({"status": "ok" if ok else "unavailable", "checks": checks})


class HealthView(BrowserView):
    """200 when the database and the catalog answer, else 503."""

    def __call__(self):
        checks = database_checks(self.context)
        if checks["database"] == "ok":
            checks["catalog"] = catalog_check(self.context)
        else:
            checks["catalog"] = "skipped"
        ok = all(value == "ok" for value in checks.values())
        return answer(self.request.response, checks, ok)


class ReadyView(BrowserView):
    """200 when the instance may take visitors, else 503.

    ``@@ready?fallback=1`` is the check of HAProxy's fallback backend, used
    when no instance is ready (all warm up, or the database is packed): it
    ignores the warm-up and the pack, but an instance the operator drained
    stays out, and the database and the catalog must answer."""

    def __call__(self):
        fallback = self.request.form.get("fallback") == "1"
        checks = {"warmup": "done" if warm() else "running"}
        checks["drain"] = "yes" if drained() else "no"
        checks.update(database_checks(self.context, packing=not fallback))
        if checks["database"] == "ok":
            checks["catalog"] = catalog_check(self.context)
        else:
            checks["catalog"] = "skipped"
        ok = (
            checks["drain"] == "no"
            and checks["database"] == "ok"
            and checks["catalog"] == "ok"
        )
        if not fallback:
            ok = ok and checks["warmup"] == "done" and checks["packing"] == "no"
        return answer(self.request.response, checks, ok)


# ---------------------------------------------------------------- WSGI filter

UNAVAILABLE = json.dumps(
    {"status": "unavailable", "checks": {"database": "failed"}}
).encode()


def is_check_path(path):
    return path.endswith(HEALTH_PATHS) or any(p + "/" in path for p in HEALTH_PATHS)


def last_resort_answer():
    """``@@ready?last-resort=1``, the check of HAProxy's last-resort backend
    (used when no instance is even healthy): 200 unless the operator drained
    the instance. The filter answers it without Zope or the database."""
    ok = not drained()
    body = json.dumps(
        {
            "status": "ok" if ok else "unavailable",
            "checks": {"drain": "no" if ok else "yes"},
        }
    ).encode()
    return ("200 OK" if ok else "503 Service Unavailable"), body


def guard_factory(global_conf):
    """WSGI filter: when Zope fails on ``…/@@health`` or ``…/@@ready`` before
    the view answers (the database connection is opened before traversal),
    the answer is the checks' 503, not a 500 page. ``@@ready?last-resort=1``
    is answered here alone (:func:`last_resort_answer`).

        [filter:health-guard]
        use = call:integrationsportal.operations.health:guard_factory
    """

    def make_filter(app):
        start_warm_up()

        def health_guard(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if not is_check_path(path):
                return app(environ, start_response)
            query = parse_qs(environ.get("QUERY_STRING", ""))
            if path.rstrip("/").endswith("/@@ready") and query.get("last-resort") == [
                "1"
            ]:
                status, body = last_resort_answer()
                start_response(
                    status,
                    [
                        ("Content-Type", "application/json"),
                        ("Cache-Control", "no-store"),
                        ("Content-Length", str(len(body))),
                    ],
                )
                return [body]
            captured = {}

            def start(status, headers, exc_info=None):
                # the answer is small: kept until it is whole
                captured["status"], captured["headers"] = status, headers
                return lambda data: None

            try:
                result = app(environ, start)
                try:
                    body = b"".join(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
            except Exception:  # noqa: BLE001 - the database is gone, say so
                logger.warning("Health check failed in Zope", exc_info=True)
                captured = {}
                body = b""
            status = captured.get("status", "500")
            if status.startswith("5") and not status.startswith("503"):
                start_response(
                    "503 Service Unavailable",
                    [
                        ("Content-Type", "application/json"),
                        ("Cache-Control", "no-store"),
                        ("Content-Length", str(len(UNAVAILABLE))),
                    ],
                )
                return [UNAVAILABLE]
            start_response(status, captured["headers"])
            return [body]

        return health_guard

    return make_filter
