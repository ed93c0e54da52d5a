"""The public pages in German and Arabic, at phone and desktop size, as
machines check them: axe-core finds no violation of any impact (its default
rules, best practices included), and Lighthouse scores accessibility, best
practices and SEO at 100. Reports (axe-report.md, lighthouse-report.md) and
screenshots are kept in test-results/."""

from e2e_support import cases
from e2e_support import LANGUAGES
from e2e_support import Page
from e2e_support import RESULTS
from e2e_support import screenshot
from e2e_support import slug
import json
import lighthouse
import pytest


AXE_PAGES = (
    Page("language chooser", "", neutral=True),
    Page("start page", "/de"),
    Page("guided questions", "/de", "offer-finder-guide"),
    Page("finder with results", "/de", "offer-finder?category=language"),
    Page("offer", "/de/angebote/integrationskurs-am-vormittag"),
    Page("contact", "/de/ansprechpersonen/markus-feldmann", reached_from="offer"),
    Page("organisations", "/de/akteure"),
    Page("organisation", "/de/akteure/jobcenter-musterkreis", reached_from="offer"),
    Page("process chain", "/de/prozessketten/gefluechtete-in-arbeit"),
    Page("chain step", "/de/prozessketten/gefluechtete-in-arbeit/integrationskurs"),
    Page("good practices", "/de/praxisbeispiele"),
    Page("good practice", "/de/praxisbeispiele/kusel-wohnungstool", languages=("de",)),
    Page("housing form", "/de/wohnung-anbieten"),
    Page("flats available", "/de", "@@available-flats"),
    Page("easy read", "/de/leichte-sprache"),
    Page("sign language", "/de/gebaerdensprache"),
    Page("accessibility statement", "/de/barrierefreiheit"),
    Page("accessibility feedback", "/de", "@@accessibility-feedback"),
    Page("open data", "/de", "@@open-data"),
    Page("search", "/de", "@@search?SearchableText=Kurs"),
    Page("sitemap", "/de", "sitemap"),
    Page("my list, empty", "/de", "@@my-list"),
)
AXE_REPORT = {}
LIGHTHOUSE_SCORED = ("accessibility", "best-practices", "seo")


def _address(reader_pages, pages, name, language):
    target = reader_pages(pages)[name, language]
    if not target.url:
        pytest.fail(f"the reader finds no page: {target.note}")
    return target


@pytest.fixture(scope="module", autouse=True)
def write_axe_report():
    yield
    if not AXE_REPORT:
        return
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "axe-report.json").write_text(
        json.dumps(AXE_REPORT, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    lines = [
        "# axe-core results (default rules, every impact)",
        "",
        "| page | address | violations (impact): elements |",
        "| --- | --- | --- |",
    ]
    for name, entry in sorted(AXE_REPORT.items()):
        found = "; ".join(
            f"{v['id']} ({v['impact']}): " + ", ".join(map(str, v["nodes"]))
            for v in entry["violations"]
        )
        lines.append(f"| {name} | {entry['url']} | {found or 'none'} |")
    (RESULTS / "axe-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "language", "size"), cases(AXE_PAGES))
def test_axe_finds_no_violation(
    request, reader_pages, axe_source, name, language, size
):
    target = _address(reader_pages, AXE_PAGES, name, language)
    page = request.getfixturevalue(size).new_page()
    response = page.goto(target.url)
    assert response.status == 200, target.url
    screenshot(page, slug(size, language or "root", name))
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run(document)")
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    AXE_REPORT[f"{name} ({language or 'root'}, {size})"] = {
        "url": target.url,
        "passes": len(result["passes"]),
        "violations": violations,
    }
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def lighthouse_results(portal_url, node_modules):
    """One Lighthouse run per page and language (lighthouse.PAGES), two at a
    time, the table written to test-results/lighthouse-report.md."""
    results = lighthouse.measure(portal_url, LANGUAGES, jobs=2)
    lighthouse.write(results, RESULTS / "lighthouse-report", "Lighthouse (e2e)")
    return {(result.name, result.language): result for result in results}


@pytest.mark.parametrize(
    ("name", "language"),
    [
        pytest.param(page.name, language, id=slug(page.name, language))
        for page in lighthouse.PAGES
        for language in LANGUAGES
    ],
)
def test_lighthouse_scores_100(lighthouse_results, name, language):
    result = lighthouse_results[name, language]
    if not result.url:
        pytest.fail(f"the reader finds no page: {result.note}")
    assert not result.error, result.error
    below = {
        category: result.failing.get(category, [])
        for category in LIGHTHOUSE_SCORED
        if result.scores.get(category) != 100
    }
    assert not below, json.dumps(
        {"url": result.url, "scores": result.scores, "failing": below},
        ensure_ascii=False,
        indent=1,
    )
