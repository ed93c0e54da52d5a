"""The upgrade a district runs: the demo portal as the last release made it
(its code, its profiles, its create_site.py; scripts/upgrade_baseline.py),
with a few translations outdated by an editor's changes, is copied, upgraded
with `make upgrade` by the current code, started with `make start`, and
checked as an operator would: the profile version, the items per type, the
workflow states (the flats' among them), the translation statuses, a page
of each type as someone who may see it, the finder, and the places the
current version adds.

The baseline (scripts/upgrade_baseline.py, checked on its own by
test_upgrade_baseline_choice.py) is the newest release tag reachable from
HEAD whose profile version is lower than the code's, else the commit in
upgrade_baseline.txt if its version is lower: the last release before the
newest profile change. So on a release's tagged commit, and after it until
the next profile change, the steps since the release before still run. When
nothing lower exists (no profile change since the baseline), it is at the
code's version: the version tests then check that `make upgrade` has nothing
to do for the add-on, and every other test that the data stays as it was.
A clone without the baseline (shallow) skips here and fails under CI.
Every profile change comes with an upgrade step and passes this test; an
upgrade step that adds or removes items says so in CHANGED_BY_UPGRADES.

UPGRADE_BASELINE_DIR=/some/dir keeps the baseline portal between runs.
Built once for the module: about 90 s for the baseline portal, 15 s for the
upgrade, 30 s for the start."""

from pathlib import Path
from support import ci
from support import make
from support import ROOT
from support import started_portal
import html
import json
import os
import pytest
import re
import requests
import shutil
import subprocess
import sys
import time
import tomllib


pytestmark = pytest.mark.slow

PYTHON = Path(sys.executable)
BIN = PYTHON.parent
METADATA = ROOT / "src/integrationsportal/profiles/default/metadata.xml"
DEMO_PASSWORD = "musterkreis-demo"  # site/setuphandlers.py, demo only
# Items an upgrade step adds (+n) or removes (-n), by version and type:
# {"1015": {"Document": +1}}. The counts of every other type stay.
CHANGED_BY_UPGRADES = {}
PLACE_TYPES = ("Organisation", "Offer", "HousingOffer")
# types whose page sends on, by design, to another one (below the portal)
LANDING = {"FeedbackReports": "@@feedback-inbox"}


def newest_version():
    return re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)


def log(message):
    print(f"[upgrade test] {message}", flush=True)


def build_baseline(directory):
    log(f"building the baseline portal in {directory} …")
    process = subprocess.run(
        [PYTHON, ROOT / "scripts/upgrade_baseline.py", directory],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(process.stdout, flush=True)
    if process.returncode == 3:  # the baseline commit is not in this clone
        if ci():
            pytest.fail(process.stderr)
        pytest.skip(process.stderr.strip())
    assert process.returncode == 0, process.stdout + process.stderr
    return json.loads((directory / "baseline.json").read_text())


def copy_database(source, target):
    """The baseline's Data.fs and blobs into a new instance written by the
    current write_instance.py, as a restored backup would be."""
    subprocess.run([PYTHON, ROOT / "scripts/write_instance.py", target], check=True)
    var = target / "var"
    shutil.copy2(source / "var/filestorage/Data.fs", var / "filestorage/Data.fs")
    shutil.rmtree(var / "blobstorage")
    shutil.copytree(source / "var/blobstorage", var / "blobstorage")


def read_facts(instance, output):
    process = subprocess.run(
        [
            BIN / "zconsole",
            "run",
            instance / "zope.conf",
            ROOT / "scripts/upgrade_facts.py",
            "--output",
            output,
            "--pages",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return json.loads(output.read_text())


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """The upgraded portal, running, with what was found before and after."""
    work = tmp_path_factory.mktemp("upgrade")
    started = time.monotonic()
    # UPGRADE_BASELINE_DIR keeps the baseline portal between runs (it is
    # rebuilt there when the baseline changes); it is only ever copied
    kept = os.environ.get("UPGRADE_BASELINE_DIR")
    base = Path(kept).resolve() if kept else work / "baseline"
    baseline = build_baseline(base)
    instance = work / "upgraded" / "instance"
    log("copying its database and blobs …")
    copy_database(base / "instance", instance)
    log(f"make upgrade INSTANCE={instance} …")
    first = make("upgrade", f"INSTANCE={instance}", timeout=600)
    print(first.stdout, first.stderr, flush=True)
    second = make("upgrade", f"INSTANCE={instance}", timeout=600)
    log("reading the upgraded portal …")
    after = read_facts(instance, work / "after.json")
    log(f"starting the upgraded portal ({time.monotonic() - started:.0f} s so far) …")
    with started_portal(instance) as url:
        log(f"checking {url} …")
        yield {
            "baseline": baseline,
            "after": after,
            "first": first,
            "second": second,
            "url": url,
        }
    log(f"done in {time.monotonic() - started:.0f} s")


def test_the_baseline_is_the_release_made_by_its_own_code(upgraded):
    baseline = upgraded["baseline"]
    assert "/baseline/source/src/integrationsportal/" in baseline["package"]
    # lower, or the same when there has been no profile change since
    assert int(baseline["version"]) <= int(newest_version()), (
        f"The baseline {baseline['ref']} ({baseline['origin']}) is at profile "
        f"version {baseline['version']}, newer than the code's {newest_version()}."
    )
    statuses = set(baseline["translations"].values())
    assert statuses == {"current", "outdated"}, statuses


def test_make_upgrade_runs_every_pending_step_once(upgraded):
    first, second = upgraded["first"], upgraded["second"]
    before, newest = upgraded["baseline"]["version"], newest_version()
    assert first.returncode == 0, first.stdout + first.stderr
    if before == newest:  # no profile change since the baseline
        assert f"integrationsportal:default: at version {newest}, nothing to do." in (
            first.stdout
        ), first.stdout
    else:
        assert (
            f"integrationsportal:default: version {before} → {newest}." in first.stdout
        ), first.stdout
    # every version between is reached and committed
    for version in range(int(before) + 1, int(newest) + 1):
        assert f"at version {version} (committed)" in first.stdout, first.stdout
    assert upgraded["after"]["version"] == newest
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"at version {newest}, nothing to do." in second.stdout
    assert "Upgrade done: 0 steps" in second.stdout


def test_the_upgraded_portal_runs_the_current_code(upgraded):
    expected = ROOT / "src" / "integrationsportal" / "__init__.py"
    assert Path(upgraded["after"]["package"]) == expected


def test_catalog_counts_per_type_stay(upgraded):
    expected = dict(upgraded["baseline"]["counts"])
    for changes in CHANGED_BY_UPGRADES.values():
        for portal_type, difference in changes.items():
            expected[portal_type] = expected.get(portal_type, 0) + difference
    expected = {name: count for name, count in expected.items() if count}
    assert upgraded["after"]["counts"] == expected


def test_every_item_keeps_its_workflow_state(upgraded):
    before, after = upgraded["baseline"]["states"], upgraded["after"]["states"]
    changed = {
        path: (state, after.get(path, "gone"))
        for path, state in before.items()
        if after.get(path, "gone") != state
    }
    assert not changed, changed
    flats = {p: s for p, s in after.items() if p.startswith("wohnungen/")}
    # the demo's flats are in every state of the housing team's work
    assert {"new", "checked", "reserved", "placed", "withdrawn"} <= set(
        flats.values()
    ), flats


def test_translation_statuses_stay(upgraded):
    before, after = upgraded["baseline"], upgraded["after"]
    assert after["translations"] == before["translations"]
    assert after["outdated_indexed"] == before["outdated_indexed"]
    assert after["outdated_indexed"]


def outdated_per_language(statuses):
    counts = {}
    for path, status in statuses.items():
        if status == "outdated":
            language = path.split("/", 1)[0]
            counts[language] = counts.get(language, 0) + 1
    return counts


def test_the_translation_dashboard_shows_the_outdated_translations(upgraded):
    """The editors' dashboard counts, per language, the translations the
    baseline had outdated."""
    response = requests.get(
        f"{upgraded['url']}/de/@@translation-dashboard",
        auth=("redaktion", DEMO_PASSWORD),
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 200, response.text[-2000:]
    shown = {
        int(count)
        for count in re.findall(
            r'data-status="outdated"><a [^>]*>(\d+)</a>', response.text
        )
    }
    expected = outdated_per_language(upgraded["baseline"]["translations"])
    assert expected
    assert set(expected.values()) <= shown
    assert sum(
        int(c)
        for c in re.findall(r'data-status="outdated"><a [^>]*>(\d+)</a>', response.text)
    ) == sum(expected.values())


def shown(response, url, title=None):
    """Whether the item's page was shown: a 200 ending at ``url`` (the one
    asked for, or where its view sends on to by design; a page one may not
    see redirects to the login form, or to Plone's insufficient-privileges
    page, itself a 200), with the item's title and no traceback."""
    return (
        response.status_code == 200
        and response.url.rstrip("/") == url
        and (title is None or title in html.unescape(response.text))
        and "Traceback" not in response.text
    )


def test_a_page_of_each_type_renders_for_who_may_see_it(upgraded):
    pages = upgraded["after"]["pages"]
    # every type of the baseline (but the portal's own root) has a page to see
    assert set(upgraded["baseline"]["counts"]) <= set(pages), pages
    failures = {}
    for portal_type, page in sorted(pages.items()):
        url = f"{upgraded['url']}/{page['path']}".rstrip("/")
        user = page["user"]
        auth = None if user == "anonymous" else (user, DEMO_PASSWORD)
        landing = url
        # the portal's root shows the language choice, not its title
        title = page["title"] if page["path"] else None
        if portal_type in LANDING:
            landing, title = f"{upgraded['url']}/{LANDING[portal_type]}", None
        response = requests.get(url, auth=auth, timeout=60)
        if not shown(response, landing, title):
            failures[portal_type] = (url, user, response.status_code, response.url)
        elif user != "anonymous" and shown(
            requests.get(url, timeout=60), landing, title
        ):
            failures[portal_type] = (url, "anonymous visitors see it")
    assert not failures, failures
    # the staff types are among them, seen by their staff
    users = {pages[t]["user"] for t in ("HousingOffer", "RoundTable", "Feedback")}
    assert "anonymous" not in users, pages


def test_the_finder_works(upgraded):
    response = requests.get(
        f"{upgraded['url']}/de/@@offer-finder", allow_redirects=False, timeout=60
    )
    assert response.status_code == 200
    answer = requests.get(
        f"{upgraded['url']}/de/@offer-finder",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text[-2000:]
    found = answer.json()
    assert found["items_total"] > 0
    # what it lists are the published offers of the upgraded portal
    states = upgraded["after"]["states"]
    paths = [item["@id"].split("/Plone/", 1)[1] for item in found["items"]]
    assert paths
    assert {states.get(path) for path in paths} == {"published"}, paths


def test_places_are_there_once_the_district_enters_its_places(upgraded):
    """Upgrade 1014: every organisation, offer and flat has its catalog
    place (empty: the district has not entered its places yet); once the
    administrator enters the municipalities and postal codes (here those of
    the demo's site profile, through the REST registry as Site Setup → Maps
    and places would), the finder orders offers by distance."""
    places = upgraded["after"]["places"]
    assert places is not None, "the catalog has no place columns"
    counts = upgraded["after"]["counts"]
    assert len(places) == sum(counts.get(t, 0) for t in PLACE_TYPES)
    assert all(
        point is not None and precision is not None
        for point, precision in places.values()
    )

    profile = tomllib.loads((ROOT / "profiles/musterkreis.toml").read_text())["places"]
    admin = (
        os.environ.get("ADMIN_USER") or "admin",
        os.environ.get("ADMIN_PASSWORD") or "admin",
    )
    response = requests.patch(
        f"{upgraded['url']}/@registry",
        json={
            "integrationsportal.places.municipality_centres": {
                name: f"{lat:.6f},{lon:.6f}"
                for name, (lat, lon) in profile["municipalities"].items()
            },
            "integrationsportal.places.postal_codes": {
                code: f"{lat:.6f},{lon:.6f}"
                for code, (lat, lon) in profile["postal_codes"].items()
            },
        },
        headers={"Accept": "application/json"},
        auth=admin,
        timeout=300,
    )
    assert response.status_code == 204, response.text[-2000:]
    code = next(iter(profile["postal_codes"]))
    answer = requests.get(
        f"{upgraded['url']}/de/@offer-finder",
        params={"near": code},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text[-2000:]
    distances = [item["distance_km"] for item in answer.json()["items"]]
    known = [d for d in distances if d is not None]
    assert known, distances
    assert known == sorted(known)
