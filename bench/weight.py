"""What a reader's phone downloads: a first visit and a repeat visit to each
of the reader's pages, in German and Arabic.

    python bench/weight.py [PORTAL_URL] [--languages de ar] [--output STEM]

Each page is opened in a fresh phone-sized Chromium context (Debian's
Chromium through Playwright), as a first visit: nothing cached, no service
worker yet. The bytes are those on the wire (compressed bodies and headers,
Playwright's ``request.sizes()``), summed by kind: the page, styles,
scripts, fonts, images and others. Then the same page is opened again in
the same context, as a reader who comes back does: the repeat visit.

What the service worker downloads on its own after the first visit (the
pages it keeps for offline reading: the process chains of the reader's
language and the offline page) is counted apart, as "offline set-up". On
the repeat visit the worker fetches the page for the browser: its bytes
count as the page's.

Writes STEM.md and STEM.json (default STEM: bench/weight).
"""

from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from lighthouse import targets
from pathlib import Path
import argparse
import json
import sys


ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
KINDS = ("document", "stylesheet", "script", "font", "image", "other")
# after the load: the service worker registers and keeps the page (2 s)
SETTLE_MS = 6000
BUDGET_FIRST = 150 * 1024
BUDGET_SCRIPT = 30 * 1024
BUDGET_REPEAT = 20 * 1024


@dataclass
class Visit:
    bytes: dict = field(default_factory=dict)
    requests: int = 0

    @property
    def total(self):
        return sum(self.bytes.values())


@dataclass
class Weight:
    name: str
    language: str
    url: str | None
    first: Visit = field(default_factory=Visit)
    repeat: Visit = field(default_factory=Visit)
    offline_setup: Visit = field(default_factory=Visit)
    error: str = ""


def combined(one, other):
    visit = Visit(dict(one.bytes), one.requests + other.requests)
    for name, size in other.bytes.items():
        visit.bytes[name] = visit.bytes.get(name, 0) + size
    return visit


def kind(request):
    resource = request.resource_type
    if resource in KINDS:
        return resource
    return "other"


class Recorder:
    """Bytes of the finished requests of a context, split into those of the
    page and those of its service worker."""

    def __init__(self, context):
        self.page = Visit()
        self.worker = Visit()
        context.on("requestfinished", self.finished)

    def finished(self, request):
        response = request.response()
        if response is None or response.from_service_worker:
            return  # answered from the worker's cache: nothing on the wire
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if size <= 0:
            return  # the browser's own cache
        visit = self.worker if request.service_worker else self.page
        name = kind(request)
        visit.bytes[name] = visit.bytes.get(name, 0) + size
        visit.requests += 1

    def take(self):
        """What the page and the worker downloaded since the last take."""
        taken = (self.page, self.worker)
        self.page, self.worker = Visit(), Visit()
        return taken


def measure_one(browser, target):
    weight = Weight(target.name, target.language, target.url)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        recorder = Recorder(context)
        page = context.new_page()
        page.goto(target.url, wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        weight.first, weight.offline_setup = recorder.take()
        page.goto(target.url, wait_until="load")
        page.wait_for_timeout(3000)
        # the worker now fetches the page itself: both count
        own, worker = recorder.take()
        weight.repeat = combined(own, worker)
    except Exception as error:  # noqa: BLE001 - reported in the table
        weight.error = str(error).splitlines()[0][:200]
    finally:
        context.close()
    return weight


def measure(base, languages, log=print):
    from playwright.sync_api import sync_playwright

    found = [target for target in targets(base, languages) if target.url]
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for number, target in enumerate(found, 1):
                weight = measure_one(browser, target)
                results.append(weight)
                log(
                    f"[{number}/{len(found)}] {target.name} ({target.language}): "
                    f"first {kib(weight.first.total)} KiB, "
                    f"repeat {kib(weight.repeat.total)} KiB {weight.error}"
                )
        finally:
            browser.close()
    return results


def kib(size):
    return f"{size / 1024:.1f}"


def table(results):
    lines = [
        "# What a reader's phone downloads",
        "",
        "Written by `bench/weight.py`: Debian's Chromium at 390 px, one fresh"
        " context per page; bytes on the wire (compressed bodies and headers)."
        " Budgets: a first visit at most 150 KiB, of it at most 30 KiB of"
        " JavaScript; a repeat visit at most 20 KiB.",
        "",
        "| page | language | first visit KiB | page | styles | scripts | fonts "
        "| images | requests | repeat visit KiB | offline set-up KiB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        first = result.first.bytes
        lines.append(
            f"| {result.name} | {result.language} | {kib(result.first.total)} | "
            + " | ".join(
                kib(first.get(name, 0))
                for name in ("document", "stylesheet", "script", "font", "image")
            )
            + f" | {result.first.requests} | {kib(result.repeat.total)} | "
            f"{kib(result.offline_setup.total)} |"
            + (f" error: {result.error}" if result.error else "")
        )
    over = [
        f"- {result.name} ({result.language}): {problem}"
        for result in results
        for problem in budget_problems(result)
    ]
    lines += ["", "## Budgets", ""]
    lines += over or ["Every page keeps every budget."]
    lines += ["", "## Pages", ""]
    lines += [f"- {r.name} ({r.language}): {r.url}" for r in results]
    return "\n".join(lines) + "\n"


def budget_problems(result):
    problems = []
    if result.first.total > BUDGET_FIRST:
        problems.append(f"first visit {kib(result.first.total)} KiB > 150 KiB")
    if result.first.bytes.get("script", 0) > BUDGET_SCRIPT:
        problems.append(f"JavaScript {kib(result.first.bytes['script'])} KiB > 30 KiB")
    if result.repeat.total > BUDGET_REPEAT:
        problems.append(f"repeat visit {kib(result.repeat.total)} KiB > 20 KiB")
    if result.error:
        problems.append(result.error)
    return problems


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--languages", nargs="+", default=["de", "ar"])
    parser.add_argument("--output", default=str(ROOT / "bench" / "weight"))
    args = parser.parse_args(argv)
    results = measure(args.base.rstrip("/"), args.languages)
    stem = Path(args.output)
    stem.with_suffix(".md").write_text(table(results), encoding="utf-8")
    stem.with_suffix(".json").write_text(
        json.dumps(
            [
                {
                    **asdict(r),
                    "first_total": r.first.total,
                    "repeat_total": r.repeat.total,
                }
                for r in results
            ],
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written: {stem}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
