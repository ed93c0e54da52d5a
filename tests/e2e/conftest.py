"""Real-browser tests: the demo portal served by `make start`, driven by
Playwright through Debian's Chromium. Locally they skip with a message when
Chromium or npm is missing; under CI they must run."""

from e2e_support import DESKTOP
from e2e_support import PHONE
from pathlib import Path
import os
import pytest
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parents[2]
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory):
    """The demo portal (profiles/musterkreis.toml) on a free port."""
    instance = tmp_path_factory.mktemp("e2e") / "instance"
    port = free_port()
    env = {**os.environ, "ADMIN_USER": "admin", "ADMIN_PASSWORD": "e2e-admin-1"}
    log = instance.parent / "start.log"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "start", f"INSTANCE={instance}",
         f"PORT={port}", "HOST=localhost"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://localhost:{port}/Plone"
    try:
        deadline = time.monotonic() + 300
        while _get(url + "/de") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the portal did not start:\n{log.read_text()[-3000:]}"
                )
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


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
