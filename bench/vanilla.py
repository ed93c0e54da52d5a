"""The portal's public pages against vanilla Plone's classic front page,
timed interleaved in one run on the same machine.

    python bench/vanilla.py PORTAL_URL [--vanilla URL] [--rounds N] [--output STEM]

Vanilla Plone is built from constraints.txt without the add-on, in its own
virtual environment and instance (``--build DIR``, default
``var/vanilla``; made once, about two minutes): ``pip install Plone`` with
the pinned set, ``mkwsgiinstance``, a classic site with Plone's example
content (``addPloneSite`` with ``plone.app.contenttypes:plone-content``),
served by waitress on ``--vanilla-port`` (default 8091). ``--vanilla URL``
uses a vanilla site running elsewhere instead.

Every round asks for each page once, in turn (the vanilla front page
among them), anonymously and without compression, as ``localhost`` (the
theme applies), so a slow moment of the machine falls on all pages alike.
Two figures per page:

- *as readers get it*: the same address again, so an anonymous reader's
  page comes from plone.app.caching's RAM cache once it was rendered;
- *rendered*: the address with a new, ignored query parameter each time,
  so the page is rendered anew every time (the vanilla front page, which
  Plone does not keep in RAM, is rendered either way).

Writes STEM.md and STEM.json (default STEM: bench/vanilla).
"""

from pathlib import Path
from statistics import median
import argparse
import json
import re
import subprocess
import sys
import time
import urllib.request


sys.path.insert(0, str(Path(__file__).parent))
from lighthouse import Page  # noqa: E402
from lighthouse import targets  # noqa: E402


ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    Page("start page", "/de"),
    Page("offer", "/de/angebote/integrationskurs-am-vormittag"),
    Page("contact", "/de/ansprechpersonen/markus-feldmann", reached_from="offer"),
    Page("chain", "/de/prozessketten/gefluechtete-in-arbeit"),
    Page("good practice", "/de/praxisbeispiele"),
    Page("finder", "/de", "offer-finder"),
    Page(
        "finder, two filters", "/de", "offer-finder?category=language&german_level=B1"
    ),
    Page("finder, full text", "/de", "offer-finder?SearchableText=Sprachkurs"),
)
CREATE_SITE = """
from Products.CMFPlone.factory import addPloneSite
import transaction
app = globals()["app"]
if "Plone" not in app.objectIds():
    addPloneSite(
        app, "Plone", title="Vanilla Plone", setup_content=True,
        extension_ids=("plone.app.contenttypes:plone-content",),
        default_language="de",
    )
    transaction.commit()
    print("vanilla site created")
"""


def say(message):
    print(message, flush=True)


def build_vanilla(folder):
    """Plone from constraints.txt, without the add-on, in ``folder``."""
    folder = Path(folder).resolve()
    venv = folder / "venv"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        say(f"[vanilla 1/3] Installing Plone from constraints.txt into {venv} …")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        constraints = str(ROOT / "constraints.txt")
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-c", constraints, "Plone"],
            check=True,
        )
        (venv / ".installed").touch()
    instance = folder / "instance"
    if not (instance / "etc" / "zope.conf").exists():
        say(f"[vanilla 2/3] Writing the instance {instance} …")
        subprocess.run(
            [
                str(venv / "bin" / "mkwsgiinstance"),
                "-d",
                str(instance),
                "-u",
                "admin:admin",
            ],
            check=True,
        )
    # its server listens where it is told (mkwsgiinstance writes a fixed
    # 127.0.0.1 and 8080; requests to 127.0.0.1 are not themed)
    ini = instance / "etc" / "zope.ini"
    text = ini.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^host = .*$", "host = %(http_host)s", text)
    text = re.sub(r"(?m)^port = .*$", "port = %(http_port)s", text)
    ini.write_text(text, encoding="utf-8")
    script = folder / "create_site.py"
    script.write_text(CREATE_SITE, encoding="utf-8")
    say("[vanilla 3/3] Creating the classic site (once) …")
    subprocess.run(
        [str(venv / "bin" / "zconsole"), "run", str(instance / "etc" / "zope.conf"),
         str(script)],
        check=True,
    )  # fmt: skip
    return venv, instance


def serve_vanilla(venv, instance, port):
    log = (instance / "var" / "log" / "bench.log").open("a")
    process = subprocess.Popen(
        [str(venv / "bin" / "runwsgi"), str(instance / "etc" / "zope.ini"),
         f"http_port={port}", "http_host=localhost"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://localhost:{port}/Plone"
    for _ in range(240):
        try:
            fetch(url)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"vanilla Plone did not answer at {url}")


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise OSError(f"{url} answered {status}")
    return elapsed


def busted(url, number):
    return f"{url}{'&' if '?' in url else '?'}bench={number}"


def measure(cases, baseline_url, rounds):
    """Interleaved: every round times each case once, cached and rendered."""
    times = {name: {"cached": [], "rendered": []} for name, _url in cases}
    times["vanilla"] = {"cached": [], "rendered": []}
    for _name, url in cases:  # warm: each page rendered once
        fetch(url)
    for number in range(rounds):
        times["vanilla"]["rendered"].append(fetch(baseline_url))
        for name, url in cases:
            times[name]["cached"].append(fetch(url))
            times[name]["rendered"].append(fetch(busted(url, number)))
        if (number + 1) % 10 == 0:
            say(f"round {number + 1}/{rounds}")
    return times


def table(times, cases, rounds, baseline_url):
    base = median(times["vanilla"]["rendered"])
    lines = [
        "# The portal's pages against vanilla Plone",
        "",
        f"Written by `bench/vanilla.py`: {rounds} interleaved rounds, p50 in ms,"
        " anonymous, uncompressed, one instance each on this machine. Vanilla"
        f" Plone's classic front page ({baseline_url}): **{base:.1f} ms** (1.00)."
        " *As readers get it*: the page asked for again (plone.app.caching's RAM"
        " cache, ETag-checked, serves it). *Rendered*: a new ignored parameter"
        " every time, so the page is rendered anew. Target: at most 0.75.",
        "",
        "| page | language | as readers get it ms | × vanilla | rendered ms | × vanilla |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, _url in cases:
        cached = median(times[name]["cached"])
        rendered = median(times[name]["rendered"])
        page, language = name.rsplit(" (", 1)
        lines.append(
            f"| {page} | {language.rstrip(')')} | {cached:.1f} | {cached / base:.2f} "
            f"| {rendered:.1f} | {rendered / base:.2f} |"
        )
    lines += ["", "## Pages", "", *(f"- {name}: {url}" for name, url in cases)]
    return "\n".join(lines) + "\n"


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("portal", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--vanilla", help="a vanilla Plone site's URL, running")
    parser.add_argument("--build", default=str(ROOT / "var" / "vanilla"))
    parser.add_argument("--vanilla-port", type=int, default=8091)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--languages", nargs="+", default=["de", "ar"])
    parser.add_argument("--output", default=str(ROOT / "bench" / "vanilla"))
    args = parser.parse_args(argv)
    process = None
    baseline = args.vanilla
    if not baseline:
        venv, instance = build_vanilla(args.build)
        process, baseline = serve_vanilla(venv, instance, args.vanilla_port)
    try:
        found = targets(args.portal.rstrip("/"), args.languages, PAGES)
        cases = [(f"{t.name} ({t.language})", t.url) for t in found if t.url]
        say(f"Timing {len(cases)} pages and vanilla Plone, {args.rounds} rounds …")
        times = measure(cases, baseline, args.rounds)
    finally:
        if process:
            process.terminate()
            process.wait(timeout=30)
    stem = Path(args.output)
    stem.with_suffix(".md").write_text(
        table(times, cases, args.rounds, baseline), encoding="utf-8"
    )
    stem.with_suffix(".json").write_text(json.dumps(times) + "\n", encoding="utf-8")
    say(f"written: {stem}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
