"""The reader's front door over HTTP: the language chooser at the portal
root, and each language's start page made of task tiles."""

from integrationsportal.frontdoor.tiles import DEFAULT_TILES
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.base.utils import get_installer
from support import free_port
from support import OWNER
from support import ROOT
from urllib.parse import urlsplit
import os
import pytest
import requests
import shutil
import signal
import subprocess
import transaction


LANGUAGES = {"de": "ltr", "en": "ltr", "ar": "rtl", "fa": "rtl"}
NAMES = {"de": "Deutsch", "en": "English", "ar": "العربية", "fa": "فارسی"}


def page(url, **kwargs):
    kwargs.setdefault("allow_redirects", False)
    response = requests.get(url, timeout=30, **kwargs)
    return response, lxml_html.fromstring(response.content)


def choices(doc):
    return doc.xpath('//a[contains(@class, "language-choice-link")]')


def tile_titles(doc):
    return [
        link.xpath('string(.//*[contains(@class, "task-tile-title")])').strip()
        for link in doc.xpath('//a[contains(@class, "task-tile")]')
    ]


def expected_titles(code):
    """The default tiles' titles the test portal has (no housing form and no
    easy-read page there, so those two tiles are not made)."""
    return [
        texts[code][0]
        for tile_id, _icon, where, texts in DEFAULT_TILES
        if where not in ("housing-form", "easy-read")
    ]


def test_root_offers_every_language_in_its_own_name(front_door):
    response, doc = page(front_door.absolute_url())
    assert response.status_code == 200
    links = {link.get("hreflang"): link for link in choices(doc)}
    assert set(links) == set(LANGUAGES)
    for code, direction in LANGUAGES.items():
        link = links[code]
        assert link.get("lang") == code
        assert link.get("dir") == direction
        assert NAMES[code] in link.text_content()
    assert doc.xpath("string(//title)").strip()
    assert doc.xpath('//meta[@name="description"]/@content')[0].strip()
    vary = response.headers.get("Vary", "")
    assert "Accept-Language" in vary and "Cookie" in vary


def test_accept_language_suggests_arabic(front_door):
    response, doc = page(
        front_door.absolute_url(),
        headers={"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"},
    )
    assert response.status_code == 200
    first = choices(doc)[0]
    assert first.get("hreflang") == "ar"
    assert "المتابعة بالعربية" in first.text_content()
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    # without a language the portal offers, its default comes first
    _response, doc = page(
        front_door.absolute_url(), headers={"Accept-Language": "sw, ja;q=0.8"}
    )
    assert choices(doc)[0].get("hreflang") == "de"
    assert "Weiter auf Deutsch" in choices(doc)[0].text_content()


@pytest.mark.parametrize("code", ["de", "ar"])
def test_direct_link_is_never_redirected(front_door, code):
    other = "ar" if code == "de" else "de"
    for path in (code, f"{code}/@@offer-finder"):
        response = requests.get(
            f"{front_door.absolute_url()}/{path}",
            cookies={"I18N_LANGUAGE": other},
            headers={"Accept-Language": other},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 200, path


def test_the_choice_is_remembered(front_door):
    root = front_door.absolute_url()
    session = requests.Session()
    _response, doc = page(root)
    arabic = next(link for link in choices(doc) if link.get("hreflang") == "ar")
    landed = session.get(arabic.get("href"), timeout=30)
    assert landed.status_code == 200
    assert landed.url.split("?")[0] == f"{root}/ar"
    assert session.cookies.get("I18N_LANGUAGE") == "ar"
    # the root now opens the chosen language
    again = session.get(root, allow_redirects=False, timeout=30)
    assert again.status_code == 302
    assert again.headers["Location"] == f"{root}/ar"
    assert "private" in again.headers.get("Cache-Control", "")
    # ?choose shows the chooser anyway, the chosen language first
    chooser = session.get(f"{root}?choose", allow_redirects=False, timeout=30)
    assert chooser.status_code == 200
    doc = lxml_html.fromstring(chooser.content)
    assert choices(doc)[0].get("hreflang") == "ar"
    assert len(choices(doc)) == len(LANGUAGES)


def test_a_cookie_for_a_language_not_offered_shows_the_chooser(front_door):
    for value in ("uk", "xx", "", "de-DE"):
        response = requests.get(
            front_door.absolute_url(),
            headers={"Cookie": f"I18N_LANGUAGE={value}"},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 200, value
        assert "language-choice-link" in response.text


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_start_page_shows_the_tiles_in_its_language(front_door, code):
    response, doc = page(f"{front_door.absolute_url()}/{code}")
    assert response.status_code == 200
    assert doc.get("lang") == code
    assert tile_titles(doc) == expected_titles(code)
    # one heading level per step: the page's h1, the tiles' h2
    assert len(doc.xpath("//main//h1")) == 1
    assert doc.xpath('//a[contains(@class, "task-tile")]/h2')
    for icon in doc.xpath('//*[contains(@class, "task-tile-icon")]'):
        assert icon.get("aria-hidden") == "true"
    hrefs = [a.get("href") for a in doc.xpath('//a[contains(@class, "task-tile")]')]
    root = f"{front_door.absolute_url()}/{code}"
    assert hrefs[0] == f"{root}/@@offer-finder-guide"
    assert hrefs[1] == f"{root}/@@offer-finder"
    for href in hrefs:
        assert requests.get(href, timeout=30).status_code == 200, href


def test_editor_reorders_and_edits_a_tile(front_door, editor):
    root = f"{front_door.absolute_url()}/de"
    session = requests.Session()
    session.auth = editor
    session.headers["Accept"] = "application/json"
    moved = session.patch(
        root, json={"ordering": {"obj_id": "task-help", "delta": "top"}}, timeout=30
    )
    assert moved.status_code == 204, moved.text
    edited = session.patch(
        f"{root}/task-finder", json={"title": "Kurse und Beratung suchen"}, timeout=30
    )
    assert edited.status_code == 204, edited.text
    titles = tile_titles(page(root)[1])
    assert titles[0] == "Wer hilft mir?"
    assert "Kurse und Beratung suchen" in titles
    assert "Angebot finden" not in titles
    # the other languages keep their own tiles
    assert tile_titles(page(f"{front_door.absolute_url()}/en")[1]) == (
        expected_titles("en")
    )


def test_anonymous_never_sees_a_private_tile(front_door):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.create(
            front_door["de"],
            "TaskTile",
            id="entwurf",
            title="Geheime Kachel",
            description="Noch nicht freigegeben.",
            icon="info-circle",
            target_url="${navigation_root_url}/@@offer-finder",
        )
    transaction.commit()
    url = f"{front_door.absolute_url()}/de"
    assert "Geheime Kachel" not in requests.get(url, timeout=30).text
    assert "Geheime Kachel" in requests.get(url, auth=OWNER, timeout=30).text


def test_a_tile_never_links_a_script(front_door):
    with api.env.adopt_user(SITE_OWNER_NAME):
        tile = api.content.create(
            front_door["de"],
            "TaskTile",
            id="skript",
            title="Skript-Kachel",
            icon="info-circle",
            target_url="javascript:alert(1)",
        )
        api.content.transition(tile, to_state="published")
    transaction.commit()
    text = requests.get(f"{front_door.absolute_url()}/de", timeout=30).text
    assert "Skript-Kachel" not in text
    assert "javascript:" not in text


@pytest.mark.parametrize(
    "query",
    [
        "?choose=%3Cscript%3E",
        "?choose&choose=1",
        "?choose:list=1&choose:int=x",
        "?set_language=xx",
        "?set_language:list=ar&set_language:list=de",
        "?-C",
        "?%ff=%ff",
    ],
)
def test_bad_query_strings_never_answer_500(front_door, query):
    for path in ("", "/de", "/ar"):
        response = requests.get(
            f"{front_door.absolute_url()}{path}{query}",
            headers={
                "Accept-Language": "ar;q=x, ;q=, de-",
                "Cookie": "I18N_LANGUAGE=de\x7f",
            },
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code < 500, (path, query)
        assert "Traceback" not in response.text


def test_uninstalled_the_root_and_start_pages_are_plones_again(front_door):
    with api.env.adopt_user(SITE_OWNER_NAME):
        get_installer(front_door).uninstall_product("integrationsportal")
    transaction.commit()
    root = requests.get(
        front_door.absolute_url(),
        headers={"Accept-Language": "ar"},
        allow_redirects=False,
        timeout=30,
    )
    # plone.app.multilingual's switcher: straight to a language root
    assert root.status_code == 302
    assert root.headers["Location"] in {
        f"{front_door.absolute_url()}/{code}" for code in LANGUAGES
    }
    start = requests.get(f"{front_door.absolute_url()}/de", timeout=30)
    assert start.status_code == 200
    assert "task-tile" not in start.text


@pytest.fixture
def varnish(front_door, tmp_path):
    """The cluster's Varnish (deploy/varnish.vcl.in) in front of the test
    portal: the portal's address through it."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        pytest.skip("Varnish is not installed (Debian: apt-get install varnish)")
    portal_url = urlsplit(front_door.absolute_url())
    vcl = tmp_path / "varnish.vcl"
    vcl.write_text(
        (ROOT / "deploy" / "varnish.vcl.in")
        .read_text()
        .replace("@@LB_PORT@@", str(portal_url.port))
    )
    port, pid_file = free_port(), tmp_path / "varnish.pid"
    subprocess.run(
        [varnishd, "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n",
         str(tmp_path / "work"), "-P", str(pid_file), "-s", "malloc,16m"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    yield f"http://127.0.0.1:{port}{portal_url.path}"
    os.kill(int(pid_file.read_text()), signal.SIGTERM)


def test_the_cache_proxy_keeps_the_choice_apart(varnish):
    def get(headers, path=""):
        return requests.get(
            f"{varnish}{path}", headers=headers, allow_redirects=False, timeout=30
        )

    arabic = {"Accept-Language": "ar"}
    first, again = get(arabic), get(arabic)
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("MISS", "HIT")
    assert choices(lxml_html.fromstring(again.content))[0].get("hreflang") == "ar"
    # another browser language is another answer, not the cached Arabic one
    german = get({"Accept-Language": "de"})
    assert choices(lxml_html.fromstring(german.content))[0].get("hreflang") == "de"
    # a reader who chose reaches Plone with the language cookie alone
    chosen = get({"Cookie": "other=1; I18N_LANGUAGE=fa; more=2", **arabic})
    assert chosen.status_code == 302
    assert chosen.headers["Location"].endswith("/fa")
    # choosing sets the cookie through the proxy
    remembered = get({}, "/ar?set_language=ar")
    assert "I18N_LANGUAGE=ar" in remembered.headers.get("Set-Cookie", "")
    # and a direct link still opens what it names
    assert get({"Cookie": "I18N_LANGUAGE=fa"}, "/de").status_code == 200
