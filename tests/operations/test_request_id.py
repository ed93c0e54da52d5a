"""Request ids and JSON access logs for real: one request through Varnish,
HAProxy and an instance carries one id, which all three logs name; a plain
id the client brings is kept; a hostile one is replaced, never logged, never
a 500. The embedded portal of `make start` (no proxy in front) makes the id
itself. No log line holds the client's address or the query string."""

from opscluster import running_cluster
from requests.structures import CaseInsensitiveDict
from support import started_portal
import json
import pytest
import re
import requests
import socket
import time
import urllib.parse
import uuid


pytestmark = pytest.mark.slow

MINIMAL = {"PROFILE": "profiles/minimal.toml"}
PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
HOSTILE = {
    "long": "a" * 100_000,
    "markup": "<script>alert('id')</script>",
    "non-ascii": "äöü-Ωmega-請求-12345678",
    "spaces": "abc def ghi jkl",
    "too short": "abc",
}
SECRET_QUERY = "SearchableText=Mustermann&token=geheim123"


def raw_get(port, path, header_lines):
    """A GET over a plain socket, with header lines as given (CR LF inside
    a value is what no client library lets through). The status, or None
    when the server closed the connection without one."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        + "".join(f"{line}\r\n" for line in header_lines)
        + "Connection: close\r\n\r\n"
    ).encode("utf-8")
    with socket.create_connection(("127.0.0.1", int(port)), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass  # a proxy refused the request and closed before reading it all
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    match = re.match(r"HTTP/1\.[01] (\d{3})", head)
    headers = CaseInsensitiveDict(
        line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line
    )
    return (int(match.group(1)) if match else None), headers


def head_of(headers):
    return "\n".join(f"{name}: {value}" for name, value in headers.items())


def json_lines(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def lines_with(lines, rid):
    return [line for line in lines if line.get("request_id") == rid]


def no_trace_of(text, *values):
    for value in values:
        assert value not in text, value[:80]


# ---------------------------------------------------------------- embedded


@pytest.fixture(scope="module")
def portal(instance):
    with started_portal(instance, env=MINIMAL) as url:
        yield url


def access_log(instance):
    return instance / "var" / "log" / "access.json.log"


def wait_line(path, rid, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = lines_with(json_lines(path), rid)
        if found:
            return found
        time.sleep(0.2)
    return []


def test_the_embedded_portal_makes_an_id_and_logs_one_json_line(portal, instance):
    response = requests.get(
        f"{portal}/de?{SECRET_QUERY}",
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
        timeout=30,
    )
    assert response.status_code == 200
    rid = response.headers["X-Request-ID"]
    assert PLAIN.fullmatch(rid)
    (line,) = wait_line(access_log(instance), rid)
    assert line["method"] == "GET"
    assert line["path"] == "/Plone/de"
    assert line["status"] == 200
    # the bytes sent: compressed, as on the wire
    assert line["bytes"] == int(response.headers["Content-Length"])
    assert line["duration_ms"] >= 0
    assert line["agent"] == "browser"
    assert line["login"] is False
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
    # no address, no query string, no full user agent
    text = access_log(instance).read_text(encoding="utf-8")
    no_trace_of(text, "127.0.0.1", "Mustermann", "geheim123", "Firefox")
    # each request its own id
    again = requests.get(f"{portal}/de", timeout=30)
    assert again.headers["X-Request-ID"] != rid


def test_a_plain_id_is_kept_and_views_are_named(portal, instance):
    rid = "ops-kept-0001-abcdef"
    response = requests.get(
        f"{portal}/@@health", headers={"X-Request-ID": rid}, timeout=30
    )
    assert response.headers["X-Request-ID"] == rid
    (line,) = wait_line(access_log(instance), rid)
    assert line["view"] == "@@health"
    assert line["agent"] == "script"


def test_user_names_and_reset_tokens_never_reach_the_log(portal, instance):
    token = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    paths = {
        f"/Plone/passwordreset/{token}": "/Plone/passwordreset/…",
        "/Plone/author/erika.mustermann": "/Plone/author/…",
    }
    for path, logged in paths.items():
        rid = f"ops-private-{uuid.uuid4().hex[:12]}"
        response = requests.get(
            f"{portal.removesuffix('/Plone')}{path}",
            headers={"X-Request-ID": rid},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code < 500, (path, response.status_code)
        (line,) = wait_line(access_log(instance), rid)
        assert line["path"] == logged, line
    no_trace_of(access_log(instance).read_text(encoding="utf-8"), token, "erika")


def test_a_path_with_umlauts_is_logged_as_it_reads(portal, instance):
    rid = "ops-umlaut-000000001"
    response = requests.get(
        f"{portal}/de/Ärger", headers={"X-Request-ID": rid}, timeout=30
    )
    assert response.status_code < 500
    (line,) = wait_line(access_log(instance), rid)
    assert line["path"] == "/Plone/de/Ärger"


def test_a_hostile_id_is_replaced_and_never_logged(portal, instance):
    port = urllib.parse.urlsplit(portal).port
    for name, value in HOSTILE.items():
        response = requests.get(
            f"{portal}/de",
            headers={"X-Request-ID": value.encode("utf-8")},
            timeout=30,
        )
        assert response.status_code == 200, name
        assert response.headers["X-Request-ID"] != value, name
        assert PLAIN.fullmatch(response.headers["X-Request-ID"]), name
    # a line break inside the value (an obsolete line folding) and two ids
    for lines in (
        ["X-Request-ID: ops-crlf-00000001", " <b>injected</b>: yes"],
        ["X-Request-ID: ops-twice-0000001", "X-Request-ID: ops-twice-0000002"],
    ):
        status, headers = raw_get(port, "/Plone/de", lines)
        assert status is None or status < 500, lines
        if status == 200:
            assert headers.get("X-Request-ID"), head_of(headers)
            assert headers["X-Request-ID"] not in (
                "ops-crlf-00000001",
                "ops-twice-0000001",
                "ops-twice-0000002",
            )
    # a last request: once its line is there, the lines before it are too
    marker = f"ops-marker-{uuid.uuid4().hex[:12]}"
    requests.get(f"{portal}/de", headers={"X-Request-ID": marker}, timeout=30)
    assert wait_line(access_log(instance), marker, seconds=30)
    text = access_log(instance).read_text(encoding="utf-8")
    no_trace_of(
        text, "aaaaaaaaaa", "<script", "Ωmega", "abc def", "injected", "ops-twice"
    )
    for line in text.splitlines():
        assert PLAIN.fullmatch(json.loads(line)["request_id"])


# ---------------------------------------------------------------- cluster


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with running_cluster(
        tmp_path_factory.mktemp("cluster"), "ids", instances=1
    ) as running:
        yield running


def wait_lines(read, rid, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [line for line in read() if isinstance(line, dict)]
        found = lines_with(found, rid)
        if found:
            return found
        time.sleep(0.3)
    return []


def test_one_id_through_varnish_haproxy_and_the_instance(cluster):
    response = requests.get(f"{cluster.cache}/de?{SECRET_QUERY}", timeout=30)
    assert response.status_code == 200
    rid = response.headers["X-Request-ID"]
    assert PLAIN.fullmatch(rid)
    (instance_line,) = wait_lines(lambda: cluster.access_log(0), rid)
    (haproxy_line,) = wait_lines(cluster.haproxy_log, rid)
    (varnish_line,) = wait_lines(cluster.varnish_log, rid)
    assert instance_line["path"] == haproxy_line["path"] == varnish_line["path"]
    assert instance_line["status"] == haproxy_line["status"] == varnish_line["status"]
    assert haproxy_line["server"] == "zope1"
    for path in (
        cluster.dir / "haproxy.log",
        cluster.dir / "varnish.log",
        cluster.instance_dirs[0] / "var" / "log" / "access.json.log",
    ):
        no_trace_of(
            path.read_text(encoding="utf-8"), "Mustermann", "geheim123", "127.0.0.1"
        )


def test_a_cached_answer_names_its_own_request(cluster):
    first = requests.get(f"{cluster.cache}/de", timeout=30)
    second = requests.get(f"{cluster.cache}/de", timeout=30)
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert wait_lines(cluster.varnish_log, second.headers["X-Request-ID"])


def test_the_client_id_is_kept_through_the_chain(cluster):
    rid = "ops-chain-kept-000042"
    for base in (cluster.cache, cluster.balancer):
        response = requests.get(f"{base}/de", headers={"X-Request-ID": rid}, timeout=30)
        assert response.headers["X-Request-ID"] == rid
    assert len(wait_lines(lambda: cluster.access_log(0), rid)) >= 1
    assert wait_lines(cluster.varnish_log, rid)
    assert wait_lines(cluster.haproxy_log, rid)


def test_a_hostile_id_is_replaced_at_every_door(cluster):
    port_of = {
        "cache": cluster.env["CACHE_PORT"],
        "balancer": cluster.env["LB_PORT"],
    }
    for door, port in port_of.items():
        for name, value in HOSTILE.items():
            status, headers = raw_get(port, "/Plone/de", [f"X-Request-ID: {value}"])
            # too large for the proxy's header limit: refused (a 400, or the
            # connection closed), never a 500
            assert status is None or status < 500, (door, name, status)
            if status == 200:
                assert headers["X-Request-ID"] != value, (door, name)
                assert PLAIN.fullmatch(headers["X-Request-ID"]), (door, name)
        for lines in (
            ["X-Request-ID: ops-crlf-00000001", " <b>injected</b>: yes"],
            ["X-Request-ID: ops-twice-0000001", "X-Request-ID: ops-twice-0000002"],
        ):
            status, headers = raw_get(port, "/Plone/de", lines)
            assert status is not None and status < 500, (door, lines, status)
            if status == 200:
                assert "ops-twice" not in headers["X-Request-ID"], (door, lines)
    # a last request through the chain: once every log has its line, the
    # lines of the requests before it are written too
    marker = f"ops-marker-{uuid.uuid4().hex[:12]}"
    # (an address of its own: never in the cache, it reaches the instance)
    requests.get(
        f"{cluster.cache}/de/{marker}", headers={"X-Request-ID": marker}, timeout=30
    )
    assert wait_lines(lambda: cluster.access_log(0), marker, seconds=60)
    assert wait_lines(cluster.haproxy_log, marker, seconds=60)
    assert wait_lines(cluster.varnish_log, marker, seconds=60)
    for path in (
        cluster.dir / "haproxy.log",
        cluster.dir / "varnish.log",
        cluster.instance_dirs[0] / "var" / "log" / "access.json.log",
    ):
        no_trace_of(
            path.read_text(encoding="utf-8", errors="replace"),
            "aaaaaaaaaa", "<script", "Ωmega", "abc def", "injected", "ops-twice",
        )  # fmt: skip
