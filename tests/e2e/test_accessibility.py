"""axe-core over the public pages, in German and Arabic: no serious or
critical violation (WCAG 2.1 AA). The report is kept in test-results/."""

from e2e_support import RESULTS
from e2e_support import screenshot
import json
import pytest


PAGES = [
    ("start page", "/de"),
    ("finder with results", "/de/@@offer-finder?category=language"),
    ("offer", "/de/angebote/integrationskurs-am-vormittag"),
    ("organisation", "/de/akteure/jobcenter-musterkreis"),
    ("contact", "/de/ansprechpersonen/markus-feldmann"),
    ("process chain", "/de/prozessketten/gefluechtete-in-arbeit"),
    ("good practice", "/de/praxisbeispiele/kusel-wohnungstool"),
    ("housing form", "/de/wohnung-anbieten"),
    ("flats available", "/de/@@available-flats"),
    ("Leichte Sprache", "/de/leichte-sprache"),
    ("sign language", "/de/gebaerdensprache"),
    ("accessibility statement", "/de/barrierefreiheit"),
    ("open data", "/de/@@open-data"),
    ("Arabic start page", "/ar/marhaban"),
    ("Arabic finder with results", "/ar/@@offer-finder?category=language"),
    ("Arabic offer", "/ar/arud/dawrat-al-indimaj-sabahan"),
    ("Arabic easy read", "/ar/lugha-basita"),
    ("Arabic accessibility statement", "/ar/bayan-imkaniyat-al-wusul"),
    ("Arabic flats available", "/ar/@@available-flats"),
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORT = {}


@pytest.fixture(scope="module", autouse=True)
def write_report():
    yield
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "axe-report.json").write_text(
        json.dumps(REPORT, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    lines = [
        "# axe-core results",
        "",
        "| page | path | violations (impact) |",
        "| --- | --- | --- |",
    ]
    for name, entry in REPORT.items():
        found = (
            ", ".join(f"{v['id']} ({v['impact']})" for v in entry["violations"])
            or "none"
        )
        lines.append(f"| {name} | {entry['path']} | {found} |")
    (RESULTS / "axe-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_or_critical_violations(
    desktop, phone, portal_url, axe_source, name, path
):
    page = desktop.new_page()
    response = page.goto(portal_url + path)
    assert response.status == 200, path
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    REPORT[name] = {
        "path": path,
        "passes": len(result["passes"]),
        "violations": violations,
    }
    screenshot(page, "desktop-" + name.replace(" ", "-"))
    small = phone.new_page()
    small.goto(portal_url + path)
    screenshot(small, "phone-" + name.replace(" ", "-"))
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)
