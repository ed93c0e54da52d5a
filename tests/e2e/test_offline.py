"""Offline reading in a real browser: a reader on a phone reads pages, loses
the connection and still reads them; a page never read shows the offline
page in the reader's language; back online, everything loads again. An
editor's pages never reach the phone's cache storage. The phone menu opens
without Plone's scripts."""

from e2e_support import login
from e2e_support import screenshot
from e2e_support import wait_for_cached
from e2e_support import wait_for_worker
from lxml import html as lxml_html
import json
import requests


MINUTES = "/de/gremien/runder-tisch-arbeitsmarktintegration/sitzung-2026-11"
STAFF_ONLY_TEXT = "zwölf Wohnungen angeboten"

CACHED_URLS = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map((request) => request.url);
  }
  return found;
}"""

CACHED_TEXT = """async () => {
  let text = "";
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const type = response.headers.get("Content-Type") || "";
      if (type.startsWith("text/html")) {
        text += await response.text();
      }
    }
  }
  return text;
}"""


def cached_urls(page):
    return page.evaluate(CACHED_URLS)


def chain_addresses(page, portal_url, language):
    response = page.request.get(f"{portal_url}/{language}/@@offline-pages.json")
    assert response.ok
    return json.loads(response.text())["pages"]


def test_reader_reads_offline_and_gets_the_offline_page_in_arabic(phone, portal_url):
    page = phone.new_page()
    page.goto(portal_url + "/ar")
    # first visit: the worker installs, then keeps this page and the chains
    wait_for_worker(page)
    chains = chain_addresses(page, portal_url, "ar")
    assert chains, "the Arabic chains are listed for offline reading"
    wait_for_cached(page, chains[0])
    wait_for_cached(page, portal_url + "/ar/@@offline")
    # a page read online
    page.goto(portal_url + "/ar/@@offer-finder")
    first_offer = page.locator("li.offer-card a").first
    offer_title = first_offer.inner_text().strip()
    first_offer.click()
    page.wait_for_load_state()
    offer_url = page.url
    wait_for_cached(page, offer_url)

    phone.set_offline(True)
    try:
        # the page read before opens without a connection
        page.goto(offer_url)
        assert offer_title in page.locator("h1").first.inner_text()
        # a chain never opened, kept for the reader's language
        page.goto(chains[0])
        assert page.locator("h1").first.inner_text().strip()
        assert page.locator("html").get_attribute("lang") == "ar"
        screenshot(page, "phone-offline-chain-ar")
        # a page never read: the offline page, in Arabic, right to left,
        # listing what the phone keeps
        page.goto(portal_url + "/ar/@@who-helps")
        assert page.locator("h1").first.inner_text().strip() == "لا يوجد اتصال"
        assert page.locator("html").get_attribute("dir") == "rtl"
        kept = page.locator("#offline-kept-pages li a")
        kept.first.wait_for(timeout=10000)
        assert kept.count() >= 2
        screenshot(page, "phone-offline-page-ar")
    finally:
        phone.set_offline(False)

    # back online: the page the phone did not have loads from the portal
    page.goto(portal_url + "/ar/@@who-helps")
    assert page.locator("h1").first.inner_text().strip() != "لا يوجد اتصال"
    assert page.locator("html").get_attribute("lang") == "ar"


def test_nothing_staff_only_in_the_cache_after_logging_out(browser, portal_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(portal_url + "/de")
        wait_for_worker(page)
        wait_for_cached(page, portal_url + "/de")
        # a member of the housing team and of a closed round table works in
        # the same browser: the flats on offer and the round table's minutes
        page = login(context, portal_url, "wohnungsteam")
        page.goto(portal_url + "/wohnungen")
        page.wait_for_load_state()
        page.goto(portal_url + MINUTES)
        assert STAFF_ONLY_TEXT in page.content()
        page.goto(portal_url + "/de/@@offer-finder")
        page.wait_for_load_state()
        page.goto(portal_url + "/logout")
        page.wait_for_load_state()
        page.goto(portal_url + "/de")
        page.wait_for_timeout(3000)  # the worker's keeping after the load

        urls = [url for names in cached_urls(page).values() for url in names]
        text = page.evaluate(CACHED_TEXT)
        assert portal_url + "/de" in urls  # the reader's page is kept
        assert not [url for url in urls if "/wohnungen" in url or "/gremien" in url]
        assert STAFF_ONLY_TEXT not in text
        assert "wohnungsteam" not in text
    finally:
        context.close()


def test_phone_menu_opens_without_plones_scripts(phone, portal_url):
    page = phone.new_page()
    scripts = []
    page.on(
        "response",
        lambda response: (
            scripts.append(response.url)
            if response.request.resource_type == "script"
            else None
        ),
    )
    page.goto(portal_url + "/ar")
    page.wait_for_load_state("load")
    assert not [url for url in scripts if "bundle-plone" in url]
    menu = page.locator("#offcanvasNavbar")
    assert not menu.is_visible()
    page.locator("button.navbar-toggler").click()
    menu.get_by_role("link").first.wait_for(state="visible", timeout=5000)
    page.locator("#offcanvasNavbar.show:not(.showing)").wait_for(timeout=5000)
    page.wait_for_timeout(400)  # the panel's slide
    screenshot(page, "phone-menu-open-ar", full_page=False)
    menu.locator(".btn-close").click()
    menu.wait_for(state="hidden", timeout=5000)


def test_make_start_compresses_pages_and_keeps_versioned_resources(portal_url):
    """The embedded server of ``make start``: gzip for pages, styles,
    scripts and JSON; versioned resources kept by browsers for a year."""
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    page = session.get(portal_url + "/ar", timeout=60)
    assert page.headers["Content-Encoding"] == "gzip"
    raw = session.get(portal_url + "/ar", timeout=60, stream=True).raw.read()
    assert len(raw) < len(page.content) / 3  # what travels, against the page
    tree = lxml_html.fromstring(page.content)
    versioned = [
        href
        for href in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src")
        if "/++webresource++" in href and "/++resource++" not in href
    ]
    assert len(versioned) >= 4
    for href in versioned:
        response = session.get(href, timeout=60)
        assert response.headers["Content-Encoding"] == "gzip", href
        assert "max-age=31536000" in response.headers["Cache-Control"], href
    listing = session.get(portal_url + "/ar/@@offline-pages.json", timeout=60)
    assert listing.headers["Content-Encoding"] == "gzip"
    # a client that does not accept gzip gets the page as it is
    plain = requests.get(
        portal_url + "/ar", timeout=60, headers={"Accept-Encoding": "identity"}
    )
    assert "Content-Encoding" not in plain.headers
    assert len(plain.content) > len(raw)
