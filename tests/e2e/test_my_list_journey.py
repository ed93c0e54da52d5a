"""My list in a real browser: a reader on a phone saves offers from the
Arabic finder, sees the count in the header on every page, opens the list,
removes an entry, shares it with a friend who adds it to their own list, and
reads the list without a connection. Nothing of it goes to the server but
the addresses the browser asks for."""

from e2e_support import screenshot
from e2e_support import wait_for_cached
from e2e_support import wait_for_worker
import re


def count_in_header(page):
    return page.locator("[data-my-list-count]").first.inner_text().strip()


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run(document)")
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def test_a_reader_keeps_shares_and_reads_a_list_offline(
    phone, browser, portal_url, axe_source
):
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(portal_url + "/ar/@@offer-finder")
    wait_for_worker(page)
    saves = page.locator("li.offer-card a[data-save-uid]")
    first, second = saves.nth(0), saves.nth(1)
    uids = [first.get_attribute("data-save-uid"), second.get_attribute("data-save-uid")]
    saved_page = second.get_attribute("data-save-page")
    first.click()
    second.click()
    assert page.url.endswith("/ar/@@offer-finder")  # no page left
    assert first.get_attribute("aria-pressed") == "true"
    assert first.inner_text().strip() == "محفوظ"
    assert count_in_header(page) == "(2)"
    screenshot(page, "phone-ar-finder-saved", full_page=False)

    # on any other page, and after a reload, the list is still there
    page.goto(portal_url + "/ar")
    assert count_in_header(page) == "(2)"

    page.locator("a.ip-mylist").first.click()
    page.wait_for_url(re.compile(r"@@my-list\?uid="))
    assert re.findall(r"uid=([0-9a-f]{32})", page.url) == uids
    entries = page.locator(".my-list-entry")
    assert entries.count() == 2
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "phone-ar-my-list")
    assert axe_violations(page, axe_source) == []

    # removing an entry: the list, the address and the count follow
    entries.nth(0).locator("a[data-remove-uid]").click()
    page.wait_for_url(re.compile(rf"uid={uids[1]}$"))
    assert page.locator(".my-list-entry").count() == 1
    assert count_in_header(page) == "(1)"
    short_link = page.locator("#my-list-link").input_value()
    assert "?l=" in short_link

    # a friend opens the shared link: same entry, and may add it to theirs
    friend = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        other = friend.new_page()
        other.goto(short_link)
        assert other.locator(".my-list-entry").count() == 1
        notice = other.locator(".my-list-shared")
        assert notice.is_visible()
        other.locator(".my-list-keep").click()
        other.wait_for_url(re.compile(r"uid="))
        assert count_in_header(other) == "(1)"
    finally:
        friend.close()

    # the list page and the saved offer were kept on the phone: they open
    # without a connection
    list_url = page.url
    wait_for_cached(page, list_url)
    wait_for_cached(page, saved_page)
    phone.set_offline(True)
    try:
        page.goto(list_url)
        assert page.locator("h1").first.inner_text().strip() == "قائمتي"
        assert page.locator(".my-list-entry").count() == 1
        screenshot(page, "phone-ar-my-list-offline")
        page.goto(saved_page)
        assert page.locator("h1").first.inner_text().strip()
        assert page.locator("h1").first.inner_text().strip() != "لا يوجد اتصال"
    finally:
        phone.set_offline(False)
    assert not errors, errors


def test_the_printable_sheet_passes_axe(desktop, portal_url, axe_source):
    page = desktop.new_page()
    page.goto(portal_url + "/ar/@@offer-finder")
    uids = [
        page.locator("li.offer-card a[data-save-uid]")
        .nth(i)
        .get_attribute("data-save-uid")
        for i in range(3)
    ]
    query = "&".join(f"uid={uid}" for uid in uids)
    page.goto(f"{portal_url}/ar/@@counselling-sheet?{query}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "desktop-ar-counselling-sheet")
    assert axe_violations(page, axe_source) == []


def test_without_scripts_save_leads_to_the_list(browser, portal_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(portal_url + "/de/@@offer-finder")
        save = page.locator("li.offer-card a[data-save-uid]").first
        uid = save.get_attribute("data-save-uid")
        save.click()
        page.wait_for_url(re.compile(rf"@@my-list\?uid={uid}$"))
        assert page.locator(".my-list-entry").count() == 1
        screenshot(page, "desktop-de-my-list-no-script")
    finally:
        context.close()
