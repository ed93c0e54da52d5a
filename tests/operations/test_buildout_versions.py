"""versions.cfg (buildout) and constraints.txt pin the same set."""

from support import ROOT
import configparser
import importlib.util


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


versions_cfg = load("versions_cfg")


def test_versions_cfg_agrees_with_constraints():
    problems = versions_cfg.compare(
        (ROOT / "constraints.txt").read_text(), (ROOT / "versions.cfg").read_text()
    )
    assert problems == []


def test_compare_reports_a_changed_and_a_missing_pin():
    constraints = "Plone==6.2.2\nplone.api==3.0.3\n"
    versions = "[versions]\nPlone = 6.2.1\n"
    problems = versions_cfg.compare(constraints, versions)
    assert problems == [
        "Plone: constraints.txt has 6.2.2, versions.cfg 6.2.1",
        "plone.api is pinned in constraints.txt but not in versions.cfg",
    ]


def test_render_holds_every_pin_and_the_buildout_tools():
    constraints = (ROOT / "constraints.txt").read_text()
    tools = (ROOT / "requirements-buildout.txt").read_text()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(versions_cfg.render(constraints, tools))
    pinned = dict(parser["versions"])
    assert pinned["Plone"] == "6.2.2"
    assert pinned["zc.buildout"] == "6.0.1"
    assert pinned["plone.recipe.zope2instance"] == "9.1.0"
    assert len(pinned) == len(
        [line for line in constraints.splitlines() if "==" in line]
    ) + len([line for line in tools.splitlines() if "==" in line])


def test_buildout_tools_refuse_prereleases(tmp_path):
    import pytest

    with pytest.raises(Exception, match="pre-release"):
        versions_cfg.render("Plone==6.2.2\n", "zc.buildout==7.0.0a1\n")
