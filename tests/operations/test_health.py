"""Health and readiness for real: ``<portal>/@@health`` and ``<portal>/@@ready``
on the embedded portal of `make start`, and on a RelStorage cluster whose
database goes away and comes back, is packed, or whose instance is drained,
with HAProxy taking a not-ready instance out.

The cluster runs in a temporary directory on free ports with its own
database (``ops_health_…``, dropped at the end). Losing the database is done
to this database alone (REVOKE CONNECT and ending its connections), never to
the PostgreSQL server others use. Locally the cluster tests skip when
PostgreSQL, HAProxy or Varnish are missing; under CI that is an error."""

from contextlib import contextmanager
from opscluster import DSN
from opscluster import running_cluster
from opscluster import sql
from pathlib import Path
from support import ROOT
from support import started_portal
import pytest
import requests
import subprocess
import threading
import time
import uuid


pytestmark = pytest.mark.slow

MINIMAL = {"PROFILE": "profiles/minimal.toml"}
HOSTILE_QUERIES = (
    "?checks=../../etc/passwd",
    "?%ff%fe=%00",
    "?a=<script>alert(1)</script>",
    "?-C&status:int=x",
    "/../manage_main",
    "/extra/segments",
)


def wait_status(url, expected, seconds=90):
    """The answer once ``url`` answers ``expected`` (or the last one)."""
    deadline = time.monotonic() + seconds
    response = None
    while time.monotonic() < deadline:
        try:
            response = requests.get(url, timeout=10)
            if response.status_code == expected:
                return response
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return response


def assert_check_answer(response, status, instance_dir=None):
    assert response.status_code == status, response.text[:500]
    assert response.headers["Content-Type"].startswith("application/json")
    assert "no-store" in response.headers.get("Cache-Control", "")
    body = response.json()
    assert set(body) == {"status", "checks"}
    assert body["status"] == ("ok" if status == 200 else "unavailable")
    text = response.text
    # no server paths, no software or versions
    for word in ("/tmp", "/work", "/usr", "Traceback", "Zope", "Python", "RelStorage"):
        assert word not in text, (word, text)
    if instance_dir is not None:
        assert str(instance_dir) not in text
    for name in ("Server", "X-Powered-By"):
        assert name not in response.headers
    return body["checks"]


# ---------------------------------------------------------------- embedded


@pytest.fixture(scope="module")
def portal(instance):
    with started_portal(instance, env=MINIMAL) as url:
        yield url


def test_health_and_ready_answer_200_on_the_running_portal(portal, instance):
    checks = assert_check_answer(requests.get(f"{portal}/@@health", timeout=30), 200)
    assert checks == {"database": "ok", "catalog": "ok"}
    ready = wait_status(f"{portal}/@@ready", 200)
    checks = assert_check_answer(ready, 200, instance)
    assert checks["warmup"] == "done"
    assert checks["packing"] == "no"


def test_checks_are_public_and_never_ask_for_a_login(portal):
    for view in ("@@health", "@@ready"):
        response = requests.get(f"{portal}/{view}", allow_redirects=False, timeout=30)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert "login" not in response.headers.get("Location", "")


def test_bad_query_strings_never_give_a_500(portal):
    for view in ("@@health", "@@ready"):
        for tail in HOSTILE_QUERIES:
            response = requests.get(f"{portal}/{view}{tail}", timeout=30)
            assert response.status_code < 500 or response.status_code == 503, (
                view,
                tail,
                response.status_code,
            )
            assert "Traceback" not in response.text
        response = requests.post(
            f"{portal}/{view}", data={"x": "1" * 10000}, timeout=30
        )
        assert response.status_code < 500, (view, response.status_code)


def test_a_drained_instance_is_not_ready_but_healthy(portal, instance):
    fallback = f"{portal}/@@ready?fallback=1"
    assert_check_answer(requests.get(fallback, timeout=30), 200)
    drain = Path(instance) / "var" / "drain"
    drain.touch()
    try:
        checks = assert_check_answer(requests.get(f"{portal}/@@ready", timeout=30), 503)
        assert checks["drain"] == "yes"
        # HAProxy's fallback backend (no instance ready) keeps it out too
        checks = assert_check_answer(requests.get(fallback, timeout=30), 503)
        assert checks["drain"] == "yes"
        assert_check_answer(requests.get(f"{portal}/@@health", timeout=30), 200)
    finally:
        drain.unlink()
    assert_check_answer(requests.get(f"{portal}/@@ready", timeout=30), 200)
    assert_check_answer(requests.get(fallback, timeout=30), 200)


# ---------------------------------------------------------------- cluster


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with running_cluster(tmp_path_factory.mktemp("cluster"), "checks") as running:
        yield running


@contextmanager
def database_lost(cluster):
    """The cluster's database refuses connections and its open ones end;
    the PostgreSQL server and every other database go on."""
    name = cluster.db
    sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    ends = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
    sql(f"{ends} WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    try:
        yield
    finally:
        sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def until(condition, seconds=60, step=0.5):
    """Polls ``condition`` until it is true (its value) or the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)


def balancer_lines(cluster, prefix, count=4):
    """``count`` requests for /de through HAProxy; HAProxy's log line of
    each (which backend, which server), once all are logged."""
    ids = [f"{prefix}-{uuid.uuid4().hex[:16]}" for _ in range(count)]
    for rid in ids:
        requests.get(
            f"{cluster.balancer}/de", headers={"X-Request-ID": rid}, timeout=30
        )

    def logged():
        lines = {
            line["request_id"]: line
            for line in cluster.haproxy_log()
            if isinstance(line, dict) and line.get("request_id") in ids
        }
        return [lines[rid] for rid in ids] if len(lines) == len(ids) else None

    found = until(logged, seconds=30, step=0.2)
    assert found, f"HAProxy did not log the requests {ids}"
    return found


def test_cluster_instances_are_healthy_and_ready(cluster):
    for base in (*cluster.instances, cluster.balancer, cluster.cache):
        for view in ("@@health", "@@ready"):
            response = requests.get(f"{base}/{view}", timeout=30)
            checks = assert_check_answer(response, 200, cluster.dir)
            assert checks["database"] == "ok", (base, view)


def test_a_lost_database_gives_503_and_its_return_200(cluster):
    with database_lost(cluster):
        for base in cluster.instances:
            for view in ("@@health", "@@ready"):
                response = requests.get(f"{base}/{view}", timeout=60)
                checks = assert_check_answer(response, 503, cluster.dir)
                assert checks["database"] == "failed", (base, view, checks)
        # the balancer has no instance to send visitors to
        response = wait_status(f"{cluster.balancer}/@@health", 503, seconds=30)
        assert response.status_code == 503
    for base in cluster.instances:
        for view in ("@@health", "@@ready"):
            response = wait_status(f"{base}/{view}", 200, seconds=60)
            assert_check_answer(response, 200, cluster.dir)
    assert wait_status(f"{cluster.balancer}/de", 200, seconds=30).status_code == 200


def test_not_ready_while_the_database_is_packed(cluster):
    """`make pack`'s script for real. The test holds the table that the pack
    fills first, so the pack waits inside: long enough to look."""
    import psycopg2

    blocker = psycopg2.connect(f"{DSN} dbname={cluster.db}")
    cursor = blocker.cursor()
    cursor.execute("LOCK TABLE pack_object IN ACCESS EXCLUSIVE MODE")
    pack = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "zconsole"), "run",
            str(cluster.instance_dirs[0] / "zope.conf"),
            str(ROOT / "scripts" / "pack.py"),
        ],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        for base in cluster.instances:
            response = wait_status(f"{base}/@@ready", 503, seconds=120)
            checks = assert_check_answer(response, 503, cluster.dir)
            assert checks["packing"] == "yes"
            assert_check_answer(requests.get(f"{base}/@@health", timeout=30), 200)
        # no instance is ready: HAProxy's fallback backend serves visitors,
        # but not from the instance the operator drained
        drain = cluster.instance_dirs[0] / "var" / "drain"
        drain.touch()
        try:

            def fallback_to_b():
                lines = balancer_lines(cluster, "ops-pack")
                return all(
                    line["status"] == 200
                    and line["backend"] == "zope_healthy"
                    and line["server"] == "zope2"
                    for line in lines
                )

            assert until(fallback_to_b, seconds=60), cluster.haproxy_log()[-8:]
        finally:
            drain.unlink()
    finally:
        blocker.rollback()
        blocker.close()
        output, _ = pack.communicate(timeout=300)
    assert pack.returncode == 0, output[-3000:]
    assert "Packed" in output
    for base in cluster.instances:
        assert_check_answer(wait_status(f"{base}/@@ready", 200), 200)


def _served_by(cluster, ids):
    """For each instance, which of the request ids it logged."""
    return [
        {line["request_id"] for line in cluster.access_log(n) if isinstance(line, dict)}
        & ids
        for n in range(len(cluster.instance_dirs))
    ]


def test_haproxy_takes_an_instance_out_while_it_is_not_ready(cluster):
    drain = cluster.instance_dirs[0] / "var" / "drain"
    drain.touch()
    try:
        assert wait_status(f"{cluster.instances[0]}/@@ready", 503).status_code == 503
        # HAProxy checks every 2 s, 2 failures take it out
        assert until(
            lambda: all(
                line["server"] == "zope2"
                for line in balancer_lines(cluster, "ops-health-wait")
            )
        ), "HAProxy kept sending visitors to the drained instance"
        ids = {f"ops-health-out-{n:04d}" for n in range(12)}
        for rid in sorted(ids):
            response = requests.get(
                f"{cluster.balancer}/de", headers={"X-Request-ID": rid}, timeout=30
            )
            assert response.status_code == 200
        # all twelve logged (by one instance or the other): then look
        assert until(lambda: set().union(*_served_by(cluster, ids)) == ids, 30)
        on_a, on_b = _served_by(cluster, ids)
        assert not on_a, "a drained instance still got visitors"
        assert on_b == ids
    finally:
        drain.unlink()
    # one good check brings it back
    assert until(
        lambda: any(
            line["server"] == "zope1"
            for line in balancer_lines(cluster, "ops-health-back")
        )
    ), "the instance did not come back after it was ready again"


# ---------------------------------------------------------------- readers


OUTAGE_TITLES = {
    "de": "Das Portal ist kurz nicht erreichbar",
    "ar": "البوابة غير متاحة لفترة قصيرة",
    "fa": "پورتال برای مدت کوتاهی در دسترس نیست",
}


def assert_outage_page(response, lang, cluster):
    """What a reader sees while the database is away: 503 that says when to
    come back, in the reader's language and writing direction, uncached,
    without anything of the server behind it."""
    assert response.status_code == 503, response.text[:300]
    assert response.headers["Retry-After"] == "10"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Type"].startswith("text/html")
    text = response.text
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in text
    assert f"<title>{OUTAGE_TITLES[lang]}</title>" in text
    for word in ("Traceback", "OperationalError", "psycopg2", "Internal Server Error"):
        assert word not in text, word
    assert str(cluster.dir) not in text


def test_readers_get_a_page_in_their_language_while_the_database_is_away(cluster):
    with database_lost(cluster):
        for lang in OUTAGE_TITLES:
            response = requests.get(f"{cluster.instances[1]}/{lang}/", timeout=60)
            assert_outage_page(response, lang, cluster)
        # the REST API answers in plone.restapi's error shape
        answer = requests.get(
            f"{cluster.instances[1]}/ar/@search",
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert answer.status_code == 503
        assert answer.json() == {
            "type": "ServiceUnavailable",
            "message": "لا تستطيع البوابة الوصول إلى بياناتها في هذه اللحظة. "
            "عادةً ما يزول ذلك خلال دقيقة. يُرجى المحاولة مرة أخرى بعد قليل.",
        }
        # a form that was sent is not sent again, and says it was not saved
        sent = requests.post(
            f"{cluster.instances[1]}/de/@@search", data={"q": "Kurs"}, timeout=60
        )
        assert sent.status_code == 503
        assert "wurde nicht gespeichert" in sent.text
        assert "Zurück zum Formular" in sent.text
        # once HAProxy has no healthy instance left it still hands readers
        # to an instance (backend zope_any), not its own English error page

        def through_last_resort():
            rid = f"ops-outage-{uuid.uuid4().hex[:16]}"
            page = requests.get(
                f"{cluster.balancer}/fa/", headers={"X-Request-ID": rid}, timeout=60
            )
            assert_outage_page(page, "fa", cluster)
            time.sleep(0.5)
            return any(
                isinstance(line, dict)
                and line.get("request_id") == rid
                and line.get("backend") == "zope_any"
                for line in cluster.haproxy_log()
            )

        assert until(through_last_resort, seconds=40), (
            "HAProxy never used its last-resort backend"
        )
        # an instance the operator drained stays out even then
        drain = cluster.instance_dirs[0] / "var" / "drain"
        drain.touch()
        try:
            assert until(
                lambda: all(
                    line["server"] == "zope2" and line["backend"] == "zope_any"
                    for line in balancer_lines(cluster, "ops-outage-drained")
                ),
                seconds=40,
            ), "HAProxy sent readers to a drained instance"
        finally:
            drain.unlink()
    assert wait_status(f"{cluster.balancer}/de", 200, seconds=60).status_code == 200


def _later_tries(cluster, n):
    metrics = requests.get(
        f"http://127.0.0.1:{cluster.env['METRICS_PORTS'].split(',')[n]}/metrics",
        timeout=10,
    ).text
    for line in metrics.splitlines():
        if line.startswith(
            "integrationsportal_database_unavailable_answers_total"
            '{outcome="served_on_a_later_try"}'
        ):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_a_page_asked_for_while_the_database_restarts_is_served(cluster):
    """The database comes back while a reader's request waits: the instance
    tries again and the reader gets the page, not an error."""
    event_log = cluster.instance_dirs[0] / "var" / "log" / "event.log"
    met = 'on GET "/Plone/en/"; trying again'
    met_before = event_log.read_text().count(met)
    before = _later_tries(cluster, 0)
    # the instance serves (an earlier outage is over for it too) ...
    assert wait_status(f"{cluster.instances[0]}/en/", 200).status_code == 200
    answers = []
    with database_lost(cluster):
        waiting = threading.Thread(
            target=lambda: answers.append(
                requests.get(f"{cluster.instances[0]}/en/", timeout=60)
            )
        )
        waiting.start()
        # back as soon as the instance has met the outage once
        assert until(
            lambda: event_log.read_text().count(met) > met_before,
            seconds=20,
            step=0.05,
        ), "the instance did not meet the lost database"
    waiting.join(60)
    assert answers and answers[0].status_code == 200, answers
    assert 'lang="en"' in answers[0].text
    assert _later_tries(cluster, 0) == before + 1


def _page_time_in_cache(cluster, seconds):
    """plone.app.caching's time for pages in the proxy, set over REST as an
    operator would."""
    response = requests.patch(
        f"{cluster.balancer}/@registry",
        json={"plone.app.caching.moderateCaching.smaxage": seconds},
        headers={"Accept": "application/json"},
        auth=(cluster.env["ADMIN_USER"], cluster.env["ADMIN_PASSWORD"]),
        timeout=30,
    )
    assert response.status_code == 204, response.text[:300]


def test_varnish_keeps_giving_out_pages_while_the_database_is_away(cluster):
    """A page whose time in Varnish ran out is still given out while the
    database is away: after the failed fetch Varnish takes the page it holds
    (up to an hour past its time), and failed background fetches keep it."""
    _page_time_in_cache(cluster, 2)
    try:
        # an address of its own: no page cached by another test for 600 s
        page = f"{cluster.cache}/en/?grace={uuid.uuid4().hex[:8]}"
        first = requests.get(page, timeout=30)
        assert first.status_code == 200 and first.headers["X-Cache"] == "MISS"
        cached = requests.get(page, timeout=30)
        assert cached.headers["X-Cache"] == "HIT"
        # its 2 s are over, and the 10 s in which Varnish gives out an
        # expired page anyway (while it fetches it anew) too
        time.sleep(14)
        with database_lost(cluster):
            for _ in range(3):
                stale = requests.get(page, timeout=60)
                assert stale.status_code == 200, stale.text[:300]
                assert stale.headers["X-Cache"] == "HIT"
                assert int(stale.headers["Age"]) >= 14
                assert 'lang="en"' in stale.text
                time.sleep(1.5)  # a background fetch failed meanwhile
            # a page Varnish never held cannot be served: the reader gets
            # the instance's page in the reader's language
            assert_outage_page(
                requests.get(f"{cluster.cache}/de/?nie-gesehen=1", timeout=60),
                "de",
                cluster,
            )
    finally:
        assert wait_status(f"{cluster.balancer}/de", 200).status_code == 200
        _page_time_in_cache(cluster, 600)
