"""Fixtures of the real-browser tests: the demo portal served by
`make start` (``portal_url``), Playwright driving Debian's Chromium
(``browser``) with a phone and a desktop context, and axe-core. Locally they
skip with a message when Chromium or npm is missing; under CI they must
run."""

from e2e_support import DESKTOP
from e2e_support import PHONE
from pathlib import Path
from support import started_portal
import os
import pytest
import shutil
import subprocess


HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing():
    if not Path(CHROMIUM).exists():
        return f"Chromium is missing at {CHROMIUM} (apt-get install chromium)"
    if not shutil.which("npm"):
        return "npm is missing (axe-core comes from the npm registry)"
    return None


MISSING = _missing()


def pytest_collection_modifyitems(config, items):
    if MISSING and os.environ.get("CI") != "true":
        skip = pytest.mark.skip(reason=f"browser tests need their parts: {MISSING}")
        for item in items:
            if "/e2e/" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory):
    """The demo portal (profiles/musterkreis.toml) on a free port."""
    instance = tmp_path_factory.mktemp("e2e") / "instance"
    env = {"ADMIN_USER": "admin", "ADMIN_PASSWORD": "e2e-admin-1"}
    with started_portal(instance, env, timeout=300) as url:
        yield url


@pytest.fixture(scope="session")
def axe_source():
    script = HERE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=HERE, check=True, timeout=300,
        )  # fmt: skip
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()
