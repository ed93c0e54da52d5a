"""The "Who helps me?" page of a language root, over HTTP: organisations by
kind in the reader's language; one not translated yet is listed in German,
marked so and carrying its language; a draft never shows to readers."""

from lxml import html as lxml_html
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import requests
import transaction


@pytest.fixture
def organisations(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        jobcenter = create_published(
            portal["de"],
            "Organisation",
            id="jobcenter",
            title="Jobcenter Musterkreis",
            kind="jobcenter",
            phone="+49 9999 100",
        )
        create_published(
            portal["de"],
            "Organisation",
            id="mbe",
            title="Migrationsberatung",
            kind="migrationsberatung",
        )
        api.content.create(
            portal["de"], "Organisation", id="entwurf", title="Entwurfsstelle"
        )
        jobcenter_ar = create_published(
            portal["ar"],
            "Organisation",
            id="jobcenter",
            title="مركز العمل",
            kind="jobcenter",
        )
        ITranslationManager(jobcenter).register_translation("ar", jobcenter_ar)
    transaction.commit()
    return portal


def cards(url):
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.text)
    result = {}
    for link in tree.cssselect(".who-helps-list .card-title a"):
        marker = link.getparent().cssselect(".other-language bdi")
        result[link.text_content().strip()] = (
            link.get("lang"),
            marker[0].get("lang") if marker else None,
        )
    return tree, result


def test_german_readers_see_every_published_organisation(organisations):
    tree, found = cards(organisations["de"].absolute_url() + "/@@who-helps")
    assert found == {
        "Jobcenter Musterkreis": (None, None),
        "Migrationsberatung": (None, None),
    }
    assert tree.cssselect("h1")[0].text_content().strip() == "Wer hilft mir?"
    assert tree.cssselect('.who-helps-list a[href="tel:+49 9999 100"]')


def test_arabic_readers_see_translations_and_marked_originals(organisations):
    tree, found = cards(organisations["ar"].absolute_url() + "/@@who-helps")
    assert found == {"مركز العمل": (None, None), "Migrationsberatung": ("de", "de")}
    assert tree.cssselect("h1")[0].text_content().strip() == "من يساعدني؟"


def test_the_start_page_tile_leads_there(organisations):
    from integrationsportal.frontdoor.tiles import setup_start_pages

    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_start_pages(organisations)
    transaction.commit()
    response = requests.get(organisations["ar"].absolute_url(), timeout=30)
    tree = lxml_html.fromstring(response.text)
    hrefs = [a.get("href") for a in tree.cssselect("a.task-tile")]
    assert organisations["ar"].absolute_url() + "/@@who-helps" in hrefs
