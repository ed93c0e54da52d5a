"""Helpers of the browser tests (imported by conftest.py and the tests)."""

from support import ROOT


RESULTS = ROOT / "test-results"
PASSWORD = "musterkreis-demo"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def login(context, portal_url, user):
    page = context.new_page()
    page.goto(portal_url + "/login")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", PASSWORD)
    page.click("button[name='buttons.login']")
    page.wait_for_load_state()
    return page


def screenshot(page, name):
    folder = RESULTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
