"""Lighthouse over the reader's pages in German and Arabic, on a phone.

    python bench/lighthouse.py [PORTAL_URL] [--languages de ar] [--output STEM]

PORTAL_URL defaults to http://localhost:8080/Plone (the demo portal; use
``localhost``, requests to 127.0.0.1 are not themed). Lighthouse 12.2.3 comes
from tests/e2e/node_modules (``npm ci`` there) and drives Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium) in Lighthouse's default mobile
form factor, one run per page, for the categories performance, accessibility,
best practices and SEO. It writes STEM.md, a table of the four scores and the
ids of the failing accessibility, best-practice and SEO audits with the
elements they name, and STEM.json (default STEM: bench/lighthouse-report).

A page is named by its German content path and an optional view; its
counterpart in another language is found as readers reach it, through the
content's translations (plone.restapi ``@translations``), so no slug of
another language is written here. A contact that has no translation is
measured where the reader of that language meets it: the first contact
linked from the offer in that language (a German page).
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from lxml import html
from pathlib import Path
from urllib.parse import urljoin
from urllib.parse import urlparse
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests" / "e2e" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHECKED = ("accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
TIMEOUT = 180


@dataclass(frozen=True)
class Page:
    """A reader's page: its German content path and the view shown on it.
    ``reached_from`` names the page whose version in another language links
    to it when the content has no translation; ``languages`` limits the
    languages it exists in; a ``neutral`` page is the same for every reader
    (the portal root)."""

    name: str
    path: str
    view: str = ""
    reached_from: str | None = None
    languages: tuple[str, ...] | None = None
    neutral: bool = False


PAGES = (
    Page("start page", "/de"),
    Page("finder", "/de", "offer-finder?category=language"),
    Page("offer", "/de/angebote/integrationskurs-am-vormittag"),
    Page("contact", "/de/ansprechpersonen/markus-feldmann", reached_from="offer"),
    Page("chain", "/de/prozessketten/gefluechtete-in-arbeit"),
    Page("housing form", "/de/wohnung-anbieten"),
)


@dataclass
class Target:
    """One page in one language: its address, or why there is none."""

    name: str
    language: str
    url: str | None
    note: str = ""


@dataclass
class Result:
    name: str
    language: str
    url: str | None
    note: str = ""
    scores: dict = field(default_factory=dict)
    failing: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    error: str = ""


def _get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def _translation(base, path, language):
    """The address of the content at ``path`` in ``language``, or None."""
    if language == "de":
        return base + path
    try:
        answer = json.loads(_get(base + path + "/@translations", "application/json"))
    except (urllib.error.URLError, ValueError):
        return None
    for item in answer.get("items", []):
        if item.get("language") == language:
            return item["@id"]
    return None


def _with_view(url, view):
    return url.rstrip("/") + "/" + view if view else url


def _linked(origin, path):
    """The first link on the page at ``origin`` into the folder of ``path``."""
    folder = path.rsplit("/", 1)[0] + "/"
    try:
        tree = html.fromstring(_get(origin))
    except (urllib.error.URLError, ValueError):
        return None
    for href in tree.xpath("//main//a/@href | //*[@id='content']//a/@href"):
        url = urljoin(origin, href)
        if folder in urlparse(url).path:
            return url
    return None


def targets(base, languages, pages=PAGES):
    """Each page in each language, found as a reader finds it."""
    found = {}
    for page in pages:
        if page.neutral:
            found[page.name, ""] = Target(
                page.name, "", _with_view(base + page.path, page.view)
            )
    for language in languages:
        for page in pages:
            if page.neutral or (page.languages and language not in page.languages):
                continue
            url = _translation(base, page.path, language)
            note = ""
            origin = found.get((page.reached_from, language))
            if url is None and origin and origin.url:
                url = _linked(origin.url, page.path)
                if url:
                    note = (
                        f"no {language} {page.name}: the one the {origin.name} links to"
                    )
            if url is None:
                note = f"no {language} {page.name}"
            else:
                url = _with_view(url, page.view)
            found[page.name, language] = Target(page.name, language, url, note)
    return list(found.values())


def _elements(audit):
    """The elements an audit names (CSS selectors or addresses), at most 5."""
    items = (audit.get("details") or {}).get("items") or []
    named = []
    for item in items:
        node = item.get("node") or {}
        label = (
            node.get("selector") or item.get("url") or item.get("source", {}).get("url")
        )
        for sub in (item.get("subItems") or {}).get("items") or []:
            label = label or (sub.get("relatedNode") or {}).get("selector")
        if label and label not in named:
            named.append(label)
    return named[:5]


# Lighthouse's simulated timings (ms) and its count of what the page loads
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si_ms": "speed-index",
}


def metrics(report):
    """The timings and the bytes transferred, by kind of resource."""
    audits = report["audits"]
    found = {
        name: round(audits[audit]["numericValue"], 3 if name == "cls" else 0)
        for name, audit in METRICS.items()
        if audits.get(audit, {}).get("numericValue") is not None
    }
    summary = (audits.get("resource-summary", {}).get("details") or {}).get("items")
    for item in summary or []:
        found[f"{item['resourceType']}_bytes"] = item.get("transferSize", 0)
        found[f"{item['resourceType']}_requests"] = item.get("requestCount", 0)
    return found


def summarise(report):
    """Scores (0-100), the failing audits of the checked categories and the
    metrics."""
    scores = {
        name: round(category["score"] * 100)
        if category.get("score") is not None
        else None
        for name, category in report["categories"].items()
    }
    failing = {}
    for name in CHECKED:
        category = report["categories"].get(name)
        if not category:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if (
                ref.get("weight", 0) > 0
                and (audit.get("score") or 0) < 1
                and audit.get("scoreDisplayMode") in ("binary", "numeric")
            ):
                failing.setdefault(name, []).append(
                    {
                        "id": audit["id"],
                        "title": audit["title"],
                        "elements": _elements(audit),
                    }
                )
    return scores, failing, metrics(report)


def run(url, chrome=None):
    """One Lighthouse run on ``url``: its scores, failing audits and
    metrics."""
    env = dict(os.environ)
    env["CHROME_PATH"] = chrome or env.get("CHROME_PATH") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--only-categories=" + ",".join(CATEGORIES),
            f"--chrome-flags={CHROME_FLAGS}",
            "--disable-full-page-screenshot",
        ]
        finished = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
        if finished.returncode or not output.exists():
            raise RuntimeError(finished.stderr.strip()[-2000:] or "no report")
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(report["runtimeError"].get("message", "runtime error"))
    return summarise(report)


def measure(base, languages=("de", "ar"), chrome=None, log=None, jobs=1):
    """Lighthouse on every page in every language, ``jobs`` runs at a time
    (one Chromium each): a Result per target, in the order of ``targets``."""

    def one(target):
        result = Result(**asdict(target))
        if target.url:
            started = time.monotonic()
            try:
                result.scores, result.failing, result.metrics = run(target.url, chrome)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                result.error = str(error)
            if log:
                log(f"{target.name} ({target.language}): {result.scores or result.error}"
                    f" in {time.monotonic() - started:.0f} s")  # fmt: skip
        return result

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, targets(base, languages)))


def figures(found):
    """LCP, FCP, TBT, KiB and JavaScript KiB of a run, as table cells."""

    def seconds(name):
        return f"{found[name] / 1000:.1f}" if name in found else "–"

    def kib(name):
        return f"{found[name] / 1024:.0f}" if name in found else "–"

    tbt = f"{found['tbt_ms']:.0f}" if "tbt_ms" in found else "–"
    return [
        seconds("lcp_ms"),
        seconds("fcp_ms"),
        tbt,
        kib("total_bytes"),
        kib("script_bytes"),
    ]


def table(results, title="Lighthouse"):
    """The results as Markdown: one row per page and language, then the
    elements each failing audit names."""

    def score(result, name):
        value = result.scores.get(name)
        return "–" if value is None else str(value)

    lines = [
        f"# {title}",
        "",
        "Lighthouse 12.2.3, mobile form factor (default), Debian's Chromium.",
        "",
        "Simulated slow 4G. LCP and FCP in seconds; KiB as transferred"
        " (compressed), all of the page and its JavaScript.",
        "",
        "| page | language | performance | LCP s | FCP s | TBT ms | KiB | JS KiB "
        "| accessibility | best practices | SEO | failing audits (a11y / bp / SEO) |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |",
    ]
    for result in results:
        if not result.url:
            failing = result.note
        elif result.error:
            failing = "error: " + result.error.splitlines()[-1][:120]
        else:
            failing = " / ".join(
                ", ".join(audit["id"] for audit in result.failing.get(name, [])) or "–"
                for name in CHECKED
            )
            if result.note:
                failing = f"{failing} ({result.note})"
        lines.append(
            f"| {result.name} | {result.language} | {score(result, 'performance')} | "
            + " | ".join(figures(result.metrics))
            + " | "
            + " | ".join(score(result, name) for name in CHECKED)
            + f" | {failing} |"
        )
    lines += ["", "## Pages", ""]
    for result in results:
        lines.append(f"- {result.name} ({result.language}): {result.url or '–'}")
    details = [
        f"- {result.name} ({result.language}) `{audit['id']}`: {audit['title']}"
        + (" — " + ", ".join(f"`{e}`" for e in audit["elements"]) if audit["elements"] else "")
        for result in results
        for name in CHECKED
        for audit in result.failing.get(name, [])
    ]  # fmt: skip
    if details:
        lines += ["", "## Failing audits", "", *details]
    return "\n".join(lines) + "\n"


def write(results, stem, title="Lighthouse"):
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".md").write_text(table(results, title), encoding="utf-8")
    stem.with_suffix(".json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--languages", nargs="+", default=["de", "ar"])
    parser.add_argument("--output", default=str(ROOT / "bench" / "lighthouse-report"))
    parser.add_argument("--title", default="Lighthouse")
    parser.add_argument("--jobs", type=int, default=1, help="runs at a time")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in tests/e2e")
    results = measure(args.base.rstrip("/"), args.languages, log=print, jobs=args.jobs)
    write(results, args.output, args.title)
    print(f"written: {args.output}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
