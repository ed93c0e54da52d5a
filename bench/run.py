"""The load benchmark behind `make bench`; writes bench/report.md.

1. A benchmark portal in bench/var/instance (FileStorage): the demo portal
   plus the generated data set (bench/generate.py: 10,000 offers, 1,000
   contacts, 200 organisations, 100 chains); the generation is timed.
2. One instance, uncached: for each case, 30 sequential requests (p50, p95)
   and a 10-second wrk run with 4 connections (requests per second); the
   housing form POST is timed sequentially. Then the instance's resident
   memory.
3. The same data moved into RelStorage (make to-relstorage) and served by
   `make cluster`: wrk through Varnish (cached anonymous pages).

    python bench/run.py [--quick]     # --quick: 1,000 offers, shorter runs
"""

from pathlib import Path
from statistics import median
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "bench" / "var"
INSTANCE = VAR / "instance"
REPORT = ROOT / "bench" / "report.md"
WRK_SCRIPT = ROOT / "bench" / "wrk_summary.lua"
BIN = ROOT / ".venv" / "bin"

OFFER = "/de/lasttest/angebote/angebot-05000"
CASES = [
    # label, path, headers
    ("baseline: front page /de", "/de", {}),
    ("offer page", OFFER, {}),
    ("finder, two filters", "/de/@@offer-finder?category=language&german_level=B1", {}),
    ("finder, full text", "/de/@@offer-finder?q=Werkstatt", {}),
    ("process chain (8 steps)", "/de/lasttest/ketten/kette-050", {}),
    ("REST GET of an offer", OFFER, {"Accept": "application/json"}),
    (
        "REST @offer-finder",
        "/de/@offer-finder?category=work&municipality=musterstadt",
        {"Accept": "application/json"},
    ),
]


def say(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make(*args, env=None, timeout=3600):
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        sys.exit(
            f"make {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def fetch(url, headers=None, data=None):
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, body


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sequential(url, headers, count):
    fetch(url, headers)
    times = []
    for _ in range(count):
        elapsed, status, _body = fetch(url, headers)
        if status != 200:
            sys.exit(f"{url}: HTTP {status}")
        times.append(elapsed)
    return median(times), percentile(times, 0.95)


def wrk(url, headers, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(WRK_SCRIPT)]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60
    ).stdout
    found = re.search(r"^JSON (.*)$", output, re.M)
    if not found:
        sys.exit(f"wrk gave no summary for {url}:\n{output}")
    return json.loads(found.group(1))


def housing_posts(base, count):
    """GET the form, POST a valid offer; the POST is timed."""
    times = []
    for n in range(count):
        _t, status, body = fetch(base + "/de/wohnung-anbieten")
        if status == 404:
            return None
        token = re.search(rb'name="_authenticator" value="([^"]+)"', body)
        fields = {
            "form.widgets.municipality:list": "musterstadt",
            "form.widgets.municipality-empty-marker": "1",
            "form.widgets.postal_code": f"9{n:04d}",
            "form.widgets.street": f"Lastweg {n}",
            "form.widgets.rooms": "3",
            "form.widgets.living_space": "70",
            "form.widgets.cold_rent": "450",
            "form.widgets.utilities": "100",
            "form.widgets.available_from": time.strftime("%Y-%m-%d"),
            "form.widgets.max_persons": "4",
            "form.widgets.landlord_name": "Lasttest",
            "form.widgets.landlord_phone": "06381 123456",
            "form.widgets.consent:list": "selected",
            "form.widgets.consent-empty-marker": "1",
            "form.buttons.submit": "Wohnung anbieten",
            "_authenticator": token.group(1).decode() if token else "",
        }
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(base + "/de/wohnung-anbieten", data=data)
        opener = urllib.request.build_opener(NoRedirect)
        started = time.perf_counter()
        try:
            opener.open(request, timeout=120)
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        times.append((time.perf_counter() - started) * 1000)
        if status != 302:
            sys.exit(f"housing form POST: HTTP {status}")
    return median(times), percentile(times, 0.95), 1000 / (sum(times) / len(times))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def rss_mb(pid):
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) / 1024
    return total


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit(
            "wrk is missing: sudo apt-get install -y wrk (make system-packages TESTS=1)"
        )
    offers = 1000 if args.quick else 10000
    seconds = 3 if args.quick else 10
    count = 10 if args.quick else 30
    admin = {"ADMIN_USER": "admin", "ADMIN_PASSWORD": "bench-admin"}
    VAR.mkdir(parents=True, exist_ok=True)

    if not (INSTANCE / "var" / "filestorage" / "Data.fs").exists():
        say("Creating the benchmark portal (demo profile) …")
        make(
            "create-site",
            f"INSTANCE={INSTANCE}",
            "PROFILE=profiles/musterkreis.toml",
            env=admin,
        )
    say(f"Generating the data set ({offers} offers …) if missing …")
    generated = subprocess.run(
        [str(BIN / "zconsole"), "run", str(INSTANCE / "zope.conf"),
         str(ROOT / "bench" / "generate.py"), "--offers", str(offers)],
        cwd=ROOT, text=True, capture_output=True,
    )  # fmt: skip
    print(generated.stdout[-1500:], flush=True)
    if generated.returncode != 0:
        sys.exit(generated.stderr[-3000:])
    match = re.search(r"GENERATED (\d+) items in ([\d.]+) s", generated.stdout)
    generation = (int(match.group(1)), float(match.group(2))) if match else None
    if generation:
        (VAR / "generation.json").write_text(json.dumps(generation))
    elif (VAR / "generation.json").exists():
        generation = tuple(json.loads((VAR / "generation.json").read_text()))
    # the benchmark's landlord sends many offers from one address
    (VAR / "limit.py").write_text(
        "from zope.component.hooks import setSite\nimport transaction\n"
        "setSite(app.Plone)\nfrom plone import api\n"
        "api.portal.set_registry_record("
        "'integrationsportal.housing.submissions_per_hour', 1000)\n"
        "transaction.commit()\n"
    )
    subprocess.run(
        [str(BIN / "zconsole"), "run", str(INSTANCE / "zope.conf"), str(VAR / "limit.py")],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip

    port = free_port()
    base = f"http://localhost:{port}/Plone"
    say(f"Starting one instance on port {port} …")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "start", f"INSTANCE={INSTANCE}",
         f"PORT={port}", "HOST=localhost"],
        cwd=ROOT, stdout=(VAR / "instance.log").open("w"), stderr=subprocess.STDOUT,
        start_new_session=True, env={**os.environ, **admin},
    )  # fmt: skip
    results = {}
    try:
        for _ in range(240):
            try:
                if fetch(base + "/de")[1] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        for label, path, headers in CASES:
            say(f"uncached: {label}")
            p50, p95 = sequential(base + path, headers, count)
            load = wrk(base + path, headers, seconds, 4)
            results[label] = {"p50": p50, "p95": p95, "rps": load["rps"]}
        say("uncached: housing form POST")
        housing = housing_posts(base, count)
        pids = subprocess.run(
            ["pgrep", "-f", f"runwsgi {INSTANCE}/zope.ini"],
            capture_output=True,
            text=True,
        ).stdout.split()
        memory = max((rss_mb(int(pid)) for pid in pids), default=0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    database = "ip_bench"
    say("Moving the data into RelStorage and starting the cluster …")
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c",
         f'DROP DATABASE IF EXISTS "{database}"'],
        capture_output=True,
    )  # fmt: skip
    make("to-relstorage", f"INSTANCE={INSTANCE}", f"CLUSTER_DB={database}")
    cluster_env = {
        "CLUSTER_DIR": str(VAR / "cluster"),
        "CLUSTER_DB": database,
        "CACHE_PORT": str(free_port()),
        "LB_PORT": str(free_port()),
        "INSTANCE_PORTS": f"{free_port()},{free_port()}",
        **admin,
    }
    cached = {}
    try:
        make("cluster", env=cluster_env)
        proxy = f"http://localhost:{cluster_env['CACHE_PORT']}/Plone"
        for label, path, headers in CASES:
            say(f"through Varnish: {label}")
            fetch(proxy + path, headers)
            cached[label] = wrk(proxy + path, headers, seconds, 50)
    finally:
        make("cluster-stop", env=cluster_env)

    write_report(results, housing, memory, cached, generation, offers, seconds)
    say(f"Report written to {REPORT.relative_to(ROOT)}.")
    return 0


# sections of the report that other benchmarks write (make bench-light);
# this one keeps them
KEPT_FROM = "<!-- sections below: make bench-light -->"


def kept_sections():
    if not REPORT.exists():
        return ""
    text = REPORT.read_text(encoding="utf-8")
    return "\n" + text[text.index(KEPT_FROM) :] if KEPT_FROM in text else ""


def write_report(results, housing, memory, cached, generation, offers, seconds):
    baseline = results[CASES[0][0]]["p50"]
    lines = [
        "# Benchmark report",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M')} on this machine "
        f"({os.cpu_count()} cores). The data set: the demo portal plus {offers:,} "
        "offers, 1,000 contact persons, 200 organisations and 100 process chains "
        "(bench/generate.py, seed 2026).",
        "",
    ]
    if generation:
        items, took = generation
        lines += [
            f"Generating {items:,} items took {took:.0f} s ({took / items * 1000:.0f} ms an item).",
            "",
        ]
    lines += [
        "## One instance, uncached",
        "",
        f"p50 and p95 of 30 sequential requests; requests per second from wrk, 4 connections, {seconds} s.",
        "",
        "| request | p50 ms | p95 ms | req/s | p50 × baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, _path, _headers in CASES:
        r = results[label]
        lines.append(
            f"| {label} | {r['p50']:.1f} | {r['p95']:.1f} | {r['rps']:.1f} | {r['p50'] / baseline:.2f} |"
        )
    if housing:
        p50, p95, rps = housing
        lines.append(
            f"| housing form POST (sequential) | {p50:.1f} | {p95:.1f} | {rps:.1f} | {p50 / baseline:.2f} |"
        )
    else:
        lines.append("| housing form POST | not measured: form not present | | | |")
    lines += [
        "",
        f"Resident memory of the instance after the run: {memory:.0f} MB.",
        "",
        "## Two instances on RelStorage behind HAProxy and Varnish (cached)",
        "",
        f"wrk through Varnish, 50 connections, {seconds} s, anonymous.",
        "",
        "| request | req/s | p50 ms | p95 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, _path, _headers in CASES:
        r = cached[label]
        lines.append(
            f"| {label} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p95']:.2f} | {r['errors']} |"
        )
    lines += [
        "",
        "Targets (DESIGN.md): uncached pages at most 1.5× the baseline; cached anonymous "
        "pages at least 10,000 requests/s; at most 1 GiB per instance with 10,000 offers.",
        "",
    ]
    REPORT.write_text("\n".join(lines) + kept_sections(), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
