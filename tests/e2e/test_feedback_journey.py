"""Feedback in a real browser: a reader on a phone reports in Arabic that the
phone number of a contact on an Arabic offer is wrong, and sees the thanks;
the editor sees the open report on the page, follows it to the inbox,
corrects the contact through its edit form, marks the report done with a
note, and the page no longer counts it. The counts are read before and
after, so reports other tests filed do not matter."""

from e2e_support import login
from e2e_support import Page
from e2e_support import screenshot
import re
import requests
import secrets


# an offer with contact persons, named by its German path; its Arabic
# version is found through its translations (conftest.reader_pages)
OFFER = Page("offer with contacts", "/de/angebote/arbeitsvermittlung-team-integration")
# "The phone number of the contact person is wrong; nobody answers it."
REPORT = "رقم هاتف الشخص المسؤول خاطئ، لا أحد يرد على هذا الرقم."
NOTE = "Telefonnummer der Ansprechperson im Kontakt korrigiert."
PHONE_FIELD = "#form-widgets-IContactInfo-phone"
NEW_PHONES = ("+49 9999 1000-199", "+49 9999 1000-198")  # example numbers
# Plone's own toolbar, which editors see on every page: axe finds problems
# of Plone's (aria-allowed-role on #edit-bar, aria-prohibited-attr on
# .toolbar-collapse, region), not of the inbox
TOOLBAR = "#edit-bar"


def axe_violations(page, axe_source, exclude=()):
    """axe-core's violations on the page, but in the elements ``exclude``
    names (CSS selectors)."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "(exclude) => axe.run("
        "exclude.length ? {exclude: exclude.map(s => [s])} : document)",
        list(exclude),
    )
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def open_count(page):
    """The number of open reports the box shows the editor (0 without line)."""
    line = page.locator("aside.ip-feedback p.ip-feedback-open")
    if line.count() == 0:
        return 0
    return int(line.locator("strong").inner_text().strip())


def tel(number):
    return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


def portal_type(url):
    answer = requests.get(url, headers={"Accept": "application/json"}, timeout=30)
    answer.raise_for_status()
    return answer.json().get("@type")


def a_contact_with_a_phone(page):
    """(address, phone) of the first contact person whose card on the page
    shows a phone number."""
    cards = page.locator(".contact-card").filter(has=page.locator("a[href^='tel:']"))
    for i in range(cards.count()):
        card = cards.nth(i)
        url = card.locator(".contact-card-title a").get_attribute("href")
        if portal_type(url) == "Contact":
            return url, card.locator("a[href^='tel:']").inner_text().strip()
    raise AssertionError(f"no contact with a phone number on {page.url}")


def set_phone(page, contact_url, number):
    """Change the contact's phone number through its edit form."""
    assert page.goto(contact_url + "/@@edit").status == 200
    page.fill(PHONE_FIELD, number)
    with page.expect_navigation():
        page.click("#form-buttons-save")
    assert page.url.rstrip("/") == contact_url.rstrip("/"), page.url
    assert page.locator(f"a[href='{tel(number)}']").count() >= 1


def test_a_reader_reports_a_wrong_phone_number_and_the_editor_corrects_it(
    phone, desktop, portal_url, reader_pages, axe_source
):
    text = f"{REPORT} ({secrets.token_hex(4)})"  # this run's report only
    target = reader_pages([OFFER])[OFFER.name, "ar"]
    assert target.url, target.note
    offer_url = target.url

    # the editor, logged in through the login form, reads the count first
    editor = login(desktop, portal_url, "redaktion")
    assert editor.locator("#__ac_password").count() == 0, "login failed"
    assert editor.goto(offer_url).status == 200
    before = open_count(editor)

    # the reader, on a phone, in Arabic
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert page.goto(offer_url).status == 200
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    contact_url, old_phone = a_contact_with_a_phone(page)
    assert page.locator("p.ip-feedback-open").count() == 0  # not for readers

    box = page.locator("aside.ip-feedback")
    form = box.locator("form.ip-feedback-form")
    assert form.get_attribute("action") == offer_url + "/@@feedback"
    details = box.locator("details.ip-feedback-report")
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert details.get_attribute("open") == ""
    contact_reason = details.locator("input[name='form.widgets.reason'][value=contact]")
    assert contact_reason.is_visible()
    contact_reason.check()
    details.locator("textarea[name='form.widgets.text']").fill(text)
    details.locator("summary").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "phone-ar-feedback-report-open", full_page=False)
    screenshot(page, "phone-ar-feedback-report-open-full")
    assert axe_violations(page, axe_source) == []

    with page.expect_navigation() as sent:
        details.locator("button[name='form.buttons.report']").click()
    assert sent.value.status == 200
    assert page.url == offer_url + "/@@feedback?sent=report"
    assert page.locator(".alert-success").is_visible()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    # the form is not shown again after a report, but the way back is
    assert page.locator("textarea[name='form.widgets.text']").count() == 0
    assert page.locator(f"#content a[href='{offer_url}']").count() >= 1
    screenshot(page, "phone-ar-feedback-thanks")
    assert not errors, errors

    # the editor sees one more open report on the page and follows the line
    editor.reload()
    assert open_count(editor) == before + 1
    editor.locator("aside.ip-feedback").scroll_into_view_if_needed()
    screenshot(editor, "desktop-ar-feedback-open-count", full_page=False)
    with editor.expect_navigation():
        editor.locator("p.ip-feedback-open a").click()
    assert "/@@feedback-inbox" in editor.url
    inbox_url = editor.url
    uid = re.search(r"target=([0-9a-f]{32})", inbox_url).group(1)
    report = editor.locator("li.card").filter(has_text=text)
    assert report.count() == 1
    assert report.locator(f"a[href='{offer_url}']").count() == 1
    assert editor.locator("li.card").count() == before + 1  # this page's, open
    screenshot(editor, "desktop-ar-feedback-inbox")
    assert axe_violations(editor, axe_source, exclude=[TOOLBAR]) == []

    # the inbox in German, with the Arabic report in it
    german_inbox = f"{portal_url}/de/@@feedback-inbox?language=all&target={uid}"
    assert editor.goto(german_inbox).status == 200
    assert editor.locator("html").get_attribute("lang") == "de"
    assert editor.locator("li.card").filter(has_text=text).count() == 1
    screenshot(editor, "desktop-de-feedback-inbox")
    assert axe_violations(editor, axe_source, exclude=[TOOLBAR]) == []

    # the editor corrects the contact: a new phone number
    new_phone = next(n for n in NEW_PHONES if n != old_phone)
    set_phone(editor, contact_url, new_phone)
    try:
        # back in the inbox: a note, and the report is done
        assert editor.goto(inbox_url).status == 200
        report = editor.locator("li.card").filter(has_text=text)
        report.locator("textarea[name='note']").fill(NOTE)
        with editor.expect_navigation() as done:
            report.locator("button[name='action'][value='done']").click()
        assert done.value.status == 200
        assert "/@@feedback-inbox" in editor.url
        assert editor.locator("li.card").filter(has_text=text).count() == 0
        # among the done ones, with the note
        editor.goto(
            f"{portal_url}/de/@@feedback-inbox?state=done&language=all&target={uid}"
        )
        done_report = editor.locator("li.card").filter(has_text=text)
        assert done_report.count() == 1
        assert NOTE in done_report.inner_text()
        screenshot(editor, "desktop-de-feedback-inbox-done")

        # the page: one open report less, and the new number on it
        assert editor.goto(offer_url).status == 200
        after = open_count(editor)
        assert after == before
        if before == 0:
            assert editor.locator("p.ip-feedback-open").count() == 0
        assert editor.locator(f"a[href='{tel(new_phone)}']").count() >= 1
        assert editor.locator(f"a[href='{tel(old_phone)}']").count() == 0
    finally:
        # the demo contact as it was, for the other tests
        set_phone(editor, contact_url, old_phone)
