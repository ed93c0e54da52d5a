"""What a reader's phone gets: no editing scripts for anonymous readers,
pages marked for offline reading only when they are public, the service
worker, the offline page and the web app manifest in the reader's
language, and versioned resources kept for a year."""

from lxml import html as lxml_html
from support import OWNER
import pytest
import requests


def get(url, **kwargs):
    response = requests.get(url, timeout=60, **kwargs)
    return response


def bundles(response):
    tree = lxml_html.fromstring(response.content)
    return {
        element.get("data-bundle")
        for element in tree.xpath("//script[@data-bundle] | //link[@data-bundle]")
    }


def test_anonymous_readers_get_no_editing_scripts(reader_portal):
    url = reader_portal.absolute_url() + "/ar"
    reader = bundles(get(url))
    assert "plone" not in reader  # Plone's 270 KB bundle
    assert "plone-fullscreen" not in reader
    assert {"integrationsportal-bootstrap", "integrationsportal-offline"} <= reader
    editor = bundles(get(url, auth=OWNER))
    assert "plone" in editor
    assert "integrationsportal-offline" not in editor
    assert "integrationsportal-bootstrap" not in editor


@pytest.mark.parametrize("path", ["/ar", "/ar/chain", "/ar/@@offline", "/de"])
def test_public_pages_may_be_kept_offline(reader_portal, path):
    response = get(reader_portal.absolute_url() + path)
    assert response.status_code == 200
    assert response.headers.get("X-Offline-Reading") == "keep"


def test_pages_of_logged_in_users_are_never_kept(reader_portal):
    for path in ("/ar", "/ar/chain", "/ar/draft"):
        response = get(reader_portal.absolute_url() + path, auth=OWNER)
        assert response.status_code == 200
        assert "X-Offline-Reading" not in response.headers, path


def test_login_form_and_staff_only_items_are_never_kept(reader_portal):
    for path in ("/login", "/ar/draft", "/ar/no-such-page", "/ar/chain/@@feedback"):
        response = get(reader_portal.absolute_url() + path)
        assert "X-Offline-Reading" not in response.headers, path


def test_an_answer_that_sets_a_cookie_is_not_kept(portal):
    """A status message shown once is removed with a cookie, a language
    choice is set with one: such a page belongs to one visit."""
    from integrationsportal.light.keep import public_answer
    from plone.app.testing import logout

    request = portal.REQUEST
    request["REQUEST_METHOD"] = "GET"
    response = request.response
    response.setStatus(200)
    response.setHeader("Content-Type", "text/html;charset=utf-8")
    logout()
    assert public_answer(request)
    response.expireCookie("statusmessages", path="/")
    assert not public_answer(request)


def test_service_worker_covers_the_portal_with_its_languages(reader_portal):
    portal_url = reader_portal.absolute_url()
    response = get(portal_url + "/@@sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    script = response.text
    assert f'"portal": "{portal_url}"' in script
    assert '"languages": ["de", "en", "ar", "fa"]' in script
    # Workbox from the portal itself, never from a CDN
    assert "googleapis" not in script
    workbox = get(
        portal_url + "/++plone++integrationsportal.light/workbox/workbox-sw.js"
    )
    assert workbox.status_code == 200


def test_chains_listed_for_offline_reading_are_public_ones(reader_portal):
    response = get(reader_portal.absolute_url() + "/ar/@@offline-pages.json")
    assert response.status_code == 200
    listing = response.json()
    assert listing["language"] == "ar"
    assert listing["pages"] == [reader_portal["ar"]["chain"].absolute_url()]
    german = get(reader_portal.absolute_url() + "/de/@@offline-pages.json").json()
    assert german["pages"] == []


@pytest.mark.parametrize(
    "language, heading, direction",
    [("de", "Keine Verbindung", "ltr"), ("ar", "لا يوجد اتصال", "rtl"),
     ("fa", "اتصال برقرار نیست", "rtl"), ("en", "No connection", "ltr")],
)  # fmt: skip
def test_offline_page_speaks_the_readers_language(
    reader_portal, language, heading, direction
):
    response = get(f"{reader_portal.absolute_url()}/{language}/@@offline")
    tree = lxml_html.fromstring(response.content)
    assert tree.get("lang") == language
    assert tree.get("dir") == direction
    assert tree.xpath("string(//h1)").strip() == heading
    assert tree.xpath("//ul[@id='offline-kept-pages']")


def test_manifest_per_language(reader_portal):
    portal_url = reader_portal.absolute_url()
    page = lxml_html.fromstring(get(portal_url + "/ar").content)
    link = page.xpath("//link[@rel='manifest']/@href")
    assert link == [portal_url + "/ar/@@manifest.webmanifest"]
    manifest = get(link[0]).json()
    assert manifest["lang"] == "ar"
    assert manifest["dir"] == "rtl"
    assert manifest["start_url"] == portal_url + "/ar/"
    assert manifest["scope"] == portal_url + "/"
    assert manifest["name"].startswith("بوابة الاندماج")
    assert manifest["icons"][0]["src"] == portal_url + "/@@app-icon.png"
    german = get(portal_url + "/de/@@manifest.webmanifest").json()
    assert german["name"].startswith("Integrationsportal")
    assert german["dir"] == "ltr"


def test_static_resources_are_kept_by_browsers(reader_portal):
    """plone.app.caching is on: browsers keep static resources (a year for
    the versioned ones under ``make start``: tests/e2e/test_offline.py)."""
    page = lxml_html.fromstring(get(reader_portal.absolute_url() + "/ar").content)
    resources = page.xpath("//link[@rel='stylesheet']/@href | //script/@src")
    versioned = [href for href in resources if "/++webresource++" in href]
    assert len(versioned) >= 4  # the theme, the portal's styles, its scripts
    for href in versioned:
        response = get(href)
        assert response.status_code == 200
        control = response.headers["Cache-Control"]
        assert "public" in control, href
        assert int(control.split("max-age=")[1].split(",")[0]) >= 86400, href
    # pages are not: browsers ask again each time, and a reader sees a
    # change at once
    page_control = get(reader_portal.absolute_url() + "/ar").headers
    assert "max-age=0, must-revalidate" in page_control["Cache-Control"]


def test_the_section_being_read_is_marked_without_scripts(reader_portal):
    """Readers get no navigation-marker script: the server marks the tab."""
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME
    from support import create_published
    import transaction

    with api.env.adopt_user(SITE_OWNER_NAME):
        section = create_published(
            reader_portal["ar"], "Folder", id="wege", title="طرق"
        )
        create_published(section, "ProcessChain", id="kette", title="سلسلة")
    transaction.commit()

    def marks(path):
        tree = lxml_html.fromstring(get(reader_portal.absolute_url() + path).content)
        items = tree.xpath("//ul[@id='portal-globalnav']/li")
        return {
            item.get("class").split()[0]: item.get("class").split()[1]
            for item in items
            if {"current", "inPath"} & set(item.get("class").split())
        }

    assert marks("/ar") == {"index_html": "current"}
    assert marks("/ar/wege") == {"wege": "current"}
    # the start page's tab is not the section of every page
    assert marks("/ar/wege/kette") == {"wege": "inPath"}
    tree = lxml_html.fromstring(get(reader_portal.absolute_url() + "/ar/wege").content)
    current = tree.xpath(
        "//ul[@id='portal-globalnav']/li[contains(@class, 'current')]/a"
    )
    assert current[0].get("aria-current") == "page"
