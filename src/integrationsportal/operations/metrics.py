"""Prometheus metrics of one instance, on a port of its own bound to this
machine only (127.0.0.1), for the municipal IT provider's monitoring.

What is measured (deploy/README.md, "Metrics", says what each metric means):

- every request Zope publishes, by the published view (its registered name,
  or the name of the method or template published; never the address or the
  query) and the portal type it was published on: how many, how long, with
  which status class, and the exceptions that ended in a server error;
- the ZODB: whether the database answers (probed at each scrape), the
  connections of the pool, the objects in the connections' caches and the
  objects loaded from the storage (the caches' misses); with RelStorage its
  local cache's hits, misses, entries and bytes;
- the portal's business: flats offered through the landlords' form and
  readers' feedback, counted when their transaction commits.

Requests are seen through ZPublisher's publication events (IPubStart,
IPubSuccess, IPubFailure), so no WSGI filter is needed; a request that fails
before Zope publishes it (the database cannot even be opened) is not seen
there, which is why the database state is probed at each scrape as well.

The server starts with a serving process (IProcessStarting; ``zconsole
run`` notifies it too and is skipped, the test layers never do) when a port
is configured: the environment variable INTEGRATIONSPORTAL_METRICS_PORT, or
``metrics-port`` in zope.conf's ``<product-config integrationsportal>``. The
address is 127.0.0.1 unless INTEGRATIONSPORTAL_METRICS_ADDRESS (or
``metrics-address``) names another loopback address; anything else is refused
with a log line and no server. A port in use is logged; the portal starts all
the same. All threads of the process share one registry.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from App.config import getConfiguration
from integrationsportal.wsgi import STATIC_PARTS
from prometheus_client import CollectorRegistry
from prometheus_client import Counter
from prometheus_client import disable_created_metrics
from prometheus_client import Gauge
from prometheus_client import Histogram
from prometheus_client import start_http_server
from prometheus_client.core import CounterMetricFamily
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from zExceptions import NotFound
from ZODB.POSException import ConflictError
from ZODB.POSException import POSError
from zope.component import getSiteManager
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserView
import contextlib
import ipaddress
import logging
import os
import re
import sys
import threading
import time
import transaction
import Zope2


logger = logging.getLogger("integrationsportal.metrics")

PORT_VARIABLE = "INTEGRATIONSPORTAL_METRICS_PORT"
ADDRESS_VARIABLE = "INTEGRATIONSPORTAL_METRICS_ADDRESS"
PORT_SETTING = "metrics-port"
ADDRESS_SETTING = "metrics-address"
DEFAULT_ADDRESS = "127.0.0.1"
CONSOLE_MODULE = "Zope2.utilities.zconsole"
PREFIX = "integrationsportal"

START_KEY = "integrationsportal.metrics.start"
"""Where a request's start time waits in the WSGI server's environ
(``request._orig_env``): each attempt of a request that Zope retries after a
conflict is a new request with a new ``request.environ``, built from that
original one, so the duration is the whole request's."""
COPY_MARK = "_v_integrationsportal_copied"

# no ``*_created`` series beside every counter: Prometheus needs none
disable_created_metrics()
REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)

# ------------------------------------------------------------------ requests

REQUESTS = Counter(
    f"{PREFIX}_http_requests",
    "Requests answered, by published view, portal type, method and status class",
    ["view", "portal_type", "method", "status"],
    registry=REGISTRY,
)
DURATION = Histogram(
    f"{PREFIX}_http_request_duration_seconds",
    "Time Zope took to answer a request (all its attempts), by published view",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
EXCEPTIONS = Counter(
    f"{PREFIX}_http_exceptions",
    "Exceptions the code raised that ended in a server error (5xx), by view "
    "and exception class",
    ["view", "exception"],
    registry=REGISTRY,
)
RETRIES = Counter(
    f"{PREFIX}_http_conflict_retries",
    "Attempts Zope repeated after a conflict error (the request went on)",
    registry=REGISTRY,
)
IN_PROGRESS = Gauge(
    f"{PREFIX}_http_requests_in_progress",
    "Requests being published at the moment",
    registry=REGISTRY,
)
DATABASE_ERRORS = Counter(
    f"{PREFIX}_zodb_request_errors",
    "Requests that failed with an error of the database or its driver",
    registry=REGISTRY,
)

DATABASE_UNAVAILABLE = Counter(
    f"{PREFIX}_database_unavailable_answers",
    "Requests met by a lost database connection (outage.py): answered 503 "
    "(unavailable), or served after a further try (served_on_a_later_try)",
    ["outcome"],
    registry=REGISTRY,
)

# ------------------------------------------------------------------ business

HOUSING_SUBMISSIONS = Counter(
    f"{PREFIX}_housing_submissions",
    "Flats offered by landlords (a HousingOffer filed and committed)",
    registry=REGISTRY,
)
FEEDBACK_SUBMISSIONS = Counter(
    f"{PREFIX}_feedback_submissions",
    "Readers' feedback filed and committed: 'report' with a reason, 'vote' "
    "a plain helpful or not helpful",
    ["kind"],
    registry=REGISTRY,
)
for _kind in ("report", "vote"):
    FEEDBACK_SUBMISSIONS.labels(kind=_kind)

# ------------------------------------------------------------------ labels

MAX_VALUES = 300
"""Distinct values one label may take; later ones are counted as 'other'.
View names come from the code, so this is a safety net, not a limit an
operator should ever see reached."""

METHODS = frozenset(
    ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND")
)
STATIC = "static"
NONE = "none"
NOT_FOUND = "not_found"
OTHER = "other"
REST_NAME = re.compile(r"^[A-Z]+_[A-Za-z0-9_.+-]*?_(@[\w.@-]+)$")
UNSAFE = re.compile(r"[^\w@+.: -]")


class _Bounded:
    """Keeps each label to at most MAX_VALUES distinct values."""

    def __init__(self):
        self.seen = set()
        self.lock = threading.Lock()

    def __call__(self, value):
        value = UNSAFE.sub("_", value)[:60] or NONE
        if value in self.seen:
            return value
        with self.lock:
            if len(self.seen) >= MAX_VALUES:
                return OTHER
            self.seen.add(value)
        return value


_view_label = _Bounded()
_type_label = _Bounded()
_exception_label = _Bounded()


def _registered(name, context, request):
    """Whether ``name`` is a view registered for ``context`` (the adapter
    registry's lookup: no view is made)."""
    try:
        found = getSiteManager().adapters.lookup(
            (providedBy(context), providedBy(request)), Interface, name=name
        )
    except Exception:  # noqa: BLE001 - a label is never worth an error
        return False
    return found is not None


def _type_of(context):
    if context is None:
        return NONE
    portal_type = getattr(aq_base(context), "portal_type", None)
    if isinstance(portal_type, str) and portal_type:
        return portal_type
    return type(aq_base(context)).__name__


def published_labels(request):
    """(view, portal type) of what the request published, from the code's
    names only: a registered view's name, a REST service's ``@name``, a
    method's or a skin template's name, otherwise the published class."""
    path = request.get("PATH_INFO", "") or ""
    if any(part in path for part in STATIC_PARTS):
        return STATIC, STATIC
    published = request.get("PUBLISHED")
    if published is None:
        return NONE, NONE
    name = getattr(published, "__name__", None)
    context = None
    if getattr(published, "__self__", None) is not None:  # a bound method
        context = published.__self__
        if IBrowserView.providedBy(context):  # a view's method: @@view/method
            view_name = getattr(context, "__name__", None)
            context = getattr(context, "context", None)
            if view_name and _registered(view_name, context, request):
                name = f"{view_name}/{name}"
            else:
                name = f"{type(published.__self__).__name__}/{name}"
    elif IBrowserView.providedBy(published):
        context = getattr(published, "context", None)
        match = REST_NAME.match(name or "")
        if match:
            name = match.group(1)
        elif not (name and _registered(name, context, request)):
            name = type(published).__name__
    elif hasattr(aq_base(published), "portal_type"):
        # content published itself (a file's download, a folder's index)
        context = published
        name = "object"
    else:
        # a skin template or script, a tool's page: named in the code
        try:
            context = aq_parent(aq_inner(published))
        except (AttributeError, TypeError):
            context = None
        get_id = getattr(published, "getId", None)
        name = get_id() if callable(get_id) else type(published).__name__
    return _view_label(str(name or NONE)), _type_label(_type_of(context))


def _status_class(response):
    try:
        status = int(response.getStatus())
    except (AttributeError, TypeError, ValueError):
        return "5xx"
    return f"{status // 100}xx" if 100 <= status < 600 else "5xx"


def _is_database_error(exc):
    if isinstance(exc, ConflictError):
        return False
    top = type(exc).__module__.split(".")[0]
    return isinstance(exc, POSError) or top in ("psycopg2", "psycopg", "relstorage")


# ------------------------------------------------------------------ events


def request_started(event):
    """IPubStart: an attempt begins (every attempt of a retried request)."""
    try:
        IN_PROGRESS.inc()
        _environ(event.request).setdefault(START_KEY, time.perf_counter())
    except Exception:  # noqa: BLE001 - metrics never break a request
        logger.exception("Metrics: request start not recorded")


def _environ(request):
    """The WSGI server's environ, the same for all attempts of a request."""
    environ = getattr(request, "_orig_env", None)
    return environ if isinstance(environ, dict) else request.environ


def _finish(request, exc=None):
    started = _environ(request).pop(START_KEY, None)
    if started is None:  # counted already (a failing IPubSuccess subscriber)
        return
    view, portal_type = published_labels(request)
    if exc is not None and view == NONE:
        view = NOT_FOUND if isinstance(exc, NotFound) else NONE
    method = request.get("REQUEST_METHOD", "GET")
    status = _status_class(request.response)
    REQUESTS.labels(
        view=view,
        portal_type=portal_type,
        method=method if method in METHODS else OTHER,
        status=status,
    ).inc()
    DURATION.labels(view=view).observe(time.perf_counter() - started)
    if exc is not None and status == "5xx":
        EXCEPTIONS.labels(
            view=view, exception=_exception_label(type(exc).__name__)
        ).inc()
        if _is_database_error(exc):
            DATABASE_ERRORS.inc()


def request_succeeded(event):
    """IPubSuccess: the transaction committed, the response is ready."""
    try:
        IN_PROGRESS.dec()
        _finish(event.request)
    except Exception:  # noqa: BLE001
        logger.exception("Metrics: request not counted")


def request_failed(event):
    """IPubFailure: an exception; the exception view (if any) has set the
    status. A conflict that Zope retries is an attempt, not an answer."""
    try:
        IN_PROGRESS.dec()
        if event.retry:
            RETRIES.inc()
            return
        _finish(event.request, event.exc_info[1])
    except Exception:  # noqa: BLE001
        logger.exception("Metrics: failed request not counted")


def _after_commit(counter):
    def hook(committed):
        if committed:
            counter.inc()

    return hook


def copied(obj, event):
    """IObjectCopiedEvent: the copy is marked (for the rest of the
    transaction, never stored), so that its IObjectAddedEvent, which follows
    at the paste, is not counted as a submission."""
    setattr(obj, COPY_MARK, True)


def _submitted(obj, event):
    """Whether an IObjectAddedEvent is a new item filed by the portal's
    code (the landlords' form, the feedback box), not staff's work: a copy
    pasted, an item inside a folder copied or imported (the event is the
    folder's), or an item added by hand through Plone's add form."""
    if getattr(obj, COPY_MARK, False) or event.object is not obj:
        return False
    from zope.globalrequest import getRequest

    request = getRequest()
    path = (request.get("PATH_INFO", "") or "") if request is not None else ""
    return "++add++" not in path


def flat_added(obj, event):
    """A HousingOffer was filed (the landlords' form files one): counted
    when its transaction commits, once even if a conflict repeats it."""
    if _submitted(obj, event):
        transaction.get().addAfterCommitHook(_after_commit(HOUSING_SUBMISSIONS))


def feedback_added(obj, event):
    """A Feedback was filed (the box on every page files one)."""
    if not _submitted(obj, event):
        return
    kind = "report" if getattr(obj, "reason", None) else "vote"
    transaction.get().addAfterCommitHook(
        _after_commit(FEEDBACK_SUBMISSIONS.labels(kind=kind))
    )


# ------------------------------------------------------------------ the ZODB


class TransferMonitor:
    """A ZODB activity monitor: adds each connection's loads (objects read
    from the storage because its cache did not hold them) and stores when
    the connection goes back to the pool. Passes the connection on to a
    monitor that was there before."""

    def __init__(self, previous=None):
        self.previous = previous
        self.loads = 0
        self.stores = 0
        self.lock = threading.Lock()

    def closedConnection(self, connection):
        loads, stores = connection.getTransferCounts()
        with self.lock:
            self.loads += loads
            self.stores += stores
        if self.previous is not None:
            self.previous.closedConnection(connection)
        else:
            connection.getTransferCounts(clear=True)

    def __getattr__(self, name):  # getActivityAnalysis & co. of the previous
        previous = self.__dict__.get("previous")
        if previous is None:
            raise AttributeError(name)
        return getattr(previous, name)


def _probe(db):
    """Begin a transaction on a connection and read the root: RelStorage
    asks PostgreSQL for new transactions at the begin, FileStorage reads its
    file. An explicit transaction manager of its own keeps the connection
    clean when the database fails half-way: it goes back to the pool."""
    manager = transaction.TransactionManager(explicit=True)
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        connection.root()
    finally:
        # nothing begun, or the database gone: nothing to abort
        with contextlib.suppress(Exception):
            manager.abort()
        connection.close()


class DatabaseCollector:
    """The ZODB's (and RelStorage's) figures, read at each scrape."""

    def __init__(self, db):
        self.db = db
        self.monitor = TransferMonitor(db.getActivityMonitor())
        db.setActivityMonitor(self.monitor)
        self.up = None
        self.last_ok = 0.0
        self.lock = threading.Lock()

    def probe(self):
        with self.lock:
            try:
                _probe(self.db)
            except Exception as error:  # noqa: BLE001 - the gauge says it
                if self.up is not False:
                    logger.warning(
                        "Metrics: the database does not answer: %s: %s",
                        type(error).__name__,
                        error,
                    )
                self.up = False
            else:
                if self.up is False:
                    logger.info("Metrics: the database answers again")
                self.up = True
                self.last_ok = time.time()
            return self.up

    def collect(self):
        db = self.db
        up = self.probe()
        yield _gauge(
            "zodb_up", "1 if the database answered the last probe, else 0", int(up)
        )
        yield _gauge(
            "zodb_last_ok_timestamp_seconds",
            "When the database last answered (Unix time)",
            self.last_ok,
        )
        pool = getattr(db, "pool", None)
        everything = len(getattr(pool, "all", ()))
        idle = len(getattr(pool, "available", ()))
        connections = GaugeMetricFamily(
            f"{PREFIX}_zodb_connections",
            "Connections of the ZODB pool, in use by a request or idle",
            labels=["state"],
        )
        connections.add_metric(["in_use"], max(everything - idle, 0))
        connections.add_metric(["idle"], idle)
        yield connections
        yield _gauge(
            "zodb_pool_size",
            "The pool's size (more open connections are allowed, with a warning)",
            db.getPoolSize(),
        )
        details = db.cacheDetailSize()
        cache = GaugeMetricFamily(
            f"{PREFIX}_zodb_cache_objects",
            "Objects in the connections' caches: 'active' loaded, 'all' with ghosts",
            labels=["state"],
        )
        cache.add_metric(["active"], sum(d["ngsize"] for d in details))
        cache.add_metric(["all"], sum(d["size"] for d in details))
        yield cache
        yield _gauge(
            "zodb_cache_target_objects",
            "The configured cache size of one connection (objects)",
            db.getCacheSize(),
        )
        yield _counter(
            "zodb_loads",
            "Objects loaded from the storage: misses of the connections' caches",
            self.monitor.loads,
        )
        yield _counter(
            "zodb_stores", "Objects written to the storage", self.monitor.stores
        )
        yield from relstorage_metrics(db.storage)


def relstorage_metrics(storage):
    """RelStorage's local cache (shared by all connections of the process):
    ``storage._cache`` is its StorageCache, whose ``local_client.stats()``
    holds hits, misses, sets, entries and bytes (RelStorage 4)."""
    cache = getattr(storage, "_cache", None)
    client = getattr(cache, "local_client", None)
    if client is None or not callable(getattr(client, "stats", None)):
        return
    stats = client.stats()
    for key, help_text in (
        ("hits", "Loads answered by RelStorage's local cache"),
        ("misses", "Loads RelStorage's local cache could not answer (to PostgreSQL)"),
        ("sets", "States RelStorage stored in its local cache"),
    ):
        yield _counter(f"relstorage_cache_{key}", help_text, stats.get(key, 0))
    yield _gauge(
        "relstorage_cache_entries",
        "Objects held in RelStorage's local cache",
        stats.get("len", 0),
    )
    yield _gauge(
        "relstorage_cache_bytes",
        "Bytes held in RelStorage's local cache",
        stats.get("bytes", 0),
    )
    yield _gauge(
        "relstorage_cache_limit_bytes",
        "The local cache's limit (cache-local-mb)",
        getattr(client, "limit", 0),
    )


def _gauge(name, help_text, value):
    return GaugeMetricFamily(f"{PREFIX}_{name}", help_text, value=value)


def _counter(name, help_text, value):
    return CounterMetricFamily(f"{PREFIX}_{name}", help_text, value=value)


# ------------------------------------------------------------------ the server


class Settings:
    """The port and address asked for, from the environment or zope.conf."""

    def __init__(self, environ=None, product_config=None):
        environ = os.environ if environ is None else environ
        config = product_config or {}
        self.port_source, port = _first(
            (PORT_VARIABLE, environ.get(PORT_VARIABLE)),
            (f"<product-config integrationsportal> {PORT_SETTING}",
             config.get(PORT_SETTING)),
        )  # fmt: skip
        self.address_source, address = _first(
            (ADDRESS_VARIABLE, environ.get(ADDRESS_VARIABLE)),
            (f"<product-config integrationsportal> {ADDRESS_SETTING}",
             config.get(ADDRESS_SETTING)),
        )  # fmt: skip
        self.port = port
        self.address = address or DEFAULT_ADDRESS

    def problem(self):
        """Why no server can start with these settings, or None."""
        try:
            port = int(self.port)
        except (TypeError, ValueError):
            return f"{self.port_source} is {self.port!r}, not a port number"
        if not 0 < port < 65536:
            return f"{self.port_source} is {port}, not a port number (1 to 65535)"
        address = "127.0.0.1" if self.address == "localhost" else self.address
        try:
            loopback = ipaddress.ip_address(address).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            return (
                f"{self.address_source} is {self.address!r}: the metrics are "
                f"served on a loopback address only (127.0.0.1, ::1)"
            )
        return None


def _first(*pairs):
    for source, value in pairs:
        if value not in (None, ""):
            return source, str(value).strip()
    return pairs[0][0], None


_server = None
_database = None


def start(settings, db=None):
    """Start the metrics server for ``settings``; the server, or None with
    the reason in the log. Never raises: metrics must not stop a portal."""
    global _server, _database
    if settings.port is None:
        return None
    problem = settings.problem()
    if problem:
        logger.error("Metrics: not served: %s.", problem)
        return None
    if db is not None and _database is None:
        _database = DatabaseCollector(db)
        REGISTRY.register(_database)
    address = "127.0.0.1" if settings.address == "localhost" else settings.address
    port = int(settings.port)
    try:
        _server, _thread = start_http_server(port, addr=address, registry=REGISTRY)
    except OSError as error:
        logger.error(
            "Metrics: cannot listen on %s port %s (%s, from %s): %s. The portal "
            "runs without metrics; free the port or set another one.",
            address,
            port,
            "in use" if error.errno == 98 else "refused",
            settings.port_source,
            error.strerror or error,
        )
        return None
    logger.info(
        "Metrics: Prometheus metrics at http://%s:%s/metrics",
        f"[{address}]" if ":" in address else address,
        port,
    )
    return _server


def process_starting(event):
    """IProcessStarting: a serving process (runwsgi) is ready.

    ``zconsole run`` (make site, backups, retention jobs) starts Zope the
    same way and notifies the same event; it serves nothing and must not
    take the instance's port, so a process that imported zconsole is
    skipped."""
    if CONSOLE_MODULE in sys.modules:
        return
    config = getattr(getConfiguration(), "product_config", None) or {}
    settings = Settings(product_config=config.get("integrationsportal"))
    if settings.port is None:
        return
    try:
        start(settings, db=getattr(Zope2, "DB", None))
    except Exception:  # noqa: BLE001 - never a failed start for metrics
        logger.exception("Metrics: not served")
