"""Which state the upgrade test upgrades from (scripts/upgrade_baseline.py):
the newest release tag reachable from HEAD whose profile version is lower
than the code's, else the recorded commit, else (no profile change since)
one at the same version. Checked on a small git repository made here, with
profile versions, release tags, a tag on another branch and tags that are
not releases; no portal is built."""

from support import ROOT
import importlib.util
import os
import pytest
import subprocess
import sys


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


upgrade_baseline = load("upgrade_baseline")


class Repository:
    """A git repository holding only the profile's metadata.xml."""

    def __init__(self, path):
        self.path = path
        self.recorded = path / "upgrade_baseline.txt"
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "user.name", "Test")

    def git(self, *args):
        return subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=True
        ).stdout.strip()

    def commit(self, version, message=None):
        metadata = self.path / upgrade_baseline.METADATA
        metadata.parent.mkdir(parents=True, exist_ok=True)
        metadata.write_text(
            f'<?xml version="1.0"?>\n<metadata>\n  <version>{version}</version>\n'
            "</metadata>\n"
        )
        self.git("add", upgrade_baseline.METADATA)
        self.git(
            "commit", "--quiet", "--allow-empty", "-m", message or f"profile {version}"
        )
        return self.git("rev-parse", "HEAD")

    def record(self, commit):
        self.recorded.write_text(f"# the baseline before the first tag\n{commit}\n")

    def choose(self):
        ref, commit, version, _why = upgrade_baseline.choose(self.path, self.recorded)
        return ref, commit, version


@pytest.fixture
def repo(tmp_path):
    return Repository(tmp_path)


def test_before_the_first_release_the_recorded_commit(repo):
    old = repo.commit(1013)
    repo.commit(1014)
    repo.record(old)
    # a build tag and a tag that only looks like a version are no releases
    repo.git("tag", "build-5", old)
    repo.git("tag", "v2-nightly", old)
    assert repo.choose() == (old, old, 1013)


def test_a_release_below_the_code_s_profile_version(repo):
    recorded = repo.commit(1012)
    release = repo.commit(1013)
    repo.git("tag", "v1.0.0")
    repo.commit(1014)
    repo.record(recorded)
    assert repo.choose() == ("v1.0.0", release, 1013)


def test_on_a_release_and_after_it_the_release_before_the_profile_change(repo):
    """The newest tag is at the code's version (tagged now, or no profile
    change since): the baseline is the release before it, so the steps
    since then still run."""
    recorded = repo.commit(1012)
    release = repo.commit(1013)
    repo.git("tag", "v1.0.0")
    repo.commit(1014)
    repo.git("tag", "v1.1.0")
    repo.record(recorded)
    assert repo.choose() == ("v1.0.0", release, 1013)
    repo.commit(1014, "a fix without a profile change")
    assert repo.choose() == ("v1.0.0", release, 1013)
    # the next profile change: v1.1.0 is the baseline from now on
    repo.commit(1015)
    assert repo.choose()[::2] == ("v1.1.0", 1014)


def test_versions_are_ordered_as_versions(repo):
    repo.record(repo.commit(1010))
    repo.commit(1011)
    repo.git("tag", "v1.9.0")
    ten = repo.commit(1012)
    repo.git("tag", "v1.10.0")
    repo.commit(1013)
    assert repo.choose() == ("v1.10.0", ten, 1012)


def test_tags_not_reachable_from_head_are_not_taken(repo):
    recorded = repo.commit(1012)
    release = repo.commit(1013)
    repo.git("tag", "v1.0.0")
    repo.git("switch", "--quiet", "-c", "maintenance")
    repo.commit(1013, "a fix on another branch")
    repo.git("tag", "v9.0.0")
    repo.git("switch", "--quiet", "main")
    repo.commit(1014)
    repo.record(recorded)
    assert repo.choose() == ("v1.0.0", release, 1013)


def test_without_a_lower_version_one_at_the_same_version(repo):
    """No profile change since the baseline: it is taken all the same; the
    upgrade test then checks that nothing is pending and the data stays."""
    recorded = repo.commit(1014)
    repo.record(recorded)
    repo.commit(1014, "a fix without a profile change")
    assert repo.choose() == (recorded, recorded, 1014)
    release = repo.git("rev-parse", "HEAD")
    repo.git("tag", "v1.0.0")
    repo.commit(1014, "another fix")
    assert repo.choose() == ("v1.0.0", release, 1014)


def test_a_recorded_commit_missing_from_the_clone_is_named(repo):
    repo.commit(1014)
    repo.record("0123456789abcdef0123456789abcdef01234567")
    with pytest.raises(upgrade_baseline.BaselineMissing, match="0123456789abcdef"):
        repo.choose()


def test_nothing_at_or_below_the_code_s_version_is_an_error(repo):
    newer = repo.commit(1015)
    repo.commit(1014, "an older branch of the code")
    repo.record(newer)
    with pytest.raises(upgrade_baseline.NoBaseline, match="1014 or lower"):
        repo.choose()


def test_the_command_says_what_it_chose_and_why():
    """Here, in this repository: what the slow upgrade test will build."""
    process = subprocess.run(
        [sys.executable, ROOT / "scripts/upgrade_baseline.py", "--choose"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode == upgrade_baseline.MISSING and not os.environ.get("CI"):
        pytest.skip(process.stderr.strip())  # a shallow clone; CI has the history
    assert process.returncode == 0, process.stderr
    assert "profile version" in process.stdout, process.stdout
