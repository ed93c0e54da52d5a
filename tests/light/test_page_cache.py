"""Anonymous readers' pages kept in RAM (plone.app.caching): a page asked
for again comes from memory, and nobody ever sees a stale or someone
else's page: a content change, a registry change, a status message, a
language choice and a login all get a freshly rendered page."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
from support import OWNER
import pytest
import requests
import transaction


RAM = "X-RAMCache"


def get(url, **kwargs):
    response = requests.get(url, timeout=60, **kwargs)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def offer(reader_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        offer = create_published(
            reader_portal["de"], "Offer", id="kurs", title="Kurs A"
        )
    transaction.commit()
    return offer


def test_a_page_asked_for_again_comes_from_memory(offer):
    url = offer.absolute_url()
    first = get(url)
    assert RAM not in first.headers
    again = get(url)
    assert again.headers.get(RAM)
    assert again.text == first.text


def test_a_content_change_is_seen_at_once(reader_portal, offer):
    url = reader_portal.absolute_url() + "/de"
    get(offer.absolute_url())
    get(url)
    assert "Kurs B" not in get(offer.absolute_url()).text
    with api.env.adopt_user(SITE_OWNER_NAME):
        offer.title = "Kurs B"
        offer.reindexObject()
    transaction.commit()
    changed = get(offer.absolute_url())
    assert RAM not in changed.headers
    assert "Kurs B" in changed.text


def test_a_registry_change_is_seen_at_once(reader_portal, offer):
    url = offer.absolute_url()
    get(url)
    assert get(url).headers.get(RAM)
    api.portal.set_registry_record("integrationsportal.identity.name", "Kreis Neu")
    transaction.commit()
    changed = get(url)
    assert RAM not in changed.headers
    assert "Kreis Neu" in changed.text


def test_a_page_with_a_status_message_is_never_shared(offer):
    url = offer.absolute_url()
    get(url)
    session = requests.Session()
    session.cookies.set("statusmessages", "any")
    with_message = session.get(url, timeout=60)
    assert RAM not in with_message.headers
    assert with_message.headers.get("ETag") != get(url).headers.get("ETag")


def test_a_language_choice_sets_its_cookie_every_time(reader_portal):
    url = reader_portal.absolute_url() + "/ar?set_language=ar"
    for _ in range(3):
        response = get(url)
        assert response.cookies.get("I18N_LANGUAGE") == "ar"


def test_logged_in_users_never_get_a_kept_page(offer):
    url = offer.absolute_url()
    get(url)
    get(url)
    editor = get(url, auth=OWNER)
    assert RAM not in editor.headers
    assert "Kurs A" in editor.text


def test_the_language_chooser_is_not_kept(reader_portal):
    """The root answers by the reader's language: never from memory."""
    url = reader_portal.absolute_url() + "/@@language-chooser?choose"
    arabic = get(url, headers={"Accept-Language": "ar"})
    german = get(url, headers={"Accept-Language": "de"})
    again = get(url, headers={"Accept-Language": "ar"})
    assert RAM not in german.headers and RAM not in again.headers
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="ar"' in again.text
    assert arabic.text != german.text


def test_a_kept_page_is_compressed_for_browsers_that_take_gzip(offer):
    """The first reader's browser may not take gzip; the next one's gets
    the page compressed all the same."""
    url = offer.absolute_url()
    plain = get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    get(url, headers={"Accept-Encoding": "identity"})
    compressed = get(url, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert get(url, headers={"Accept-Encoding": "gzip"}).headers.get(RAM)
    assert compressed.text == plain.text
