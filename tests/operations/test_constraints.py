"""The pinned set: complete, final releases only, matching the environment."""

from importlib import metadata
from support import ROOT
import importlib.util
import pytest
import sys


def _load_constraints_module():
    spec = importlib.util.spec_from_file_location(
        "project_constraints", ROOT / "scripts" / "constraints.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


constraints = _load_constraints_module()


@pytest.mark.parametrize(
    "version",
    [
        "7.0.0a6",
        "1.0b2",
        "2.0rc1",
        "3.0.dev4",
        "1.0.0-alpha.1",
        "4.0c1",
        "5.1.0.post1.dev0",
    ],
)
def test_prerelease_detected(version):
    assert constraints.is_prerelease(version) is True


@pytest.mark.parametrize(
    "version", ["6.0.2", "2026.10.18", "1.3.0.post0", "84.2.1", "1!2.0", "0.4.6"]
)
def test_final_release_accepted(version):
    assert constraints.is_prerelease(version) is False


def test_check_rejects_prerelease_with_a_clear_message(tmp_path):
    bad = tmp_path / "constraints.txt"
    bad.write_text(
        "Plone==6.2.2\nProducts.CMFPlone==6.2.2\nplone.restapi==10.0.4\n"
        "plone.app.layout==7.0.0a6\n"
    )
    with pytest.raises(constraints.ConstraintsError) as error:
        constraints.check(bad)
    assert "plone.app.layout==7.0.0a6 is a pre-release" in str(error.value)
    assert "constraints.txt:4" in str(error.value)


def test_check_command_exits_nonzero_on_prerelease(tmp_path, capsys):
    bad = tmp_path / "constraints.txt"
    bad.write_text("Plone==6.2.2\nProducts.CMFPlone==6.2.2\nplone.restapi==10.1.0b1\n")
    assert constraints.main(["constraints.py", "check", str(bad)]) == 1
    assert "pre-release" in capsys.readouterr().err


@pytest.mark.parametrize(
    "line", ["plone.api>=3", "plone.api", "-e git+https://example.org/x#egg=x"]
)
def test_check_rejects_unpinned_lines(tmp_path, line):
    bad = tmp_path / "constraints.txt"
    bad.write_text(f"Plone==6.2.2\n{line}\n")
    with pytest.raises(constraints.ConstraintsError, match="name==version"):
        constraints.check(bad)


def test_project_constraints_pass():
    pins = constraints.check(ROOT / "constraints.txt")
    assert pins["plone"][1].startswith("6.2.")
    assert pins["plone-app-layout"][1].startswith("6.")


def test_environment_is_exactly_the_pinned_set():
    """Every distribution installed here is pinned, at the installed version."""
    pins = constraints.check(ROOT / "constraints.txt")
    mismatches = []
    for dist in metadata.distributions():
        name = constraints.normalize(dist.metadata["Name"])
        if name == "integrationsportal":
            continue
        if name not in pins:
            mismatches.append(f"{name} {dist.version} is installed but not pinned")
        elif pins[name][1] != dist.version:
            mismatches.append(
                f"{name} {dist.version} is installed, pinned {pins[name][1]}"
            )
    if sys.prefix == sys.base_prefix:
        pytest.skip("not inside a virtual environment; the comparison needs .venv")
    assert mismatches == []
