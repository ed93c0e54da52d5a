"""Public pages carry the district's identity, not Plone's: its name and
logo, a footer with contact and legal links, one language button, the
district's colours and app icon. A Plone site without the add-on keeps
Plone's logo and colophon."""

from lxml import html as lxml_html
import pytest
import requests


LANGUAGES = {
    "de": ("Deutsch", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "fa": ("فارسی", "rtl"),
}


def page(url):
    response = requests.get(url, timeout=60)
    assert response.status_code == 200, url
    return response.text, lxml_html.fromstring(response.content)


@pytest.mark.parametrize("path", ["/de", "/ar", "/en/@@offer-finder"])
def test_no_plone_logo_nor_colophon(district, path):
    text, tree = page(district.absolute_url() + path)
    assert "plone-logo" not in text
    assert "Powered by Plone" not in text
    assert not tree.cssselect("#portal-colophon")
    logo = tree.cssselect("#portal-logo")
    assert len(logo) == 1
    assert logo[0].text_content().strip() == "Musterkreis"
    assert logo[0].cssselect("img")[0].get("src").endswith("/@@site-logo/logo.svg")


def test_logo_is_served(district):
    response = requests.get(
        district.absolute_url() + "/@@site-logo/logo.svg", timeout=60
    )
    assert response.status_code == 200
    assert b"<svg" in response.content


def test_footer_has_contact_legal_links_and_login(district):
    _text, tree = page(district.absolute_url() + "/de")
    footer = tree.cssselect("#portal-footer-wrapper")[0]
    words = footer.text_content()
    assert "Kreisverwaltung Musterkreis, Am Markt 1, 12345 Musterstadt" in words
    assert footer.cssselect('a[href="mailto:integration@musterkreis.example.org"]')
    assert footer.cssselect('a[href="tel:+4912345670"]')
    legal = {
        a.text_content().strip(): a.get("href")
        for a in footer.cssselect("nav.ip-footer-legal a")
    }
    assert legal == {
        "Impressum": "https://musterkreis.example.org/impressum",
        "Datenschutz": "https://musterkreis.example.org/datenschutz",
        "Barrierefreiheit": district.absolute_url() + "/de/@@accessibility-statement",
    }
    # Plone's site actions stay, the login is here and not in the header
    actions = [a.get("href") for a in footer.cssselect("#portal-siteactions a")]
    assert district.absolute_url() + "/de/sitemap" in actions
    assert district.absolute_url() + "/de/@@open-data" in actions
    assert district.absolute_url() + "/de/login" in actions
    assert not tree.cssselect("#portal-anontools")
    assert "Erstellt mit" in footer.cssselect(".ip-made-with")[0].text_content()


def test_footer_speaks_arabic_on_arabic_pages(district):
    _text, tree = page(district.absolute_url() + "/ar")
    footer = tree.cssselect("#portal-footer-wrapper")[0]
    words = footer.text_content()
    arabic = ("معلومات قانونية", "بيانات الناشر", "حماية البيانات", "صُنع باستخدام")
    for words_ar in arabic:
        assert words_ar in words
    for english in ("Powered", "Made with", "Imprint", "Privacy", "Log in"):
        assert english not in words


@pytest.mark.parametrize("current", ["de", "ar"])
def test_language_button_lists_every_language(district, current):
    _text, tree = page(f"{district.absolute_url()}/{current}")
    summary = tree.cssselect("details.ip-languages > summary#portal-languagebutton")
    assert len(summary) == 1
    shown = summary[0].cssselect("span[lang]")[0]
    assert shown.text_content().strip() == LANGUAGES[current][0]
    assert (shown.get("lang"), shown.get("dir")) == (current, LANGUAGES[current][1])
    links = tree.cssselect("details.ip-languages li a")
    found = {
        a.get("lang"): (a.text_content().strip(), a.get("dir"), a.get("hreflang"))
        for a in links
    }
    assert found == {
        code: (name, direction, code) for code, (name, direction) in LANGUAGES.items()
    }
    marked = [a.get("lang") for a in links if a.get("aria-current") == "true"]
    assert marked == [current]
    # the old row of language links is gone
    assert not tree.cssselect("#portal-languageselector")


def test_language_link_leads_to_the_translation(district):
    _text, tree = page(f"{district.absolute_url()}/de")
    arabic = tree.cssselect('details.ip-languages a[lang="ar"]')[0].get("href")
    response = requests.get(arabic, timeout=60)
    assert response.status_code == 200
    assert response.url.startswith(f"{district.absolute_url()}/ar")


def test_search_reachable_from_the_header(district):
    _text, tree = page(f"{district.absolute_url()}/de")
    form = tree.cssselect("#portal-top details.ip-search form[role=search]")[0]
    assert form.get("action") == f"{district.absolute_url()}/de/@@search"
    assert form.cssselect('input[name="SearchableText"]')
    # Plone's search box stays (in the navigation bar)
    assert tree.cssselect("#portal-searchbox")


def test_colours_and_app_icon(district):
    text, tree = page(f"{district.absolute_url()}/de")
    assert "--ip-primary:#1d5631" in text
    assert "--ip-on-primary:#ffffff" in text
    assert "--bs-link-color:#1b5e7a" in text
    icons = tree.cssselect('link[rel^="apple-touch-icon"]')
    assert [link.get("href") for link in icons] == [
        f"{district.absolute_url()}/@@app-icon.png"
    ]
    assert "barceloneta-apple-touch-icon" not in text
    response = requests.get(f"{district.absolute_url()}/@@app-icon.png", timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_site_without_the_add_on_keeps_plone(district, plain_site):
    text = requests.get(plain_site.absolute_url(), timeout=60).text
    assert "plone-logo" in text
    assert "Powered by Plone" in text
    assert "portal-languagebutton" not in text
    assert "--ip-primary" not in text
    assert (
        requests.get(
            plain_site.absolute_url() + "/@@app-icon.png", timeout=60
        ).status_code
        == 404
    )


def test_web_app_manifest(district):
    _text, tree = page(f"{district.absolute_url()}/ar")
    link = tree.cssselect('link[rel="manifest"]')[0].get("href")
    assert link == f"{district.absolute_url()}/ar/@@manifest.webmanifest"
    assert tree.cssselect('meta[name="theme-color"]')[0].get("content") == "#1d5631"
    response = requests.get(link, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["short_name"] == "Musterkreis"
    assert manifest["theme_color"] == "#1d5631"
    assert manifest["icons"] == [
        {
            "src": f"{district.absolute_url()}/@@app-icon.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "any",
        }
    ]
