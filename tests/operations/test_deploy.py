"""The shipped operations files of deploy/ (scripts/deploy_units.py renders
them), checked with the tools that run them:

- the systemd units pass `systemd-analyze verify` without a single remark,
  and HAProxy and Varnish start with their units' command lines;
- nginx as the TLS front: http answers 301 to https with path and query,
  HSTS, no TLS 1.0/1.1, no version in any header, X-Forwarded-* and
  X-Request-ID reach the back end, and the portal's pages link to https
  addresses of the public host (Zope's VirtualHostMonster);
- logrotate rotates the instances' logs while a writer keeps them open.

Everything runs in temporary folders on free ports, without root and without
systemd as PID 1. Locally a missing tool skips its test; under CI
(CI=true) that is an error.
"""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from support import ci
from support import free_port
from support import ROOT
from support import started_portal
import getpass
import http.client
import json
import logging
import os
import pytest
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time


pytestmark = pytest.mark.slow

PYTHON = ROOT / ".venv" / "bin" / "python"
UNITS = "etc/systemd/system"


def require(tool):
    path = shutil.which(tool) or (
        f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists() else None
    )
    if path is None:
        if ci():
            raise AssertionError(f"{tool} is missing (make system-packages TESTS=1)")
        pytest.skip(f"{tool} is missing (sudo make system-packages TESTS=1)")
    return path


def render(root, *options, env=None):
    """deploy_units.py render into ``root``: the files it wrote."""
    result = subprocess.run(
        [str(PYTHON), "scripts/deploy_units.py", "render", "--root", str(root),
         "--prefix", str(ROOT), "--data", str(root / "data"),
         "--user", getpass.getuser(), *options],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return root


def exec_start(unit_file):
    """The ExecStart= command line of a rendered unit, as argv."""
    line = next(
        line for line in unit_file.read_text().splitlines()
        if line.startswith("ExecStart=")
    )  # fmt: skip
    return shlex.split(line.split("=", 1)[1])


# ---------------------------------------------------------------- systemd


def test_systemd_units_verify_without_a_remark(tmp_path):
    analyze = require("systemd-analyze")
    render(tmp_path)
    units = tmp_path / UNITS
    files = sorted(units.glob("integrationsportal*"))
    names = {path.name for path in files}
    assert {
        "integrationsportal-instance@.service",
        "integrationsportal-haproxy.service",
        "integrationsportal-varnish.service",
        "integrationsportal.target",
        "integrationsportal-backup.service",
        "integrationsportal-backup.timer",
    } <= names
    # a template is checked through an instance of it (a, as the target wants)
    instance = units / "integrationsportal-instance@a.service"
    shutil.copy(units / "integrationsportal-instance@.service", instance)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *map(str, [*files, instance])],
        cwd=units,
        capture_output=True,
        text=True,
        timeout=60,
    )
    remarks = [
        line for line in (result.stdout + result.stderr).splitlines() if line.strip()
    ]
    assert result.returncode == 0 and remarks == [], "\n".join(remarks)


def test_units_run_what_make_cluster_runs(tmp_path):
    render(tmp_path, env={"INSTANCE_PORTS": "8201,8202,8203", "KEEP": "9"})
    units = tmp_path / UNITS
    data = tmp_path / "data"
    argv = exec_start(units / "integrationsportal-instance@.service")
    assert argv == [
        str(ROOT / ".venv" / "bin" / "runwsgi"),
        f"{data}/instance-%i/zope.ini",
        "http_host=127.0.0.1",
        "http_port=${HTTP_PORT}",
    ]
    target = (units / "integrationsportal.target").read_text()
    for name in "abc":
        assert f"integrationsportal-instance@{name}.service" in target
    assert "integrationsportal-instance@d.service" not in target
    assert "integrationsportal-varnishncsa.service" in target
    # Varnish's request log as `make cluster` writes it, to the journal
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster
    import deploy_units

    ncsa = units / "integrationsportal-varnishncsa.service"
    argv = [arg.replace("%%", "%") for arg in exec_start(ncsa)]
    assert argv[1:] == [
        "-n", f"{data}/varnish", "-t", "off", "-j", "-F", cluster.VARNISH_LOG_FORMAT
    ]  # fmt: skip
    assert "BindsTo=integrationsportal-varnish.service" in ncsa.read_text()
    # each instance's metrics port, as METRICS_PORTS of `make cluster`
    cfg = {"ports": [8201, 8202, 8203]}
    envs = [deploy_units.instance_env(cfg, [9101, 9102], name) for name in "abc"]
    assert envs == [
        "HTTP_PORT=8201\nINTEGRATIONSPORTAL_METRICS_PORT=9101\n",
        "HTTP_PORT=8202\nINTEGRATIONSPORTAL_METRICS_PORT=9102\n",
        "HTTP_PORT=8203\nINTEGRATIONSPORTAL_METRICS_PORT=\n",
    ]
    backup = (units / "integrationsportal-backup.service").read_text()
    assert "KEEP=9" in backup and "STORAGE=relstorage" in backup
    # the scripts themselves, not make (which may install and rewrite files)
    venv = ROOT / ".venv" / "bin"
    assert exec_start(units / "integrationsportal-backup.service") == [
        str(venv / "python"), str(ROOT / "scripts" / "backup.py"), "backup"
    ]  # fmt: skip
    for kind in ("housing", "feedback"):
        argv = exec_start(units / f"integrationsportal-{kind}-retention.service")
        assert argv == [
            str(venv / "zconsole"), "run", f"{data}/instance-a/zope.conf",
            str(ROOT / "scripts" / f"{kind}_retention.py"),
        ]  # fmt: skip
    # the database address is not in the unit (systemctl show tells everyone)
    assert "PG_DSN" not in backup.replace("PG_DSN comes from", "")
    assert f"EnvironmentFile={data}/backup.env" in backup
    assert deploy_units.backup_env({"dsn": 'host=db user="x"'}) == (
        'PG_DSN="host=db user=\\"x\\""\n'
    )
    for unit in ("instance@", "haproxy", "varnish", "varnishncsa", "backup"):
        text = (units / f"integrationsportal-{unit}.service").read_text()
        user = getpass.getuser()
        assert f"User={user}" in text and "ProtectSystem=strict" in text
        assert "NoNewPrivileges=yes" in text and "PrivateTmp=yes" in text


def _answers(port, timeout=60):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/Plone")
            return connection.getresponse().status
        except OSError:
            time.sleep(0.3)
    return None


def test_haproxy_and_varnish_start_with_their_units_command_lines(tmp_path):
    """The proxies' units start them in the foreground (systemd supervises
    them) with the configurations scripts/cluster.py writes; with no Zope
    behind them they answer 503, each from its own port."""
    require("haproxy")
    require("varnishd")
    cache_port, lb_port = free_port(), free_port()
    env = {
        "CACHE_PORT": str(cache_port),
        "LB_PORT": str(lb_port),
        "INSTANCE_PORTS": f"{free_port()},{free_port()}",
    }
    render(tmp_path, env=env)
    data = tmp_path / "data"
    data.mkdir()
    (data / "varnish").mkdir()
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster

    old = dict(os.environ)
    os.environ.update(env)
    try:
        cfg = {**cluster.settings(), "dir": data}
    finally:
        os.environ.clear()
        os.environ.update(old)
    cluster.write_proxies(cfg)
    processes = []
    try:
        for unit in ("haproxy", "varnish"):
            argv = exec_start(tmp_path / UNITS / f"integrationsportal-{unit}.service")
            processes.append(
                subprocess.Popen(
                    argv,
                    stdout=(tmp_path / f"{unit}.log").open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        assert _answers(lb_port) == 503, (tmp_path / "haproxy.log").read_text()
        assert _answers(cache_port) == 503, (tmp_path / "varnish.log").read_text()
        ncsa = tmp_path / "varnishncsa.log"
        processes.append(
            subprocess.Popen(
                [
                    require("varnishncsa"),
                    "-n",
                    str(data / "varnish"),
                    "-a",
                    "-w",
                    str(ncsa),
                    "-j",
                    "-F",
                    cluster.VARNISH_LOG_FORMAT,
                ],
                start_new_session=True,
            )  # fmt: skip
        )
        time.sleep(1)  # varnishncsa attaches to the running Varnish
        # neither log keeps a password-reset token, a user id or a query
        secret = "/passwordreset/abcdef123?userid=x"
        for port in (lb_port, cache_port):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", secret)
            connection.getresponse().read()
            connection.close()
        for log in (tmp_path / "haproxy.log", ncsa):
            for _ in range(50):
                if "passwordreset" in log.read_text():
                    break
                time.sleep(0.1)
            text = log.read_text()
            paths = [
                json.loads(line)["path"]
                for line in text.splitlines()
                if line.startswith("{")
            ]
            assert "/passwordreset/-" in paths, (log.name, text)
            assert "abcdef123" not in text and "userid" not in text, text
        # PURGE: Plone's own (no X-Forwarded-For) is taken; one that came
        # through a proxy on this machine (nginx) carries one and is refused
        for headers, status in (({}, 200), ({"X-Forwarded-For": "127.0.0.1"}, 405)):
            connection = http.client.HTTPConnection("127.0.0.1", cache_port, timeout=10)
            connection.request(
                "PURGE",
                "/VirtualHostBase/https/x/Plone/VirtualHostRoot/de",
                headers=headers,
            )
            assert connection.getresponse().status == status, headers
            connection.close()
        for process in processes:
            assert process.poll() is None, "a proxy left the foreground"
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def test_varnish_keeps_the_language_cookie_for_the_root_behind_nginx(
    tmp_path, echo_port
):
    """The portal root opens the reader's chosen language: Varnish passes
    the I18N_LANGUAGE cookie for the root, also in the VirtualHostMonster
    form every address has behind nginx; elsewhere no cookie reaches Plone."""
    varnishd = require("varnishd")
    cache_port = free_port()
    data = tmp_path / "data"
    (data / "varnish").mkdir(parents=True)
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster

    cfg = {**cluster.settings(), "dir": data}
    cfg.update(cache_port=cache_port, lb_port=echo_port)
    cluster.write_proxies(cfg)
    process = subprocess.Popen(
        [varnishd, "-F", "-n", str(data / "varnish"), "-a", f"127.0.0.1:{cache_port}",
         "-f", str(data / "varnish.vcl"), "-s", "malloc,16m", "-T", "127.0.0.1:0",
         "-j", "none"],
        stdout=(tmp_path / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    root = "/VirtualHostBase/https/portal.example.de/Plone/VirtualHostRoot"
    try:
        assert _answers(cache_port) == 200, (tmp_path / "varnish.log").read_text()
        for path, cookie in (
            (root + "/", "I18N_LANGUAGE=ar"),
            (root, "I18N_LANGUAGE=ar"),
            ("/Plone", "I18N_LANGUAGE=ar"),
            (root + "/de/angebote", None),
        ):
            connection = http.client.HTTPConnection("127.0.0.1", cache_port, timeout=10)
            connection.request(
                "GET", path, headers={"Cookie": "x=1; I18N_LANGUAGE=ar; __utm=2"}
            )
            seen = json.loads(connection.getresponse().read())
            connection.close()
            assert seen["path"] == path
            assert seen["headers"].get("Cookie") == cookie, path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


# ---------------------------------------------------------------- nginx


class Echo(BaseHTTPRequestHandler):
    """Stands in for Varnish: answers any method with what reached it, and
    keeps the method and path of every request (``seen``)."""

    seen = []

    def do_GET(self):
        Echo.seen.append((self.command, self.path))
        body = json.dumps({"path": self.path, "headers": dict(self.headers)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET
    do_PURGE = do_PROPFIND = do_TRACE = do_BAN = do_GET

    def log_message(self, *args):
        pass


def certificate(folder):
    openssl = require("openssl")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


class Nginx:
    """nginx with the rendered site, in ``folder``, on free ports."""

    def __init__(self, folder, upstream_port):
        self.binary = require("nginx")
        self.folder = folder
        self.http, self.https = free_port(), free_port()
        cert, key = certificate(folder)
        self.certificate = cert
        (folder / "logs").mkdir()
        render(
            folder,
            "--server-name", "localhost",
            "--http-port", str(self.http), "--https-port", str(self.https),
            "--certificate", str(cert), "--certificate-key", str(key),
            "--nginx-log-dir", str(folder / "logs"),
            "--acme-root", str(folder / "acme"),
            env={"CACHE_PORT": str(upstream_port)},
        )  # fmt: skip
        site = folder / "etc/nginx/sites-available/integrationsportal.conf"
        # the main configuration of Debian's nginx.conf, shrunk to a folder
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf = folder / "nginx.conf"
        self.conf.write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\n"
            f"error_log {folder}/logs/error.log;\n"
            "events { worker_connections 64; }\n"
            "http {\n"
            f"    client_body_temp_path {folder}/body;\n"
            f"    proxy_temp_path {folder}/proxy;\n"
            f"    fastcgi_temp_path {folder}/fastcgi;\n"
            f"    uwsgi_temp_path {folder}/uwsgi;\n"
            f"    scgi_temp_path {folder}/scgi;\n"
            f"    access_log {folder}/logs/access.log;\n"
            f"    include {site};\n"
            "}\n"
        )
        base = [self.binary, "-p", str(folder), "-c", str(self.conf)]
        check = subprocess.run(
            [*base, "-t"], capture_output=True, text=True, timeout=60
        )
        assert check.returncode == 0, check.stderr
        warnings = [line for line in check.stderr.splitlines() if "[warn]" in line]
        assert warnings == [], "\n".join(warnings)
        subprocess.run([*base], check=True, timeout=60)
        self.base = base
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.https), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)

    def stop(self):
        subprocess.run([*self.base, "-s", "quit"], timeout=60)
        for _ in range(100):
            if not (self.folder / "nginx.pid").exists():
                break
            time.sleep(0.1)

    def request(self, path, scheme="https", headers=None, context=None, method="GET"):
        if scheme == "https":
            connection = http.client.HTTPSConnection(
                "localhost", self.https, timeout=130,
                context=context or ssl.create_default_context(cafile=self.certificate),
            )  # fmt: skip
        else:
            connection = http.client.HTTPConnection("localhost", self.http, timeout=30)
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body


@pytest.fixture(scope="module")
def echo_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


@pytest.fixture(scope="module")
def front(tmp_path_factory, echo_port):
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), echo_port)
    yield nginx
    nginx.stop()


def test_http_redirects_to_https_with_path_and_query(front):
    response, _ = front.request("/de/angebote?kategorie=sprache&b=1", scheme="http")
    assert response.status == 301
    assert response.getheader("Location") == (
        f"https://localhost:{front.https}/de/angebote?kategorie=sprache&b=1"
    )


def test_https_sends_hsts_and_no_version(front):
    response, _ = front.request("/de")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains"
    )
    for scheme in ("http", "https"):
        response, body = front.request("/gibt-es-nicht", scheme=scheme)
        server = response.getheader("Server") or ""
        assert not re.search(r"\d", server), server
        assert b"nginx/" not in body


@pytest.mark.parametrize("version", ["TLSv1", "TLSv1_1"])
def test_old_tls_is_refused(front, version):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("ALL:@SECLEVEL=0")  # the client would speak it
    context.minimum_version = getattr(ssl.TLSVersion, version)
    context.maximum_version = getattr(ssl.TLSVersion, version)
    with (
        pytest.raises(ssl.SSLError),
        socket.create_connection(("127.0.0.1", front.https), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="localhost"),
    ):
        pass
    context.maximum_version = ssl.TLSVersion.TLSv1_3
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    response, _ = front.request("/de", context=context)
    assert response.status == 200


def test_forwarded_headers_and_request_id_reach_the_back_end(front):
    _, body = front.request(
        "/de/angebote?q=Kurs", headers={"X-Request-ID": "abc-12345678"}
    )
    seen = json.loads(body)
    assert seen["path"] == (
        f"/VirtualHostBase/https/localhost:{front.https}/Plone/VirtualHostRoot"
        "/de/angebote?q=Kurs"
    )
    headers = {key.lower(): value for key, value in seen["headers"].items()}
    assert headers["x-forwarded-proto"] == "https"
    assert headers["x-forwarded-for"] == "127.0.0.1"
    # nginx is the public edge: it always gives its own id, whatever was sent
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])
    for sent in ({}, {"X-Request-ID": "x y"}, {"X-Request-ID": "abc-12345678"}):
        _, body = front.request("/de", headers=sent)
        headers = {k.lower(): v for k, v in json.loads(body)["headers"].items()}
        assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])


def test_purge_and_webdav_through_nginx_are_refused(front):
    """Behind nginx every request comes from 127.0.0.1, from where Varnish
    takes PURGE: nginx answers 405 itself, and nothing reaches Varnish."""
    Echo.seen.clear()
    for method in ("PURGE", "PROPFIND", "TRACE", "BAN"):
        response, _ = front.request("/de/angebote", method=method)
        assert response.status == 405, method
    assert Echo.seen == []
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        response, _ = front.request("/de/@search", method=method)
        assert response.status == 200, method
    assert [method for method, _ in Echo.seen] == [
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
        "OPTIONS",
    ]


def test_health_and_readiness_are_not_served_to_the_internet(front):
    Echo.seen.clear()
    for path in ("/@@health", "/@@ready", "/de/@@ready?x=1", "/@@health/"):
        response, _ = front.request(path)
        assert response.status == 404, path
    assert Echo.seen == []
    response, _ = front.request("/de/@@healthy-eating")
    assert response.status == 200


def test_nginx_log_keeps_no_token_no_query_no_address(front):
    """nginx's access log: one JSON line per request with what operation
    needs; a password-reset token, an author's user id, the query string,
    the address, referrer and user agent never reach it."""
    log = front.folder / "logs" / "integrationsportal.access.log"
    headers = {"Referer": "https://suche.example/?q=Name", "User-Agent": "Agent/7.3"}
    for path in ("/passwordreset/abcdef123?userid=x", "/author/jdoe47/view?a=b"):
        response, _ = front.request(path, headers=headers)
        assert response.status == 200
    for _ in range(50):  # nginx writes the line once the answer is sent
        lines = log.read_text().splitlines()
        if len(lines) >= 2 and "jdoe47" not in lines[-1]:
            break
        time.sleep(0.1)
    text = log.read_text()
    for secret in ("abcdef123", "userid", "jdoe47", "a=b", "127.0.0.1", "suche",
                   "Agent/7.3"):  # fmt: skip
        assert secret not in text, (secret, text)
    entries = [json.loads(line) for line in text.splitlines()]
    paths = [entry["path"] for entry in entries]
    assert "/passwordreset/-" in paths and "/author/-/view" in paths, paths
    entry = entries[-1]
    assert set(entry) == {
        "time", "request_id", "method", "path", "status", "bytes", "request_time"
    }  # fmt: skip
    assert entry["method"] == "GET" and entry["status"] == 200


def test_the_portal_through_nginx_links_to_https(tmp_path):
    """The real portal behind nginx: its page comes through with links to
    the public https host, the site at the root (no /Plone)."""
    require("nginx")
    instance = tmp_path / "instance"
    with started_portal(instance, env={"PROFILE": "profiles/minimal.toml"}) as url:
        portal_port = int(url.split(":")[2].split("/")[0])
        (tmp_path / "front").mkdir()
        nginx = Nginx(tmp_path / "front", portal_port)
        try:
            # started_portal fetched /Plone/de directly first: the page's
            # language alternates must still name the public address
            response, body = nginx.request("/de")
            page = body.decode("utf-8")
            assert response.status == 200, page[:500]
            public = f"https://localhost:{nginx.https}"
            links = re.findall(r'(?:href|src)="(https?://[^"]+)"', page)
            own = [link for link in links if "localhost" in link]
            assert own, page[:2000]
            assert all(link.startswith(public + "/") for link in own), own
            assert not [link for link in own if "/Plone/" in link], own
            assert f"localhost:{portal_port}" not in page
        finally:
            nginx.stop()


# ---------------------------------------------------------------- logrotate


def test_logrotate_rotates_open_logs(tmp_path):
    logrotate = require("logrotate")
    render(tmp_path)
    conf = tmp_path / "etc/logrotate.d/integrationsportal"
    log_dir = tmp_path / "data" / "instance-a" / "var" / "log"
    log_dir.mkdir(parents=True)
    # the instance writes as Zope does: logging.FileHandler, kept open
    handlers = {}
    for name in ("event.log", "access.json.log"):
        handler = logging.FileHandler(log_dir / name, "a")
        handler.setFormatter(logging.Formatter("%(message)s"))
        handlers[name] = handler
    logger = logging.getLogger("integrationsportal.test_deploy")
    logger.propagate = False
    logger.setLevel(logging.INFO)

    def write(text):
        for handler in handlers.values():
            logger.addHandler(handler)
        logger.info(text)
        for handler in handlers.values():
            logger.removeHandler(handler)

    state = tmp_path / "logrotate.state"
    try:
        write("vor der Rotation")
        debug = subprocess.run(
            [logrotate, "-d", "-s", str(state), str(conf)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        errors = [line for line in debug.stderr.splitlines() if "error" in line]
        assert debug.returncode == 0 and errors == [], debug.stderr
        assert f"considering log {log_dir}/event.log" in debug.stderr, debug.stderr
        forced = subprocess.run(
            [logrotate, "-f", "-s", str(state), str(conf)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert forced.returncode == 0, forced.stderr
        write("nach der Rotation")
    finally:
        for handler in handlers.values():
            handler.close()
    for name in ("event.log", "access.json.log"):
        rotated = sorted(log_dir.glob(f"{name}-*"))
        assert len(rotated) == 1, sorted(p.name for p in log_dir.iterdir())
        assert rotated[0].read_bytes() == b"vor der Rotation\n"
        # the writer goes on in the emptied file, from its start
        assert (log_dir / name).read_bytes() == b"nach der Rotation\n"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
