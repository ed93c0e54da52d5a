"""The instance's Prometheus metrics as the IT provider's monitoring reads
them: a real `make start` portal with INTEGRATIONSPORTAL_METRICS_PORT set,
scraped over 127.0.0.1 after readers' pages, a finder search, a 404 and a
REST call, a landlord's flat and a reader's report; the port bound to
loopback only; refused settings and a port in use logged, the portal
serving all the same; RelStorage's cache figures from a real RelStorage on
PostgreSQL (database state down and up again); the example Grafana
dashboard naming only exported metrics."""

from datetime import date
from datetime import timedelta
from integrationsportal.operations import metrics
from pathlib import Path
from persistent.mapping import PersistentMapping
from prometheus_client.parser import text_string_to_metric_families
from support import ci
from support import csrf_token
from support import free_port
from support import ROOT
from support import started_portal
import importlib.util
import json
import logging
import os
import psycopg2
import pytest
import re
import requests
import socket
import subprocess
import transaction
import uuid
import ZODB.config


DASHBOARD = ROOT / "deploy" / "grafana-dashboard.json"
PG_DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")


def scrape(port):
    """{(sample name, sorted labels): value} of the instance's /metrics."""
    response = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=30)
    assert response.status_code == 200, response.text[:500]
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples, name, **labels):
    """The sum of the samples of ``name`` whose labels include ``labels``."""
    return sum(
        v
        for (n, sample_labels), v in samples.items()
        if n == name and set(labels.items()) <= set(sample_labels)
    )


def grown(before, after, name, **labels):
    return value(after, name, **labels) - value(before, name, **labels)


# the first start creates the demo portal: minutes on a busy 2-core machine
@pytest.fixture(scope="module")
def portal(instance):
    """The portal of `make start` with metrics on a free port:
    (portal address, metrics port)."""
    port = free_port()
    env = {"INTEGRATIONSPORTAL_METRICS_PORT": str(port)}
    with started_portal(instance, env=env, timeout=900) as url:
        yield url, port


# ------------------------------------------------------------------ settings


@pytest.mark.slow
def test_a_refused_address_never_stops_the_portal(instance):
    """Runs first (before the module's portal holds the instance): a start
    with an address that is not loopback serves the portal, says in the log
    why there are no metrics and listens on no port; `zconsole run` (make
    site, the retention jobs) with a port set never takes it."""
    port = free_port()
    env = {
        "INTEGRATIONSPORTAL_METRICS_PORT": str(port),
        "INTEGRATIONSPORTAL_METRICS_ADDRESS": "0.0.0.0",  # noqa: S104
    }
    with started_portal(instance, env=env, timeout=900) as url:
        assert requests.get(f"{url}/de", timeout=30).status_code == 200
        assert listening_addresses(port) == []
    log = (instance / "var" / "log" / "event.log").read_text()
    assert (
        "Metrics: not served: INTEGRATIONSPORTAL_METRICS_ADDRESS is '0.0.0.0': "
        "the metrics are served on a loopback address only"
    ) in log

    script = instance.parent / "listening.py"
    script.write_text(
        "import sys\n"
        "from integrationsportal.operations import metrics\n"
        "print('server', metrics._server)\n"
    )
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "zconsole"), "run",
         str(instance / "zope.conf"), str(script)],
        env={**os.environ, "INTEGRATIONSPORTAL_METRICS_PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "server None" in result.stdout


# ------------------------------------------------------------------ requests


@pytest.mark.slow
def test_requests_are_counted_by_view_never_by_address(portal):
    url, port = portal
    before = scrape(port)
    for _ in range(3):
        assert requests.get(f"{url}/de", timeout=30).status_code == 200
    finder = requests.get(
        f"{url}/de/@@offer-finder", params={"q": "Zzyzx-Geheimwort"}, timeout=30
    )
    assert finder.status_code == 200
    missing = requests.get(f"{url}/de/gibt-es-nicht-4711", timeout=30)
    assert missing.status_code == 404
    rest = requests.get(
        f"{url}/@search",
        params={"SearchableText": "Kurs"},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert rest.status_code == 200
    after = scrape(port)

    name = "integrationsportal_http_requests_total"
    # the German root folder's start page, three times
    assert grown(before, after, name, view="start-page", status="2xx") == 3
    assert grown(before, after, name, view="offer-finder", method="GET") == 1
    assert grown(before, after, name, view="not_found", status="4xx") == 1
    assert grown(before, after, name, view="@search", portal_type="Plone Site") == 1
    assert grown(before, after, name, status="5xx") == 0
    durations = "integrationsportal_http_request_duration_seconds_count"
    assert grown(before, after, durations, view="offer-finder") == 1
    assert grown(before, after, durations, view="start-page") == 3
    seconds = "integrationsportal_http_request_duration_seconds_sum"
    assert grown(before, after, seconds, view="offer-finder") > 0
    # the labels name views, never what the reader typed or asked for
    labels = " ".join(str(key[1]) for key in after)
    for typed in ("Zzyzx", "Geheimwort", "gibt-es-nicht", "4711", "Kurs", "/de"):
        assert typed not in labels


@pytest.mark.slow
def test_the_database_and_its_caches(portal):
    url, port = portal
    requests.get(f"{url}/de/angebote", timeout=30)
    samples = scrape(port)
    assert value(samples, "integrationsportal_zodb_up") == 1
    assert value(samples, "integrationsportal_zodb_last_ok_timestamp_seconds") > 0
    assert value(samples, "integrationsportal_zodb_pool_size") >= 1
    idle = value(samples, "integrationsportal_zodb_connections", state="idle")
    in_use = value(samples, "integrationsportal_zodb_connections", state="in_use")
    assert idle + in_use >= 1
    active = value(samples, "integrationsportal_zodb_cache_objects", state="active")
    assert active > 100  # a started portal holds its catalog and pages
    assert value(samples, "integrationsportal_zodb_cache_target_objects") == 50000
    # the listing loaded objects the caches did not hold yet
    assert value(samples, "integrationsportal_zodb_loads_total") > 0
    # a FileStorage instance has no RelStorage cache to show
    assert not any(n.startswith("integrationsportal_relstorage") for n, _ in samples)


# ------------------------------------------------------------------ business

LANDLORD_FORM = {
    "form.widgets.municipality:list": "musterstadt",
    "form.widgets.municipality-empty-marker": "1",
    "form.widgets.postal_code": "91234",
    "form.widgets.street": "Lindenallee 7",
    "form.widgets.rooms": "2",
    "form.widgets.living_space": "55",
    "form.widgets.cold_rent": "400",
    "form.widgets.utilities": "90",
    "form.widgets.max_persons": "2",
    "form.widgets.landlord_name": "Erika Vermieterin",
    "form.widgets.landlord_phone": "06381 123456",
    "form.widgets.landlord_email": "erika@example.org",
    "form.widgets.consent-empty-marker": "1",
    "form.widgets.consent:list": "selected",
    "form.buttons.submit": "Wohnung anbieten",
}


@pytest.mark.slow
def test_a_flat_offer_and_a_readers_report_are_counted(portal):
    url, port = portal
    before = scrape(port)

    # a landlord offers a flat through the form, as a browser posts it
    landlord = requests.Session()
    form_url = f"{url}/de/wohnung-anbieten"
    page = landlord.get(form_url, timeout=30)
    assert page.status_code == 200
    available = (date.today() + timedelta(days=20)).isoformat()
    offered = landlord.post(
        form_url,
        data={
            **LANDLORD_FORM,
            "form.widgets.available_from": available,
            "_authenticator": csrf_token(page.text),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert offered.status_code == 302, offered.text[-2000:]
    assert "flat-received?ref=W-" in offered.headers["Location"]

    # a reader reports a problem through the box on an offer's page
    found = requests.get(
        f"{url}/de/@search",
        params={"portal_type": "Offer", "review_state": "published"},
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert found["items"], found
    reader = requests.Session()
    page_url = found["items"][0]["@id"]
    html = reader.get(page_url, timeout=30).text
    assert 'class="ip-feedback-form"' in html
    reported = reader.post(
        f"{page_url}/@@feedback",
        data={
            "form.widgets.reason": "outdated",
            "form.widgets.reason-empty-marker": "1",
            "form.widgets.text": "Die Zeiten stimmen nicht",
            "form.buttons.report": "report",
            "_authenticator": csrf_token(html),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert reported.status_code == 303, reported.text[-2000:]
    after = scrape(port)

    assert grown(before, after, "integrationsportal_housing_submissions_total") == 1
    name = "integrationsportal_feedback_submissions_total"
    assert grown(before, after, name, kind="report") == 1
    assert grown(before, after, name, kind="vote") == 0
    # the form's POST is counted under the form's view, 3xx
    assert (
        grown(
            before,
            after,
            "integrationsportal_http_requests_total",
            portal_type="EasyForm",
            method="POST",
            status="3xx",
        )
        == 1
    )


# ------------------------------------------------------------------ the port


class Log(logging.Handler):
    """What the metrics module logs, while in a ``with`` block (the tests
    run without pytest's logging plugin)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []
        self.logger = logging.getLogger("integrationsportal.metrics")

    def emit(self, record):
        self.lines.append(record.getMessage())

    @property
    def text(self):
        return "\n".join(self.lines)

    def __enter__(self):
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc):
        self.logger.removeHandler(self)


def listening_addresses(port):
    """The local addresses of the sockets listening on ``port``, from the
    kernel's tables (/proc/net/tcp and tcp6): what `ss -ltn` shows."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) != port or fields[3] != "0A":  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # the kernel writes each 32-bit word in host (little-endian) order
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            family = socket.AF_INET if width == 8 else socket.AF_INET6
            found.append(socket.inet_ntop(family, words))
    return found


@pytest.mark.slow
def test_the_port_listens_on_loopback_only(portal):
    _url, port = portal
    assert listening_addresses(port) == ["127.0.0.1"]
    # bound to that one address, not to every address of the machine: even
    # another loopback address finds nobody there
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", port), timeout=5).close()


def test_only_a_loopback_address_is_accepted():
    port = free_port()
    for address in ("0.0.0.0", "::", "10.1.2.3", "portal.example.org"):  # noqa: S104
        settings = metrics.Settings(
            environ={
                "INTEGRATIONSPORTAL_METRICS_PORT": str(port),
                "INTEGRATIONSPORTAL_METRICS_ADDRESS": address,
            }
        )
        with Log() as log:
            assert metrics.start(settings) is None
        assert "INTEGRATIONSPORTAL_METRICS_ADDRESS" in log.text
        assert "loopback address only" in log.text
        assert listening_addresses(port) == []


@pytest.mark.parametrize(
    "port, words",
    [("metrics", "not a port number"), ("70000", "1 to 65535"), ("0", "1 to 65535")],
)
def test_a_wrong_port_setting_is_named(port, words):
    settings = metrics.Settings(environ={}, product_config={"metrics-port": port})
    with Log() as log:
        assert metrics.start(settings) is None
    assert "<product-config integrationsportal> metrics-port" in log.text
    assert words in log.text


def test_no_port_no_server():
    assert metrics.Settings(environ={}).port is None
    assert metrics.start(metrics.Settings(environ={})) is None


def test_a_port_in_use_is_logged_not_raised():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = metrics.Settings(
            environ={"INTEGRATIONSPORTAL_METRICS_PORT": str(port)}
        )
        with Log() as log:
            assert metrics.start(settings) is None
    assert f"cannot listen on 127.0.0.1 port {port} (in use" in log.text
    assert "runs without metrics" in log.text


# ------------------------------------------------------------------ RelStorage


def _relstorage_db(name, blob_dir):
    return ZODB.config.databaseFromString(
        f"""
        %import relstorage
        <zodb main>
          cache-size 1000
          <relstorage>
            keep-history false
            blob-dir {blob_dir}
            shared-blob-dir false
            cache-local-mb 16
            <postgresql>
              dsn {PG_DSN} dbname={name} connect_timeout=5
            </postgresql>
          </relstorage>
        </zodb>
        """
    )


def _postgres():
    try:
        connection = psycopg2.connect(f"{PG_DSN} dbname=postgres connect_timeout=5")
    except Exception as error:  # noqa: BLE001
        if ci():
            raise
        pytest.skip(f"PostgreSQL is not reachable with '{PG_DSN}': {error}")
    connection.autocommit = True
    return connection


@pytest.fixture
def relstorage_db(tmp_path):
    """A ZODB on a real RelStorage in a fresh PostgreSQL database."""
    admin = _postgres()
    name = f"ops_metrics_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = _relstorage_db(name, tmp_path / "blobs")
    try:
        yield db, name, admin
    finally:
        db.close()
        with admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s",
                (name,),
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def collected(collector):
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in collector.collect()
        for sample in family.samples
    }


@pytest.mark.slow
def test_relstorage_cache_and_database_state(relstorage_db):
    db, name, admin = relstorage_db
    collector = metrics.DatabaseCollector(db)
    connection = db.open()
    root = connection.root()
    for n in range(50):
        root[f"item-{n}"] = PersistentMapping(number=n)
    transaction.commit()
    connection.close()

    # a second connection's empty object cache loads the items: from
    # RelStorage's local cache, which kept them when they were written
    first, second = db.open(), db.open()
    items = [second.root()[f"item-{n}"] for n in range(50)]
    assert sum(item["number"] for item in items) == sum(range(50))
    first.close()
    second.close()

    samples = collected(collector)
    assert value(samples, "integrationsportal_zodb_up") == 1
    assert value(samples, "integrationsportal_zodb_loads_total") >= 50
    assert value(samples, "integrationsportal_zodb_stores_total") >= 50
    assert value(samples, "integrationsportal_relstorage_cache_hits_total") >= 50
    assert value(samples, "integrationsportal_relstorage_cache_entries") >= 50
    assert value(samples, "integrationsportal_relstorage_cache_bytes") > 0
    limit = value(samples, "integrationsportal_relstorage_cache_limit_bytes")
    assert limit == 16_000_000
    assert "integrationsportal_relstorage_cache_misses_total" in {n for n, _ in samples}

    # PostgreSQL stops taking this database's connections: down, then up
    with admin.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (name,),
        )
    pooled = len(db.pool.all)
    for _scrape in range(3):
        assert value(collected(collector), "integrationsportal_zodb_up") == 0
    # the failed probes gave their connection back: the pool did not grow
    assert len(db.pool.all) == pooled
    with admin.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert value(collected(collector), "integrationsportal_zodb_up") == 1


# ------------------------------------------------------------------ dashboard


def dashboard_expressions():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    panels = dashboard["panels"]
    return dashboard, [
        (panel["title"], target["expr"])
        for panel in panels
        for target in panel["targets"]
    ]


def test_the_dashboard_is_documented():
    dashboard, expressions = dashboard_expressions()
    assert "metrics.py" in dashboard["description"]
    assert len(expressions) >= 8
    for panel in dashboard["panels"]:
        assert panel["title"] and panel["description"], panel


SUFFIXES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_count", "_sum"),
    "info": ("_info",),
}


@pytest.mark.slow
def test_every_dashboard_expression_names_an_exported_metric(relstorage_db):
    """The names the instance exports: the request and business metrics of
    its registry, and the database's, here of a RelStorage (the cluster's)."""
    db, _name, _admin = relstorage_db
    collectors = (metrics.REGISTRY, metrics.DatabaseCollector(db))
    exported = {
        f"{family.name}{suffix}"
        for collector in collectors
        for family in collector.collect()
        for suffix in SUFFIXES[family.type]
    }
    _dashboard, expressions = dashboard_expressions()
    for title, expr in expressions:
        names = set(re.findall(r"\bintegrationsportal_\w+", expr))
        assert names, (title, expr)
        assert names <= exported, (title, names - exported)


# ------------------------------------------------------------------ the cluster


def test_each_cluster_instance_gets_its_own_metrics_port(monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "cluster_script", ROOT / "scripts" / "cluster.py"
    )
    cluster = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cluster)
    monkeypatch.setenv("INSTANCE_PORTS", "8201,8202")
    monkeypatch.delenv("METRICS_PORTS", raising=False)
    cfg = cluster.settings()
    assert [cluster.metrics_env(cfg, port) for port in (8201, 8202)] == [
        {"INTEGRATIONSPORTAL_METRICS_PORT": "9101"},
        {"INTEGRATIONSPORTAL_METRICS_PORT": "9102"},
    ]
    monkeypatch.setenv("METRICS_PORTS", "")
    cfg = cluster.settings()
    assert cluster.metrics_env(cfg, 8201) == {"INTEGRATIONSPORTAL_METRICS_PORT": ""}
    assert metrics.Settings(environ=cluster.metrics_env(cfg, 8201)).port is None
