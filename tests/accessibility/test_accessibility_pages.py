"""Leichte Sprache, sign language and the accessibility statement: linked
from every page, in the reader's language where translated."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import re
import requests
import transaction


def test_every_page_links_easy_read_and_sign_language(accessibility_pages):
    """Named in the reader's language; elsewhere than on German pages the
    German name follows, marked as German."""
    portal, created, _english = accessibility_pages
    for url, labels in (
        (f"{portal.absolute_url()}/en/news", ("Easy language", "Sign language")),
        (f"{portal.absolute_url()}/de", ("Leichte Sprache", "Gebärdensprache")),
    ):
        html = requests.get(url, timeout=30).text
        assert f'href="{created["leichte-sprache"].absolute_url()}"' in html
        assert f'href="{created["gebaerdensprache"].absolute_url()}"' in html
        for label in labels:
            assert f'class="accessibility-label">{label}</span>' in html
        german = re.findall(
            r'<span [^>]*lang="de"[^>]*>\(Leichte Sprache\)</span>', html
        )
        assert len(german) == (0 if url.endswith("/de") else 1)


def test_accessibility_statement_in_readers_language(accessibility_pages):
    portal, created, english = accessibility_pages
    response = requests.get(f"{portal.absolute_url()}/en/news", timeout=30)
    assert f"{portal.absolute_url()}/en/@@accessibility-statement" in response.text
    landed = requests.get(
        f"{portal.absolute_url()}/en/@@accessibility-statement", timeout=30
    )
    assert landed.url == english.absolute_url()
    # Arabic has no translation: the German statement, not a dead end
    landed = requests.get(
        f"{portal.absolute_url()}/ar/@@accessibility-statement", timeout=30
    )
    assert landed.url == created["barrierefreiheit"].absolute_url()
    assert landed.status_code == 200


def test_missing_page_is_a_clean_404(ml_functional_portal):
    response = requests.get(
        f"{ml_functional_portal.absolute_url()}/de/@@sign-language", timeout=30
    )
    assert response.status_code == 404
    assert "Traceback" not in response.text


def test_statement_links_the_feedback_form(accessibility_pages):
    portal, created, english = accessibility_pages
    with api.env.adopt_user(SITE_OWNER_NAME):
        form = create_published(
            portal["de"],
            "EasyForm",
            id="barrierefreiheit-rueckmeldung",
            title="Barriere melden",
        )
    transaction.commit()
    for statement in (created["barrierefreiheit"], english):
        html = requests.get(statement.absolute_url(), timeout=30).text
        assert "accessibility-feedback-heading" in html
        assert f'href="{form.absolute_url()}"' in html
    # other pages do not carry it
    html = requests.get(created["leichte-sprache"].absolute_url(), timeout=30).text
    assert "accessibility-feedback-heading" not in html
    answer = requests.get(form.absolute_url(), timeout=30)
    assert answer.status_code == 200
    assert "<form" in answer.text
