"""Journeys through the demo portal in a real browser, as people make them.
Screenshots at phone and desktop width go to test-results/screenshots."""

from e2e_support import DESKTOP
from e2e_support import LANGUAGES
from e2e_support import login
from e2e_support import screenshot
from e2e_support import SIZES
import pytest
import re


# the header's search field, or the button that opens it
SEARCH = ", ".join(
    (
        "#portal-searchbox input[name='SearchableText']",
        "#portal-header input[name='SearchableText']",
        "[aria-controls='portal-searchbox']",
        "details:has(input[name='SearchableText']) > summary",
    )
)


def test_refugee_on_a_phone_finds_an_apprenticeship_in_arabic(phone, portal_url):
    page = phone.new_page()
    page.goto(portal_url + "/de")
    screenshot(page, "phone-start-de")
    # one language button in the header; it opens the list of languages
    page.locator("#portal-languagebutton").click()
    page.get_by_role("link", name="العربية").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    screenshot(page, "phone-start-ar")
    page.goto(portal_url + "/ar/@@offer-finder")
    # the results come first; the filters follow behind a disclosure, and
    # the button above the results leads there and opens it
    assert page.locator("li.offer-card").first.is_visible()
    page.locator("a.offer-finder-to-filters").click()
    assert page.locator("details.offer-finder-disclosure").get_attribute("open") == ""
    # the category list is a disclosure too: open it, tick apprenticeship, search
    page.locator("details.offer-finder-facet summary").first.click()
    page.check("#category-apprenticeship")
    page.locator("form.offer-finder-filters button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "category=apprenticeship" in page.url
    cards = page.locator("li.offer-card")
    assert cards.count() >= 1
    screenshot(page, "phone-finder-ar-apprenticeship")
    cards.first.locator("a").first.click()
    page.wait_for_load_state()
    # an offer not yet translated opens in German, left to right
    language = page.locator("html").get_attribute("lang")
    direction = page.locator("html").get_attribute("dir")
    assert direction == ("rtl" if language == "ar" else "ltr")
    screenshot(page, "phone-offer-from-arabic-finder")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_first_screen_shows_language_search_and_three_tasks(
    request, portal_url, language, size
):
    """On a 390x844 phone (and on a desktop) the start page shows the
    language button, the search and at least three task tiles without
    scrolling."""
    page = request.getfixturevalue(size).new_page()
    assert page.goto(f"{portal_url}/{language}").status == 200
    screenshot(page, f"{size}-{language}-first-screen", full_page=False)
    screen = SIZES[size]

    def on_first_screen(locator):
        box = locator.bounding_box() if locator.is_visible() else None
        return bool(box) and (
            box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= screen["width"]
            and box["y"] + box["height"] <= screen["height"]
        )

    assert on_first_screen(page.locator("#portal-languagebutton"))
    searches = page.locator(SEARCH)
    assert any(on_first_screen(searches.nth(i)) for i in range(searches.count()))
    tiles = page.locator(".task-tile")
    assert tiles.count() >= 3
    assert all(on_first_screen(tiles.nth(i)) for i in range(3))


def test_visitor_opens_a_process_chain_and_prints_it(desktop, portal_url):
    page = desktop.new_page()
    page.goto(portal_url + "/de/prozessketten/gefluechtete-in-arbeit")
    steps = page.locator("ol li").filter(has=page.locator("details"))
    assert steps.count() >= 10
    screenshot(page, "desktop-chain")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Druck|Print")).first.click()
    assert page.url.endswith("@@chain-print")
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    screenshot(page, "desktop-chain-print")


def test_the_finder_tab_is_not_marked_on_every_page(desktop, portal_url):
    """Plone's navigation marker marks the tab of the section being read;
    the finder's tab (``@@offer-finder``, which the marker read as the
    language root) used to be marked on every page of a language."""
    page = desktop.new_page()

    def marked(path):
        page.goto(portal_url + path)
        page.wait_for_load_state("networkidle")
        return page.eval_on_selector_all(
            "#portal-globalnav > li.inPath, #portal-globalnav > li.current",
            "items => items.map(item => item.classList[0])",
        )

    assert "offer-finder" not in marked("/de")
    assert "offer-finder" not in marked("/ar")
    assert "offer-finder" not in marked("/de/prozessketten/gefluechtete-in-arbeit")
    assert "prozessketten" in marked("/de/prozessketten/gefluechtete-in-arbeit")
    # the tab leads to the finder
    page.locator("#portal-globalnav > li.offer-finder a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#offer-finder-count").count() == 1


def test_landlord_offers_a_flat_on_a_phone_and_the_team_places_it(
    phone, desktop, portal_url
):
    page = phone.new_page()
    page.goto(portal_url + "/de/wohnung-anbieten")
    assert not page.locator("#form-widgets-website").is_visible()  # honeypot
    page.select_option("#form-widgets-municipality", "lindenau")
    page.fill("#form-widgets-postal_code", "91555")
    page.fill("#form-widgets-street", "Am Markt 4")
    page.fill("#form-widgets-rooms", "3")
    page.fill("#form-widgets-living_space", "72")
    page.fill("#form-widgets-cold_rent", "430")
    page.fill("#form-widgets-utilities", "110")
    page.fill("#form-widgets-available_from", "2027-01-01")
    page.fill("#form-widgets-max_persons", "4")
    page.fill("#form-widgets-landlord_name", "Otto Markt")
    page.fill("#form-widgets-landlord_phone", "0171 2345678")
    page.check("#form-widgets-consent-0")
    screenshot(page, "phone-housing-form")
    page.click("#form-buttons-submit")
    page.wait_for_load_state()
    reference = re.search(r"W-\d{4}-\d{4}", page.content()).group(0)
    assert "Otto Markt" not in page.content()
    screenshot(page, "phone-housing-received")

    team = login(desktop, portal_url, "wohnungsteam")
    team.goto(portal_url + "/wohnungen")
    team.get_by_role("link", name=reference).click()
    team.wait_for_load_state()
    assert "Otto Markt" in team.content()
    # 430 + 110 = 540 €: within Lindenau's limit for 3 and 4 persons
    team.get_by_role("button", name=re.compile("geprüft")).click()
    team.wait_for_load_state()
    team.fill("#household-reference", "BG-2026-0099")
    team.get_by_role("button", name=re.compile("reservieren")).click()
    team.wait_for_load_state()
    team.get_by_role("button", name=re.compile("vermittelt")).click()
    team.wait_for_load_state()
    assert "Vermittelt" in team.content()
    screenshot(team, "desktop-housing-flat-placed")


def test_round_table_member_reads_minutes_and_outsiders_are_refused(
    browser, portal_url
):
    path = "/de/gremien/runder-tisch-arbeitsmarktintegration/sitzung-2026-11"
    member = browser.new_context()
    page = login(member, portal_url, "wohnungsteam")
    page.goto(portal_url + path)
    assert "zwölf Wohnungen angeboten" in page.content()
    screenshot(page, "desktop-round-table-minutes")
    member.close()
    outsider = browser.new_context()
    page = login(outsider, portal_url, "pruefung")
    page.goto(portal_url + path)
    assert "zwölf Wohnungen angeboten" not in page.content()
    outsider.close()
    anonymous = browser.new_context()
    page = anonymous.new_page()
    page.goto(portal_url + path)
    assert "zwölf Wohnungen angeboten" not in page.content()
    assert "login" in page.url or "Anmelden" in page.content()
    anonymous.close()


def test_a_keyboard_user_skips_the_results_to_the_filters(desktop, portal_url):
    """Twenty results, each a link and a "Save" button: a link at their
    head leads past them, and the next Tab is in the filters."""
    page = desktop.new_page()
    page.goto(portal_url + "/de/@@offer-finder")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.offer-finder-skip')"):
            break
    skip = page.locator(".offer-finder-skip")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # shown when it has the focus
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => Boolean(document.activeElement.closest('#offer-finder-filter-panel'))"
    )
    assert inside


def test_keyboard_alone_operates_the_finder_with_visible_focus(desktop, portal_url):
    page = desktop.new_page()
    page.goto(portal_url + "/de/@@offer-finder")
    seen = set()
    # past 20 results, each a link and a "Save" button, to the filters
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {id: el.id, tag: el.tagName,
                        outline: style.outlineStyle !== 'none'
                                 && style.outlineWidth !== '0px',
                        shadow: style.boxShadow !== 'none'};
            }"""
        )
        if info["tag"] in ("INPUT", "BUTTON", "SUMMARY", "A", "SELECT"):
            assert info["outline"] or info["shadow"], info  # focus is visible
        seen.add(info["id"])
        if info["id"] == "category-language":
            break
        if info["tag"] == "SUMMARY":
            page.keyboard.press("Enter")  # open the disclosure
    assert "category-language" in seen
    page.keyboard.press("Space")
    assert page.is_checked("#category-language")
    for _ in range(80):  # on to the search button, and press it
        page.keyboard.press("Tab")
        kind = page.evaluate("() => document.activeElement.getAttribute('type')")
        if kind == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "category=language" in page.url
    assert page.locator("li.offer-card").count() >= 1


def test_keyboard_alone_fills_and_sends_the_housing_form(desktop, portal_url):
    page = desktop.new_page()
    page.goto(portal_url + "/de/wohnung-anbieten")
    values = {
        "form-widgets-postal_code": "91556",
        "form-widgets-street": "Tastaturweg 1",
        "form-widgets-rooms": "2",
        "form-widgets-living_space": "55",
        "form-widgets-cold_rent": "380",
        "form-widgets-utilities": "90",
        "form-widgets-available_from": "01012027",
        "form-widgets-max_persons": "2",
        "form-widgets-landlord_name": "Tanja Tastatur",
        "form-widgets-landlord_phone": "0171 7654321",
    }
    filled = set()
    # the page opens at its top: the header's links come before the form
    for _ in range(250):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {id: el.id, type: el.type || '',
                        visible: style.outlineStyle !== 'none'
                                 || style.boxShadow !== 'none'};
            }"""
        )
        # the focus can be seen (Chromium marks the focused part of a date
        # field itself, inside the field)
        if focused["id"].startswith("form-") and focused["type"] != "date":
            assert focused["visible"], focused
        if focused["id"] in values and focused["id"] not in filled:
            page.keyboard.type(values[focused["id"]])
            filled.add(focused["id"])
        elif focused["id"] == "form-widgets-municipality" and "place" not in filled:
            # nothing is chosen in advance: typing a name chooses it
            page.keyboard.type("Lindenau")
            filled.add("place")
        elif focused["id"] == "form-widgets-consent-0":
            page.keyboard.press("Space")
        elif focused["id"] == "form-buttons-submit":
            break
    assert filled == {*values, "place"}
    assert page.input_value("#form-widgets-municipality") == "lindenau"
    assert page.is_checked("#form-widgets-consent-0")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "flat-received?ref=W-" in page.url


def _fill_offer_form(page, title):
    page.fill("#form-widgets-IDublinCore-title", title)
    # the category list is an ordered selection: choose the first category
    page.evaluate(
        """() => {
            const name = 'form.widgets.categories.from';
            const from = document.querySelector(`[name="${name}"]`);
            if (from && from.options.length) {
                from.selectedIndex = 0;
                from2to('form-widgets-categories');
            }
        }"""
    )
    for select in page.locator("select[required]").all():
        values = [o.get_attribute("value") for o in select.locator("option").all()]
        values = [v for v in values if v]
        if values and not select.input_value():
            select.select_option(values[0])
    page.click("#form-buttons-save")
    page.wait_for_load_state()


def _workflow(page, label):
    page.click("#plone-contentmenu-workflow > a")
    page.locator("#plone-contentmenu-workflow").get_by_text(label, exact=True).click()
    page.wait_for_load_state()


def test_editor_submits_reviewer_publishes_translator_translates(browser, portal_url):
    csp_reports = []

    def watch(page):
        page.on(
            "console",
            lambda m: (
                csp_reports.append(m.text)
                if "Content Security Policy" in m.text
                else None
            ),
        )
        return page

    editor_context = browser.new_context(viewport=DESKTOP)
    editor = watch(login(editor_context, portal_url, "redaktion"))
    editor.goto(portal_url + "/de/angebote/++add++Offer")
    _fill_offer_form(editor, "Bewerbungstraining am Samstag")
    url = editor.url.removesuffix("/view")
    assert "bewerbungstraining-am-samstag" in url
    _workflow(editor, "Zur Veröffentlichung einreichen")
    screenshot(editor, "desktop-editor-submitted")
    # four eyes: the author cannot publish
    editor.click("#plone-contentmenu-workflow > a")
    assert (
        editor.locator("#plone-contentmenu-workflow")
        .get_by_text("Veröffentlichen", exact=True)
        .count()
        == 0
    )
    editor_context.close()

    reviewer_context = browser.new_context(viewport=DESKTOP)
    reviewer = watch(login(reviewer_context, portal_url, "pruefung"))
    reviewer.goto(url)
    _workflow(reviewer, "Veröffentlichen")
    reviewer_context.close()
    anonymous = browser.new_context()
    public = anonymous.new_page()
    assert public.goto(url).status == 200
    assert "Bewerbungstraining am Samstag" in public.content()
    anonymous.close()

    translator_context = browser.new_context(viewport=DESKTOP)
    translator = watch(login(translator_context, portal_url, "uebersetzung-ar"))
    # translators start from their language's translation dashboard
    translator.goto(
        portal_url + "/ar/@@translation-dashboard?status=missing&portal_type=Offer"
    )
    row = translator.locator("tr", has_text="Bewerbungstraining am Samstag").first
    row.locator("a[href*='++addtranslation++']").first.click()
    translator.wait_for_load_state()
    _fill_offer_form(translator, "تدريب على التقديم يوم السبت")
    assert "/ar/" in translator.url
    assert translator.locator("html").get_attribute("dir") == "rtl"
    screenshot(translator, "desktop-translator-arabic-offer")
    translator_context.close()
    assert csp_reports == []
