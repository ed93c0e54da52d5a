"""`make soak`: the cluster through mixed load with faults, bounded in time,
and what it lost. The report goes to bench/soak.md.

    python scripts/soak.py            # make soak (SOAK_MINUTES=20)
    SOAK_MINUTES=3 python scripts/soak.py   # what CI runs

It builds its own cluster with scripts/cluster.py (two instances on RelStorage/
PostgreSQL behind HAProxy and Varnish) from the demo profile, in its own
database and on free ports, and drives for SOAK_MINUTES:

- readers on pages, the offer finder and REST (through Varnish, HAProxy and
  each instance directly);
- an editor creating pages that a reviewer publishes (four eyes, over REST);
- landlords offering flats through the public form, as the browser posts it;
- a round-table member adding action items.

Meanwhile, on a schedule scaled to the duration, it fills the instances' blob
caches beyond their limit, kills one instance (kill -9) and starts it again,
restarts PostgreSQL and restarts Varnish. Afterwards it checks:

- every submission that got a confirmation exists exactly once;
- every published page is published and readers see it;
- no request to the surviving instance failed for longer than the fault window;
- the error rate outside the fault windows is under 0.1 %;
- blob downloads stay intact while the blob caches are pruned.

It exits 1 naming each failed check. Every request is recorded in
SOAK_DIR/requests.jsonl, every submission in SOAK_DIR/submissions.jsonl.

Settings (environment):

    SOAK_MINUTES        20        length of the load (the cluster's set-up comes on top)
    SOAK_DIR            var/soak  the cluster, the request and submission records
    SOAK_DB             soak_integrationsportal   the database (name: soak_…)
    SOAK_CACHE_PORT, SOAK_LB_PORT, SOAK_INSTANCE_PORTS   free ports unless given
    SOAK_PROFILE        profiles/musterkreis.toml (needs the demo users)
    SOAK_REPORT         bench/soak.md
    SOAK_PG_FAULT       restart | proxy; `restart` under CI (CI=true), else `proxy`
    SOAK_PG_CLUSTER     the PostgreSQL cluster restarted, e.g. "15 main" (found by
                        pg_lsclusters: the one on PG_DSN's port)
    SOAK_PG_DOWN        5         seconds the proxy stays down (proxy mode)
    SOAK_READERS        6         reader threads
    SOAK_BLOB_CACHE     8mb       blob-cache-size of the soak's instances
    SOAK_KEEP           0         1: leave the cluster running and the database
    PG_DSN              host=127.0.0.1 port=5432 user=postgres

SOAK_PG_FAULT=restart restarts the machine's PostgreSQL server
(`pg_ctlcluster --skip-systemctl-redirect <version> main restart`): every
database on it loses its connections. Use it where nothing else depends on that
server (CI, a test machine). `proxy` puts a TCP proxy of this script between the
instances and PostgreSQL and kills and restarts it: the instances lose their
connections and cannot connect for SOAK_PG_DOWN seconds, as in a restart, while
other databases on the server are left alone.
"""

from pathlib import Path
import asyncio
import base64
import contextlib
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import traceback


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import cluster  # noqa: E402 - scripts/ is put on the path just above


RECOVERY = 15.0
"""Seconds after a fault's end that still count to its window: HAProxy checks
every 2 s and needs one good answer, RelStorage reconnects at the next
transaction, Varnish's cache refills."""

ERROR_RATE_LIMIT = 0.001
TIMEOUT = 30
BLOB_FILES = 24
BLOB_FILE_SIZE = 1024 * 1024
BLOB_CACHE_TOLERANCE = 1.5
"""RelStorage prunes the cache in the background once 10 % of its size was
written since the last check: the cache may pass its limit for a moment."""
FOLDER = "/de/angebote"
"""Where the editor's pages and the files go: a published section of the demo."""
FLATS_PER_HOUR = 1000
"""The highest value the registry accepts for the housing form's limit."""
CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
RNG = random.Random()  # noqa: S311 - think times and choices of the load, no secret


def say(message):
    print(f"[soak] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings():
    env = os.environ
    database = env.get("SOAK_DB", "soak_integrationsportal")
    if not re.fullmatch(r"soak_[a-z0-9_]+", database):
        cluster.fail(
            f"SOAK_DB={database!r}: the soak's database name must start with "
            "'soak_' (lower-case letters, digits, _): the soak drops it."
        )
    ports = env.get("SOAK_INSTANCE_PORTS") or f"{free_port()},{free_port()}"
    mode = env.get("SOAK_PG_FAULT") or ("restart" if CI else "proxy")
    if mode not in ("restart", "proxy"):
        cluster.fail(f"SOAK_PG_FAULT={mode!r}: use 'restart' or 'proxy'.")
    minutes = float(env.get("SOAK_MINUTES", "20"))
    if minutes < 2:
        cluster.fail(f"SOAK_MINUTES={minutes:g}: at least 2 minutes fit the faults.")
    base = Path(env.get("SOAK_DIR", "var/soak"))
    base = (base if base.is_absolute() else ROOT / base).resolve()
    return {
        "minutes": minutes,
        "dir": base,
        "db": database,
        "dsn": env.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres"),
        "cache_port": int(env.get("SOAK_CACHE_PORT") or free_port()),
        "lb_port": int(env.get("SOAK_LB_PORT") or free_port()),
        "ports": [int(p) for p in ports.split(",")],
        "profile": env.get("SOAK_PROFILE", "profiles/musterkreis.toml"),
        "report": Path(env.get("SOAK_REPORT", str(ROOT / "bench" / "soak.md"))),
        "pg_fault": mode,
        "pg_cluster": env.get("SOAK_PG_CLUSTER", ""),
        "pg_down": float(env.get("SOAK_PG_DOWN", "5")),
        "readers": int(env.get("SOAK_READERS", "6")),
        "blob_cache": env.get("SOAK_BLOB_CACHE", "8mb"),
        "keep": env.get("SOAK_KEEP", "0").lower() in ("1", "true", "yes"),
        "admin": (
            env.get("ADMIN_USER") or "admin",
            env.get("ADMIN_PASSWORD") or "admin",
        ),
    }


def dsn_part(dsn, key, default):
    match = re.search(rf"(?:^|\s){key}=(\S+)", dsn)
    return match.group(1) if match else default


def size_in_bytes(text):
    match = re.fullmatch(r"(\d+)\s*([kmg]?)b?", text.strip().lower())
    if not match:
        cluster.fail(f"SOAK_BLOB_CACHE={text!r}: give a size such as 8mb.")
    return (
        int(match.group(1))
        * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[match.group(2)]
    )


# ---------------------------------------------------------------- PostgreSQL


async def _pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def pg_proxy(listen_port, host, port):
    """`soak.py pg-proxy PORT HOST TARGET_PORT`: forwards TCP to PostgreSQL."""

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            _pipe(client_reader, server_writer), _pipe(server_reader, client_writer)
        )

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class PgProxy:
    def __init__(self, port, host, target_port, log):
        self.args = [sys.executable, __file__, "pg-proxy", str(port), host]
        self.args.append(str(target_port))
        self.port = port
        self.log = log
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            self.args, stdout=self.log, stderr=subprocess.STDOUT
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        cluster.fail(f"The PostgreSQL proxy did not listen on port {self.port}.")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def pg_cluster_name(cfg):
    """The Debian PostgreSQL cluster on PG_DSN's port, as 'version name'."""
    if cfg["pg_cluster"]:
        return cfg["pg_cluster"].split()
    port = dsn_part(cfg["dsn"], "port", "5432")
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    )
    for line in listing.stdout.splitlines():
        parts = line.split()
        if len(parts) > 2 and parts[2] == port:
            return parts[:2]
    cluster.fail(
        f"No PostgreSQL cluster on port {port} in pg_lsclusters; set "
        "SOAK_PG_CLUSTER (e.g. '15 main') or SOAK_PG_FAULT=proxy."
    )


def pg_accepts(cfg):
    import psycopg2

    try:
        psycopg2.connect(f"{cfg['dsn']} dbname=postgres", connect_timeout=2).close()
        return True
    except psycopg2.OperationalError:
        return False


def drop_database(cfg):
    import psycopg2

    connection = psycopg2.connect(f"{cfg['dsn']} dbname=postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')
    connection.close()


# ---------------------------------------------------------------- records


class Recorder:
    """Every request and every submission, in memory and as JSON lines."""

    def __init__(self, directory):
        self.t0 = time.monotonic()
        self.lock = threading.Lock()
        self.requests = []
        self.submissions = []
        self.request_file = (directory / "requests.jsonl").open("w")
        self.submission_file = (directory / "submissions.jsonl").open("w")

    def now(self):
        return time.monotonic() - self.t0

    def request(self, **record):
        with self.lock:
            self.requests.append(record)
            self.request_file.write(json.dumps(record) + "\n")

    def submission(self, **record):
        record["t"] = round(self.now(), 3)
        with self.lock:
            self.submissions.append(record)
            self.submission_file.write(json.dumps(record) + "\n")
            self.submission_file.flush()

    def close(self):
        self.request_file.close()
        self.submission_file.close()


class Client:
    """requests with every call recorded: kind, target, status, latency."""

    def __init__(self, recorder, targets, auth=None):
        import requests

        self.requests = requests
        self.recorder = recorder
        self.targets = targets
        self.session = requests.Session()
        self.session.auth = auth

    def url(self, target, path):
        return self.targets[target] + path

    def call(self, kind, target, method, path, ok=None, **kwargs):
        """The response (or None when none came). ``ok`` decides whether it
        counts as success; by default any answer below 400."""
        url = path if path.startswith("http") else self.url(target, path)
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        started = self.recorder.now()
        response = error = None
        try:
            response = self.session.request(method, url, **kwargs)
        except self.requests.RequestException as exc:
            error = f"{type(exc).__name__}: {str(exc)[:160]}"
        latency = self.recorder.now() - started
        status = response.status_code if response is not None else None
        good = response is not None and (ok(response) if ok else status < 400)
        if response is not None and not good and error is None:
            error = response.text[:160].replace("\n", " ")
        self.recorder.request(
            t=round(started, 3),
            kind=kind,
            target=target,
            method=method,
            path=url.split("/Plone", 1)[-1][:120],
            status=status,
            latency=round(latency, 4),
            cache=response.headers.get("X-Cache") if response is not None else None,
            ok=good,
            error=error if not good else None,
        )
        return response if good else None


JSON = {"Accept": "application/json"}


# ---------------------------------------------------------------- the load


class Load:
    """The users' threads; they stop when ``stop`` is set."""

    def __init__(self, cfg, recorder, targets, site):
        from integrationsportal.site.setuphandlers import DEMO_PASSWORD

        self.cfg = cfg
        self.recorder = recorder
        self.targets = targets
        self.site = site
        self.password = DEMO_PASSWORD
        self.stop = threading.Event()
        self.blob_fill = threading.Event()
        self.published = []  # pages readers find once published
        self.run_id = datetime.datetime.now().strftime("%H%M%S")
        self.threads = []

    def start(self):
        jobs = [(self.reader, n) for n in range(self.cfg["readers"])]
        jobs += [(self.editor, 0), (self.landlord, 0), (self.round_table, 0)]
        jobs += [(self.blob_reader, n) for n in range(2)]
        for job, n in jobs:
            thread = threading.Thread(
                target=self.guard, args=(job, n), daemon=True, name=job.__name__
            )
            thread.start()
            self.threads.append(thread)

    def guard(self, job, n):
        try:
            job(n)
        except Exception:  # a broken user thread is a finding, not a crash
            say(f"User thread {job.__name__} {n} stopped:\n{traceback.format_exc()}")

    def pause(self, low, high):
        self.stop.wait(RNG.uniform(low, high))

    def join(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=TIMEOUT + 5)

    # readers ------------------------------------------------------------

    def reader(self, n):
        client = Client(self.recorder, self.targets)
        pages, finder, rest = self.site["pages"], self.site["finder"], self.site["rest"]
        while not self.stop.is_set():
            target = RNG.choices(
                ("varnish", "haproxy", "instance-a", "instance-b"), (6, 2, 1, 1)
            )[0]
            roll = RNG.random()
            if roll < 0.45:
                path = RNG.choice(pages + self.published[-20:])
                client.call("page", target, "GET", path)
            elif roll < 0.7:
                client.call("finder", target, "GET", RNG.choice(finder))
            else:
                client.call("rest", target, "GET", RNG.choice(rest), headers=JSON)
            self.pause(0.4, 1.6)

    def blob_reader(self, n):
        client = Client(self.recorder, self.targets)
        files = self.site["files"]
        while not self.stop.is_set():
            if not self.blob_fill.wait(1):
                continue
            for path, digest in RNG.sample(files, len(files)):
                if self.stop.is_set() or not self.blob_fill.is_set():
                    break
                target = RNG.choice(("haproxy", "instance-a", "instance-b"))
                client.call(
                    "blob",
                    target,
                    "GET",
                    path + "/@@download/file",
                    ok=lambda r, d=digest: (
                        r.status_code == 200
                        and hashlib.sha256(r.content).hexdigest() == d
                    ),
                )

    # editors and reviewers -------------------------------------------------

    def editor(self, n):
        editor = Client(self.recorder, self.targets, ("redaktion", self.password))
        reviewer = Client(self.recorder, self.targets, ("pruefung", self.password))
        count = 0
        while not self.stop.is_set():
            count += 1
            marker = f"soak{self.run_id}p{count:04d}"
            created = editor.call(
                "editor",
                "varnish",
                "POST",
                self.site["pages_folder"],
                headers=JSON,
                ok=lambda r: r.status_code == 201,
                json={
                    "@type": "Document",
                    "title": f"Soak-Seite {marker}",
                    "description": f"Neue Seite der Redaktion ({marker}).",
                    "text": {
                        "data": f"<p>Stand der Seite {marker}.</p>",
                        "content-type": "text/html",
                        "encoding": "utf-8",
                    },
                },
            )
            if created is None:
                self.recorder.submission(kind="page", marker=marker, confirmed=None)
                self.pause(5, 10)
                continue
            url = created.json()["@id"]
            path = url.split("/Plone", 1)[1]
            self.recorder.submission(kind="page", marker=marker, confirmed=path)
            self.pause(1, 4)
            if not self.transition(editor, path, "submit", "pending"):
                continue
            self.pause(2, 8)  # the reviewer reads it
            if self.transition(reviewer, path, "publish", "published"):
                self.recorder.submission(kind="publish", marker=marker, confirmed=path)
                self.published.append(path)
            self.pause(8, 20)

    def transition(self, client, path, transition, state):
        """Transition the page, trying again as a user would after an error."""
        for attempt in range(6):
            if self.stop.is_set() and attempt:
                return False
            done = client.call(
                "reviewer" if transition == "publish" else "editor",
                "varnish",
                "POST",
                f"{path}/@workflow/{transition}",
                headers=JSON,
                json={"comment": "Soak"},
            )
            if done is not None:
                return True
            current = client.call("editor", "varnish", "GET", path, headers=JSON)
            if current is not None and current.json().get("review_state") == state:
                return True
            time.sleep(3 + 2 * attempt)
        return False

    # landlords -------------------------------------------------------------

    def flat(self, count, marker):
        available = datetime.date.today() + datetime.timedelta(days=30)
        return {
            "form.buttons.submit": "Wohnung anbieten",
            "form.widgets.municipality:list": "musterstadt",
            "form.widgets.municipality-empty-marker": "1",
            "form.widgets.postal_code": "99991",
            "form.widgets.street": f"Soakweg {count}",
            "form.widgets.rooms": RNG.choice(("1", "2", "2,5", "3")),
            "form.widgets.living_space": str(RNG.randint(30, 90)),
            "form.widgets.cold_rent": str(RNG.randint(300, 600)),
            "form.widgets.utilities": "90",
            "form.widgets.available_from": available.isoformat(),
            "form.widgets.max_persons": "3",
            "form.widgets.landlord_name": "Sven Soak",
            "form.widgets.landlord_phone": "06381 123456",
            "form.widgets.landlord_email": f"vermieter{count}@example.org",
            "form.widgets.message": f"Besichtigung nach Absprache. {marker}",
            "form.widgets.consent:list": "selected",
            "form.widgets.consent-empty-marker": "1",
            "form.widgets.lift-empty-marker": "1",
            "form.widgets.barrier_free-empty-marker": "1",
            "form.widgets.furnished-empty-marker": "1",
            "form.widgets.pets-empty-marker": "1",
        }

    def landlord(self, n):
        count = 0
        form = self.site["flat_form"]
        while not self.stop.is_set():
            count += 1
            marker = f"soak{self.run_id}f{count:04d}"
            data = self.flat(count, marker)
            reference = None
            for _attempt in range(4):  # the landlord sends again after an error
                client = Client(self.recorder, self.targets)
                page = client.call("landlord", "varnish", "GET", form)
                token = page is not None and cluster_token(page.text)
                if token:
                    sent = client.call(
                        "landlord",
                        "varnish",
                        "POST",
                        form,
                        data={**data, "_authenticator": token},
                        ok=lambda r: (
                            r.status_code == 302
                            and "ref=" in r.headers.get("Location", "")
                        ),
                    )
                    if sent is not None:
                        reference = sent.headers["Location"].rsplit("ref=", 1)[1]
                        break
                if self.stop.is_set():
                    break
                time.sleep(5)
            self.recorder.submission(kind="flat", marker=marker, confirmed=reference)
            self.pause(10, 25)

    # round tables ----------------------------------------------------------

    def round_table(self, n):
        member = Client(self.recorder, self.targets, ("lenkung", self.password))
        count = 0
        while not self.stop.is_set():
            count += 1
            marker = f"soak{self.run_id}a{count:04d}"
            due = datetime.date.today() + datetime.timedelta(days=14)
            created = member.call(
                "roundtable",
                "varnish",
                "POST",
                self.site["table"],
                headers=JSON,
                ok=lambda r: r.status_code == 201,
                json={
                    "@type": "ActionItem",
                    "title": f"Aufgabe {marker}",
                    "responsible": "lenkung",
                    "due": due.isoformat(),
                    "status": "open",
                },
            )
            confirmed = created.json()["@id"].split("/Plone", 1)[1] if created else None
            self.recorder.submission(kind="action", marker=marker, confirmed=confirmed)
            member.call("roundtable", "varnish", "GET", f"{self.site['table']}")
            self.pause(10, 25)


def cluster_token(html):
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else None


# ---------------------------------------------------------------- set-up


def build(cfg, proxy):
    """The cluster, through scripts/cluster.py, with a small blob cache."""
    dsn = cfg["dsn"]
    if proxy:
        dsn = (
            f"host=127.0.0.1 port={proxy.port} user={dsn_part(dsn, 'user', 'postgres')}"
        )
    os.environ.update(
        CLUSTER_DIR=str(cfg["dir"] / "cluster"),
        CLUSTER_DB=cfg["db"],
        PG_DSN=dsn,
        CACHE_PORT=str(cfg["cache_port"]),
        LB_PORT=str(cfg["lb_port"]),
        INSTANCE_PORTS=",".join(map(str, cfg["ports"])),
        PROFILE=cfg["profile"],
        ADMIN_USER=cfg["admin"][0],
        ADMIN_PASSWORD=cfg["admin"][1],
    )
    fill = cluster.fill

    def small_blob_cache(template, **values):
        text = fill(template, **values)
        if template == "zope-relstorage.conf.in":
            text = re.sub(
                r"(?m)^(\s*blob-cache-size)\s+\S+$", rf"\1 {cfg['blob_cache']}", text
            )
        return text

    cluster.fill = small_blob_cache
    cluster.up()
    return cluster.settings()


def prepare(cfg, targets, recorder):
    """What an operator sets up before the soak, and the readers' addresses."""
    admin = Client(recorder, targets, cfg["admin"])

    def need(response, what):
        if response is None:
            last = recorder.requests[-1]
            cluster.fail(f"Set-up: {what} failed: {last['status']} {last['error']}")
        return response

    # the operator raises the housing form's per-address limit: all the soak's
    # landlords come from this machine's address
    need(
        admin.call(
            "setup",
            "haproxy",
            "PATCH",
            "/@registry",
            headers=JSON,
            json={"integrationsportal.housing.submissions_per_hour": FLATS_PER_HOUR},
        ),
        "raising integrationsportal.housing.submissions_per_hour",
    )
    files = []
    say(f"Uploading {BLOB_FILES} files of {BLOB_FILE_SIZE // 1024} KiB …")
    for number in range(BLOB_FILES):
        path = f"{FOLDER}/soak-datei-{number:02d}"
        existing = admin.call("setup", "haproxy", "GET", path + "/@@download/file")
        if existing is not None and existing.status_code == 200:
            files.append((path, hashlib.sha256(existing.content).hexdigest()))
            continue
        content = os.urandom(BLOB_FILE_SIZE)
        need(
            admin.call(
                "setup",
                "haproxy",
                "POST",
                FOLDER,
                headers=JSON,
                json={
                    "@type": "File",
                    "id": f"soak-datei-{number:02d}",
                    "title": f"Soak-Datei {number:02d}",
                    "file": {
                        "data": base64.b64encode(content).decode(),
                        "encoding": "base64",
                        "filename": f"datei-{number:02d}.bin",
                        "content-type": "application/octet-stream",
                    },
                },
            ),
            f"uploading {path}",
        )
        # files have no workflow of their own: readers see them where they
        # see the published folder
        files.append((path, hashlib.sha256(content).hexdigest()))
    pages = ["", "/de", "/en", "/ar", "/de/angebote", "/de/akteure"]
    rest = ["/de/@offer-finder", "/@search?SearchableText=Deutsch"]
    for portal_type in ("Offer", "Organisation", "Contact", "ProcessChain"):
        found = need(
            admin.call(
                "setup",
                "haproxy",
                "GET",
                f"/@search?portal_type={portal_type}&review_state=published&b_size=12",
                headers=JSON,
            ),
            f"finding published {portal_type}",
        ).json()["items"]
        for item in found:
            path = item["@id"].split("/Plone", 1)[1]
            pages.append(path)
            rest.append(path)
    facets = need(
        admin.call("setup", "haproxy", "GET", "/de/@offer-finder", headers=JSON),
        "reading the finder's facets",
    ).json()["facets"]
    finder = ["/de/@@offer-finder"]
    for facet in facets:
        for option in facet["options"][:4]:
            query = f"?{facet['name']}={option['value']}"
            finder.append(f"/de/@@offer-finder{query}")
            rest.append(f"/de/@offer-finder{query}")
    tables = need(
        admin.call(
            "setup", "haproxy", "GET", "/@search?portal_type=RoundTable", headers=JSON
        ),
        "finding the round tables",
    ).json()["items"]
    table = next(
        t["@id"] for t in tables if "arbeitsmarkt" in t["@id"]
    )  # the demo's table with the steering group's member
    return {
        "pages": pages,
        "rest": rest,
        "finder": finder,
        "files": files,
        "pages_folder": FOLDER,
        "flat_form": "/de/wohnung-anbieten",
        "table": table.split("/Plone", 1)[1],
    }


# ---------------------------------------------------------------- faults


class Faults:
    """The faults on their schedule; each one a window with measured times."""

    def __init__(self, cfg, ccfg, recorder, load, proxy):
        self.cfg = cfg
        self.ccfg = ccfg
        self.recorder = recorder
        self.load = load
        self.proxy = proxy
        self.windows = []
        self.duration = cfg["minutes"] * 60
        d = self.duration
        self.schedule = [
            (0.08 * d, "blob cache filled", self.fill_blob_cache),
            (0.25 * d, "instance killed", self.kill_instance),
            (0.48 * d, "PostgreSQL restarted", self.restart_postgresql),
            (0.70 * d, "Varnish restarted", self.restart_varnish),
        ]

    def run(self):
        for at, name, fault in self.schedule:
            while self.recorder.now() < at and not self.load.stop.is_set():
                time.sleep(0.2)
            if self.load.stop.is_set():
                return
            say(f"Fault: {name} …")
            start = self.recorder.now()
            details = fault()
            end = self.recorder.now()
            self.windows.append(
                {"name": name, "start": start, "end": end, "details": details}
            )
            say(f"Fault over: {name} ({end - start:.1f} s) {details}")

    def fill_blob_cache(self):
        self.load.blob_fill.set()
        self.load.stop.wait(max(20.0, 0.07 * self.duration))
        self.load.blob_fill.clear()
        return {}

    def kill_instance(self):
        instance = cluster.instances(self.ccfg)[0]
        port = self.ccfg["ports"][0]
        pid_file = instance / "var" / "instance.pid"
        pid = cluster.pid_of(pid_file)
        os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)  # started by this process: reap it
        pid_file.unlink(missing_ok=True)
        down = max(10.0, min(30.0, 0.025 * self.duration))
        self.load.stop.wait(down)
        started = time.monotonic()
        cluster.start_instance(self.ccfg, instance, port)
        listening = time.monotonic() - started
        ready_url = f"http://127.0.0.1:{port}/Plone/@@ready"
        probe = "@@ready"
        import requests

        while time.monotonic() - started < 180:
            try:
                status = requests.get(ready_url, timeout=5).status_code
            except requests.RequestException:
                status = None
            if status == 404:  # an instance without the readiness view
                probe = "the site root"
                ready_url = ready_url.rsplit("/", 1)[0]
                continue
            if status == 200:
                break
            time.sleep(0.2)
        ready = time.monotonic() - started
        return {
            "instance": instance.name,
            "down_s": round(down, 1),
            "answers_after_s": round(listening, 1),
            "ready_after_s": round(ready, 1),
            "ready_probe": probe,
        }

    def restart_postgresql(self):
        started = time.monotonic()
        if self.cfg["pg_fault"] == "restart":
            version, name = pg_cluster_name(self.cfg)
            subprocess.run(
                [
                    "pg_ctlcluster",
                    "--skip-systemctl-redirect",
                    version,
                    name,
                    "restart",
                ],
                check=True,
            )
            while not pg_accepts(self.cfg) and time.monotonic() - started < 120:
                time.sleep(0.2)
            what = f"pg_ctlcluster {version} {name} restart"
        else:
            self.proxy.kill()
            self.load.stop.wait(self.cfg["pg_down"])
            self.proxy.start()
            what = f"proxy killed, {self.cfg['pg_down']:g} s down"
        return {
            "mode": self.cfg["pg_fault"],
            "how": what,
            "database_back_after_s": round(time.monotonic() - started, 1),
        }

    def restart_varnish(self):
        started = time.monotonic()
        cluster.stop(self.ccfg["dir"] / "varnish.pid", "Varnish")
        cluster.start_varnish(self.ccfg)
        return {"answers_after_s": round(time.monotonic() - started, 1)}


def reap_instances(ccfg):
    """The instances are this process's children: collect each as it ends, so
    that cluster.py sees it gone instead of waiting for a zombie."""

    def reap(pid):
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)

    for instance in cluster.instances(ccfg):
        pid = cluster.pid_of(instance / "var" / "instance.pid")
        if pid:
            threading.Thread(target=reap, args=(pid,), daemon=True).start()


def sample_blob_caches(ccfg, load, samples):
    directories = [p / "var" / "blobcache" for p in cluster.instances(ccfg)]
    while not load.stop.wait(2):
        sizes = []
        for directory in directories:
            total = 0
            for base, _dirs, names in os.walk(directory):
                for name in names:
                    with contextlib.suppress(OSError):
                        total += os.path.getsize(os.path.join(base, name))
            sizes.append(total)
        samples.append((load.recorder.now(), sizes))


def progress(load, faults, duration):
    recorder = load.recorder
    while not load.stop.wait(30):
        records = [r for r in recorder.requests if r["kind"] != "setup"]
        errors = sum(1 for r in records if not r["ok"])
        begun = [n for at, n, _f in faults.schedule if at <= recorder.now()]
        running = begun[-1] if begun else None
        say(
            f"{minutes(recorder.now())} / {minutes(duration)}: {len(records)} "
            f"requests, {errors} errors, {len(recorder.submissions)} submissions; "
            f"faults done: {len(faults.windows)}/{len(faults.schedule)}"
            + (f" (last begun: {running})" if running else "")
        )


def minutes(seconds):
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


# ---------------------------------------------------------------- checks


def windows_of(faults):
    return [
        {**w, "until": w["end"] + RECOVERY}
        for w in sorted(faults, key=lambda w: w["start"])
    ]


def overlaps(record, window):
    """Whether a request was under way during a fault's window: it began before
    the window closed and ended after it opened. A request that began just
    before a fault and was cut by it belongs to the fault."""
    end = record["t"] + (record.get("latency") or 0.0)
    return record["t"] <= window["until"] and end >= window["start"]


def in_window(record, windows):
    return next((w for w in windows if overlaps(record, w)), None)


def stored(cfg, targets, recorder, site):
    """What the portal holds, read as the administrator after the load: the
    soak's markers and how often each occurs, by kind."""
    admin = Client(recorder, targets, cfg["admin"])
    found = {"page": {}, "flat": {}, "action": {}, "states": {}}

    def search(query):
        response = admin.call(
            "check", "haproxy", "GET", f"/@search?{query}", headers=JSON
        )
        if response is None:
            raise RuntimeError(f"The check could not search: {query}")
        return response.json()["items"]

    for item in search(
        f"portal_type=Document&path=/Plone{FOLDER}&b_size=100000"
        "&metadata_fields=review_state"
    ):
        if not item["title"].startswith("Soak-Seite "):
            continue
        marker = item["title"].rsplit(" ", 1)[-1]
        found["page"][marker] = found["page"].get(marker, 0) + 1
        found["states"][marker] = item.get("review_state")
    for item in search(
        f"portal_type=ActionItem&path=/Plone{site['table']}&b_size=100000"
    ):
        marker = item["title"].rsplit(" ", 1)[-1]
        found["action"][marker] = found["action"].get(marker, 0) + 1
    found["references"] = {}
    for item in search("portal_type=HousingOffer&b_size=100000"):
        flat = admin.call("check", "haproxy", "GET", item["@id"], headers=JSON)
        if flat is None:
            raise RuntimeError(f"The check could not read {item['@id']}")
        flat = flat.json()
        match = re.search(r"soak\w+", flat.get("message") or "")
        if match:
            marker = match.group(0)
            found["flat"][marker] = found["flat"].get(marker, 0) + 1
            found["references"][marker] = flat.get("reference")
    return found


def check(cfg, recorder, faults, found, targets, blob_samples, survivor):
    """The results: (name, passed, detail) for each check, and figures."""
    results = []
    windows = windows_of(faults.windows)
    subs = recorder.submissions

    lost, doubled, wrong_reference, unconfirmed_stored = [], [], [], []
    for sub in subs:
        if sub["kind"] not in ("page", "flat", "action"):
            continue
        count = found[sub["kind"]].get(sub["marker"], 0)
        if sub["confirmed"]:
            if count == 0:
                lost.append(sub["marker"])
            elif count > 1:
                doubled.append(sub["marker"])
            elif (
                sub["kind"] == "flat"
                and found["references"].get(sub["marker"]) != sub["confirmed"]
            ):
                wrong_reference.append(sub["marker"])
        elif count:
            unconfirmed_stored.append(sub["marker"])
    confirmed = sum(1 for s in subs if s["confirmed"] and s["kind"] != "publish")
    results.append(
        (
            "every confirmed submission exists exactly once",
            not (lost or doubled or wrong_reference),
            f"{confirmed} confirmed; lost {lost or 'none'}; more than once "
            f"{doubled or 'none'}; other reference {wrong_reference or 'none'}",
        )
    )

    import requests

    missing = []
    published = [s for s in subs if s["kind"] == "publish"]
    for sub in published:
        state = found["states"].get(sub["marker"])
        try:
            page = requests.get(targets["varnish"] + sub["confirmed"], timeout=TIMEOUT)
            seen = page.status_code == 200 and sub["marker"] in page.text
        except requests.RequestException:
            seen = False
        if state != "published" or not seen:
            missing.append(f"{sub['marker']} (state {state}, readers see it: {seen})")
    results.append(
        (
            "no published change is missing",
            not missing,
            f"{len(published)} published; missing {missing or 'none'}",
        )
    )

    failures = sorted(
        (r for r in recorder.requests if r["target"] == survivor and not r["ok"]),
        key=lambda r: r["t"],
    )
    outside = [r for r in failures if not in_window(r, windows)]
    # a failure outside every window is a failure for longer than the fault
    # lasted (plus its recovery allowance); the span of the failures inside
    # each window is reported beside it
    spans = []
    for window in windows:
        inside = [r for r in failures if overlaps(r, window)]
        if inside:
            spans.append(f"{window['name']} {inside[-1]['t'] - inside[0]['t']:.1f} s")
    results.append(
        (
            "no request to the surviving instance failed for longer than the "
            "fault window",
            not outside,
            f"{len(failures)} failed requests to {survivor}; outside every fault "
            f"window: {len(outside)}; failing for: {', '.join(spans) or 'never'}",
        )
    )

    load_records = [r for r in recorder.requests if r["kind"] not in ("setup", "check")]
    calm = [r for r in load_records if not in_window(r, windows)]
    calm_errors = [r for r in calm if not r["ok"]]
    rate = len(calm_errors) / len(calm) if calm else 1.0
    results.append(
        (
            "error rate outside the fault windows under 0.1 %",
            bool(calm) and rate < ERROR_RATE_LIMIT,
            f"{len(calm_errors)} of {len(calm)} requests ({rate:.3%})",
        )
    )

    blobs = [r for r in load_records if r["kind"] == "blob"]
    others = [w for w in windows if w["name"] != "blob cache filled"]
    blob_failures = [r for r in blobs if not r["ok"] and not in_window(r, others)]
    limit = size_in_bytes(cfg["blob_cache"])
    largest = max((max(s) for _t, s in blob_samples), default=0)
    final = list(blob_samples[-1][1]) if blob_samples else []
    results.append(
        (
            "blob downloads intact while the blob caches are pruned",
            bool(blobs)
            and not blob_failures
            and largest <= BLOB_CACHE_TOLERANCE * limit + BLOB_FILE_SIZE,
            f"{len(blobs)} downloads, {len(blob_failures)} failed or corrupt; "
            f"largest cache {largest / 2**20:.1f} MiB of a {limit / 2**20:.0f} MiB "
            f"limit; at the end {', '.join(f'{s / 2**20:.1f}' for s in final)} MiB",
        )
    )
    return results, {
        "unconfirmed_stored": unconfirmed_stored,
        "blob_limit": limit,
        "blob_largest": largest,
        "blob_final": final,
    }


# ---------------------------------------------------------------- report


def percentile(values, share):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def ms(value):
    return "–" if value is None else f"{value * 1000:.0f}"


def pg_cost(recorder, window):
    """What PostgreSQL's restart cost readers behind Varnish: answers from the
    cache (HIT) against those Varnish had to fetch (MISS), in the window."""
    rows = []
    readers = [
        r
        for r in recorder.requests
        if r["target"] == "varnish"
        and r["kind"] in ("page", "finder", "rest")
        and overlaps(r, window)
    ]
    for label, group in (
        ("cached (HIT)", [r for r in readers if r["cache"] == "HIT"]),
        ("uncached (MISS or no answer)", [r for r in readers if r["cache"] != "HIT"]),
    ):
        bad = [r for r in group if not r["ok"] or r["latency"] > 2]
        span = (
            max(r["t"] + r["latency"] for r in bad) - min(r["t"] for r in bad)
            if bad
            else 0.0
        )
        rows.append(
            (
                label,
                len(group),
                sum(1 for r in group if not r["ok"]),
                sum(1 for r in group if r["ok"] and r["latency"] > 2),
                span,
                max((r["latency"] for r in group), default=None),
            )
        )
    return rows


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu})"


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(cfg, recorder, faults, results, extra, blob_samples, meta):
    windows = windows_of(faults.windows)
    records = [r for r in recorder.requests if r["kind"] not in ("setup", "check")]
    start = min((r["t"] for r in records), default=0)
    end = max((r["t"] for r in records), default=1)
    lines = [
        "# Soak test: mixed load with faults",
        "",
        f"`make soak` (scripts/soak.py), {meta['date']}: {cfg['minutes']:g} minutes "
        f"of load on {machine()}, shared with other work; load average "
        f"{meta['load_before']} before, {meta['load_after']} after. Cluster: two "
        "instances on RelStorage/PostgreSQL 15 behind HAProxy and Varnish, demo "
        f"portal (`{cfg['profile']}`), blob cache {cfg['blob_cache']} per "
        f"instance. Set-up (portal, files) took {meta['setup_s']:.0f} s before "
        "the load.",
        "",
        f"PostgreSQL fault: `{cfg['pg_fault']}` (SOAK_PG_FAULT; `restart` restarts "
        "the server, `proxy` cuts the instances' connections through a proxy; see "
        "the script's docstring). A fault's window runs from its start to its end "
        f"plus {RECOVERY:g} s for recovery; a request belongs to a window when it "
        "was under way during it (it began before the window closed and ended "
        "after it opened).",
        "",
        "## Checks",
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
    ]
    for name, passed, detail in results:
        lines.append(f"| {name} | {'passed' if passed else '**FAILED**'} | {detail} |")
    lines += [
        "",
        "## Load",
        "",
        "Readers (6 threads, 0.4–1.6 s between requests): 60 % through Varnish, "
        "20 % HAProxy, 10 % each instance directly. One editor creates a page and "
        "submits it, a reviewer publishes it; landlords post the flat form; a "
        "round-table member adds action items; during the blob-cache fault two "
        "threads download 1 MiB files.",
        "",
        "| kind | requests | per second | errors | median ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    seconds = max(end - start, 1)
    kinds = sorted({r["kind"] for r in records})
    for kind in [*kinds, None]:
        group = [r for r in records if kind is None or r["kind"] == kind]
        latencies = [r["latency"] for r in group if r["ok"]]
        lines.append(
            f"| {kind or '**all**'} | {len(group)} | {len(group) / seconds:.2f} | "
            f"{sum(1 for r in group if not r['ok'])} | "
            f"{ms(statistics.median(latencies) if latencies else None)} | "
            f"{ms(percentile(latencies, 0.95))} | {ms(max(latencies, default=None))} |"
        )
    lines += [
        "",
        "## Faults",
        "",
        "| fault | at | lasted s | window s | measured |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for w in windows:
        details = ", ".join(f"{k} {v}" for k, v in w["details"].items()) or "–"
        lines.append(
            f"| {w['name']} | {minutes(w['start'])} | {w['end'] - w['start']:.1f} | "
            f"{w['until'] - w['start']:.1f} | {details} |"
        )
    killed = next((w for w in windows if w["name"] == "instance killed"), None)
    if killed:
        d = killed["details"]
        lines += [
            "",
            f"**An instance restarted after kill -9** answers after "
            f"{d['answers_after_s']} s and is ready ({d['ready_probe']} answers 200) "
            f"after {d['ready_after_s']} s.",
        ]
    pg = next((w for w in windows if w["name"] == "PostgreSQL restarted"), None)
    if pg:
        lines += [
            "",
            "**What PostgreSQL's restart costs readers behind Varnish** (requests "
            "in the window; slow: over 2 s; span: first to last bad answer):",
            "",
            "| answers | requests | errors | slow | span s | max ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, count, errors, slow, span, worst in pg_cost(recorder, pg):
            lines.append(
                f"| {label} | {count} | {errors} | {slow} | {span:.1f} | {ms(worst)} |"
            )
    lines += [
        "",
        "## Errors per window",
        "",
        "| window | from | to | requests | errors | error rate | median ms | p95 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    calm = [r for r in records if not in_window(r, windows)]
    rows = [("outside the fault windows", None, None, calm)]
    rows += [
        (w["name"], w["start"], w["until"],
         [r for r in records if overlaps(r, w)])
        for w in windows
    ]  # fmt: skip
    for name, low, high, group in rows:
        errors = sum(1 for r in group if not r["ok"])
        latencies = [r["latency"] for r in group if r["ok"]]
        lines.append(
            f"| {name} | {minutes(low) if low is not None else '–'} | "
            f"{minutes(high) if high is not None else '–'} | {len(group)} | {errors} | "
            f"{errors / len(group) if group else 0:.2%} | "
            f"{ms(statistics.median(latencies) if latencies else None)} | "
            f"{ms(percentile(latencies, 0.95))} |"
        )
    failed = [r for r in records if not r["ok"]]
    if failed:
        lines += ["", "Errors by window, kind, target and answer:", ""]
        counts = {}
        for r in failed:
            window = in_window(r, windows)
            key = (
                window["name"] if window else "outside",
                r["kind"],
                r["target"],
                str(r["status"] or (r["error"] or "").split(":", 1)[0]),
            )
            counts[key] = counts.get(key, 0) + 1
        lines += ["| window | kind | target | answer | count |"]
        lines += ["| --- | --- | --- | --- | ---: |"]
        for key, count in sorted(counts.items()):
            lines.append(f"| {' | '.join(key)} | {count} |")
    lines += [
        "",
        "## Submissions",
        "",
        "| kind | sent | confirmed | stored once | lost |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, title in (
        ("page", "editor's page"),
        ("publish", "page published (four eyes)"),
        ("flat", "landlord's flat"),
        ("action", "action item"),
    ):
        group = [s for s in recorder.submissions if s["kind"] == kind]
        confirmed = [s for s in group if s["confirmed"]]
        if kind == "publish":
            once = sum(
                1
                for s in confirmed
                if extra["found"]["states"].get(s["marker"]) == "published"
            )
        else:
            once = sum(
                1 for s in confirmed if extra["found"][kind].get(s["marker"]) == 1
            )
        lines.append(
            f"| {title} | {len(group)} | {len(confirmed)} | {once} | "
            f"{len(confirmed) - once} |"
        )
    lines += [
        "",
        "Sent without a confirmation but stored (the answer was lost, the "
        f"submission not): {', '.join(extra['unconfirmed_stored']) or 'none'}.",
        "",
        "## Blob cache",
        "",
        f"Limit {extra['blob_limit'] / 2**20:.0f} MiB per instance "
        f"(`blob-cache-size {cfg['blob_cache']}`), {BLOB_FILES} files of "
        f"{BLOB_FILE_SIZE // 2**20} MiB downloaded through both instances: the "
        f"largest cache seen was {extra['blob_largest'] / 2**20:.1f} MiB, at the "
        "end "
        + ", ".join(f"{s / 2**20:.1f}" for s in extra["blob_final"])
        + " MiB (sampled every 2 s).",
        "",
        f"Records: `{cfg['dir'] / 'requests.jsonl'}` and "
        f"`{cfg['dir'] / 'submissions.jsonl'}` (not kept in the repository).",
        "",
    ]
    cfg["report"].parent.mkdir(parents=True, exist_ok=True)
    cfg["report"].write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- main


def main():
    cfg = settings()
    duration = cfg["minutes"] * 60
    say(
        f"{cfg['minutes']:g} minutes of load on a cluster in {cfg['dir']}, database "
        f"'{cfg['db']}', PostgreSQL fault '{cfg['pg_fault']}', report "
        f"{cfg['report']}."
    )
    if (cfg["dir"] / "cluster").exists():  # a kept cluster of an earlier run
        os.environ["CLUSTER_DIR"] = str(cfg["dir"] / "cluster")
        cluster.down()
    shutil.rmtree(cfg["dir"], ignore_errors=True)
    drop_database(cfg)
    cfg["dir"].mkdir(parents=True, exist_ok=True)
    proxy = None
    if cfg["pg_fault"] == "proxy":
        proxy = PgProxy(
            free_port(),
            dsn_part(cfg["dsn"], "host", "127.0.0.1"),
            int(dsn_part(cfg["dsn"], "port", "5432")),
            (cfg["dir"] / "pg-proxy.log").open("a"),
        )
        proxy.start()
        say(f"PostgreSQL proxy on port {proxy.port}.")
    recorder = Recorder(cfg["dir"])
    ccfg = None
    try:
        began = time.monotonic()
        say("[1/4] Building the cluster (scripts/cluster.py) …")
        ccfg = build(cfg, proxy)
        targets = {
            "varnish": f"http://127.0.0.1:{cfg['cache_port']}/Plone",
            "haproxy": f"http://127.0.0.1:{cfg['lb_port']}/Plone",
            "instance-a": f"http://127.0.0.1:{cfg['ports'][0]}/Plone",
            "instance-b": f"http://127.0.0.1:{cfg['ports'][1]}/Plone",
        }
        say("[2/4] Setting up users' content and the housing form's limit …")
        site = prepare(cfg, targets, recorder)
        setup_s = time.monotonic() - began
        load_before = load_average()
        say(f"[3/4] Load for {minutes(duration)} with faults …")
        recorder.t0 = time.monotonic()
        load = Load(cfg, recorder, targets, site)
        faults = Faults(cfg, ccfg, recorder, load, proxy)
        blob_samples = []
        helpers = [
            threading.Thread(target=faults.run, daemon=True),
            threading.Thread(
                target=sample_blob_caches, args=(ccfg, load, blob_samples), daemon=True
            ),
            threading.Thread(
                target=progress, args=(load, faults, duration), daemon=True
            ),
        ]
        load.start()
        for helper in helpers:
            helper.start()
        while recorder.now() < duration:
            time.sleep(0.5)
        load.join()
        helpers[0].join(timeout=300)
        load_after = load_average()
        say("[4/4] Checking what the portal holds …")
        time.sleep(2)
        found = stored(cfg, targets, recorder, site)
        survivor = "instance-b"
        results, extra = check(
            cfg, recorder, faults, found, targets, blob_samples, survivor
        )
        extra["found"] = found
        meta = {
            "date": datetime.date.today().isoformat(),
            "load_before": load_before,
            "load_after": load_after,
            "setup_s": setup_s,
        }
        report(cfg, recorder, faults, results, extra, blob_samples, meta)
        say(f"Report: {cfg['report']}")
        for name, passed, detail in results:
            say(f"{'passed' if passed else 'FAILED'}: {name}: {detail}")
        failed = [name for name, passed, _d in results if not passed]
        if len(faults.windows) < len(faults.schedule):
            failed.append("not every fault ran within the time")
        if failed:
            say("Failed checks: " + "; ".join(failed))
            return 1
        return 0
    finally:
        recorder.close()
        if ccfg and not cfg["keep"]:
            say("Stopping the cluster and dropping the database …")
            reap_instances(ccfg)
            cluster.down()
        if proxy and not cfg["keep"]:
            proxy.kill()
        if not cfg["keep"]:
            drop_database(cfg)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "pg-proxy":
        pg_proxy(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(main())
