"""Helpers of the browser tests (imported by conftest.py and the tests).

The reader's pages are named once, by their German path, in
bench/lighthouse.py (``Page``); ``targets`` finds each in another language
as a reader does, through its translations, so the tests hard-code no slug
of another language."""

from support import ROOT
import pytest
import re
import sys
import time


sys.path.insert(0, str(ROOT / "bench"))
from lighthouse import Page  # noqa: E402
from lighthouse import targets  # noqa: E402


RESULTS = ROOT / "test-results"
PASSWORD = "musterkreis-demo"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
LANGUAGES = ("de", "ar")

__all__ = ["Page", "targets"]


def login(context, portal_url, user):
    page = context.new_page()
    page.goto(portal_url + "/login")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", PASSWORD)
    page.click("button[name='buttons.login']")
    page.wait_for_load_state()
    return page


def screenshot(page, name, full_page=True):
    folder = RESULTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def slug(*parts):
    """A file name made of ``parts``: "phone-ar-offer"."""
    text = "-".join(part for part in parts if part)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def page_languages(page, languages=LANGUAGES):
    """The languages ``page`` is checked in ("" for the portal root)."""
    if page.neutral:
        return ("",)
    return tuple(x for x in languages if x in (page.languages or languages))


def cases(pages, languages=LANGUAGES, sizes=tuple(SIZES)):
    """pytest parameters (page name, language, size) of ``pages``, with ids."""
    return [
        pytest.param(page.name, language, size, id=slug(page.name, language, size))
        for page in pages
        for language in page_languages(page, languages)
        for size in sizes
    ]


def wait_until(page, script, arg=None, timeout=30.0):
    """Until the (async) ``script`` is true in the page; page.evaluate
    awaits its promise, which wait_for_function would take as true."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"not true after {timeout} s: {script}"
        page.wait_for_timeout(250)


def wait_for_worker(page):
    """Until the service worker controls the page: it takes over the page
    that registered it as soon as it is active."""
    wait_until(page, "() => navigator.serviceWorker.controller !== null")


def wait_for_cached(page, address):
    wait_until(page, "async (address) => Boolean(await caches.match(address))", address)
