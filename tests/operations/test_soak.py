"""`make soak` for three minutes, as CI runs it: the cluster under mixed load
while an instance is killed, PostgreSQL and Varnish restart and the blob
caches overflow; nothing confirmed is lost or stored twice, and the error rate
outside the fault windows stays under 0.1 %.

Its own database (soak_test_<pid>, dropped at the end) and free ports; the
report goes to a temporary file, never over bench/soak.md. Under CI the
PostgreSQL fault restarts the server; elsewhere only the soak's connections are
cut (SOAK_PG_FAULT=proxy), since others' tests share the server. Locally the
module is skipped when PostgreSQL, HAProxy or Varnish are missing; under CI
(CI=true) that is an error.
"""

from support import ci
from support import free_port
from support import make
from support import require_cluster_parts
import json
import os
import pytest
import re


pytestmark = pytest.mark.slow

DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")


@pytest.fixture(scope="module")
def soak(tmp_path_factory):
    require_cluster_parts("The soak test")
    base = tmp_path_factory.mktemp("soak")
    report = base / "soak.md"
    env = {
        "SOAK_MINUTES": "3",
        "SOAK_DIR": str(base / "run"),
        "SOAK_DB": f"soak_test_{os.getpid()}",
        "SOAK_REPORT": str(report),
        "SOAK_CACHE_PORT": str(free_port()),
        "SOAK_LB_PORT": str(free_port()),
        "SOAK_INSTANCE_PORTS": f"{free_port()},{free_port()}",
        "SOAK_PG_FAULT": os.environ.get("SOAK_PG_FAULT")
        or ("restart" if ci() else "proxy"),
    }
    result = make("soak", env=env, timeout=1200)
    submissions = [
        json.loads(line)
        for line in (base / "run" / "submissions.jsonl").read_text().splitlines()
    ]
    return {
        "result": result,
        "output": result.stdout + result.stderr,
        "report": report.read_text(encoding="utf-8") if report.exists() else "",
        "submissions": submissions,
    }


def test_the_soak_passes_every_check(soak):
    assert soak["result"].returncode == 0, soak["output"][-5000:]
    assert "Failed checks" not in soak["output"]


def test_the_report_is_written_with_every_check_passed(soak):
    report = soak["report"]
    assert report.startswith("# Soak test"), soak["output"][-3000:]
    checks = re.findall(r"^\| ([^|]+) \| (passed|\*\*FAILED\*\*) \|", report, re.M)
    names = {name.strip(): result for name, result in checks}
    for name in (
        "every confirmed submission exists exactly once",
        "no published change is missing",
        "no request to the surviving instance failed for longer than the fault window",
        "error rate outside the fault windows under 0.1 %",
    ):
        assert names.get(name) == "passed", (name, report)
    for fault in (
        "instance killed",
        "PostgreSQL restarted",
        "Varnish restarted",
        "blob cache filled",
    ):
        assert f"| {fault} |" in report, fault
    assert "is ready" in report


def test_every_kind_of_user_got_confirmations(soak):
    """The checks above count something: each kind of user submitted and was
    confirmed during the faults."""
    confirmed = {s["kind"] for s in soak["submissions"] if s["confirmed"]}
    assert confirmed >= {"page", "publish", "flat", "action"}, soak["submissions"]


def test_nothing_confirmed_is_lost_in_the_report(soak):
    rows = re.findall(
        r"^\| (editor's page|page published \(four eyes\)|landlord's flat|"
        r"action item) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$",
        soak["report"],
        re.M,
    )
    assert len(rows) == 4, soak["report"]
    for _kind, _sent, confirmed, once, lost in rows:
        assert int(confirmed) > 0
        assert int(once) == int(confirmed)
        assert lost == "0"
