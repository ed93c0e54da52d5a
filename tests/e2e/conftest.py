"""Fixtures of the real-browser tests: the demo portal served by
`make start` (``portal_url``; E2E_PORTAL_URL names a running one instead),
Playwright driving Debian's Chromium (``browser``) with a phone and a desktop
context, axe-core and Lighthouse from tests/e2e/node_modules (``npm ci``),
and the reader's pages in German and Arabic as a reader finds them
(``reader_pages``). Locally they skip with a message when Chromium or npm is
missing; under CI they must run."""

from e2e_support import DESKTOP
from e2e_support import LANGUAGES
from e2e_support import PHONE
from e2e_support import targets
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
    if os.environ.get("E2E_PORTAL_URL"):  # a portal already running
        yield os.environ["E2E_PORTAL_URL"].rstrip("/")
        return
    instance = tmp_path_factory.mktemp("e2e") / "instance"
    env = {"ADMIN_USER": "admin", "ADMIN_PASSWORD": "e2e-admin-1"}
    with started_portal(instance, env, timeout=300) as url:
        yield url


@pytest.fixture(scope="session")
def node_modules():
    """tests/e2e/node_modules with axe-core and Lighthouse, as package-lock.json
    pins them."""
    folder = HERE / "node_modules"
    needed = [folder / "axe-core" / "axe.min.js", folder / ".bin" / "lighthouse"]
    if not all(path.exists() for path in needed):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=HERE, check=True, timeout=600,
        )  # fmt: skip
    return folder


@pytest.fixture(scope="session")
def axe_source(node_modules):
    return (node_modules / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reader_pages(portal_url):
    """Resolves pages (``e2e_support.Page``) to their address in each
    language, once per set of pages: {(name, language): Target}."""
    found = {}

    def resolve(pages):
        key = tuple(pages)
        if key not in found:
            found[key] = {
                (target.name, target.language): target
                for target in targets(portal_url, LANGUAGES, pages)
            }
        return found[key]

    return resolve


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
