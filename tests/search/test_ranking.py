"""The order of results with the language-aware text index: title before
summary before body, active before ended, checked before stale; the index
follows every change of content, and Plone's catalog profile imported again
leaves it as it is."""

from datetime import date
from datetime import timedelta
from integrationsportal.search.index import ReaderTextIndex
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from support import edit
import pytest


def search(text, language="de", **query):
    catalog = api.portal.get_tool("portal_catalog")
    query.setdefault("portal_type", "Offer")
    brains = catalog.unrestrictedSearchResults(
        SearchableText={"query": text, "language": language}, **query
    )
    return [brain.getId for brain in brains]


@pytest.fixture
def offers(ml_portal):
    today = date.today()
    folder = ml_portal["de"]
    specs = {
        "in-body": ("Beratung", "Hilfe im Alltag", "<p>Auch ein Sprachkurs.</p>"),
        "in-title": ("Sprachkurs am Morgen", "Lernen", "<p>Vormittags</p>"),
        "in-summary": ("Kurs am Abend", "Ein Sprachkurs für alle", "<p>Abends</p>"),
    }
    with api.env.adopt_user(SITE_OWNER_NAME):
        for id_, (title, description, html) in specs.items():
            api.content.create(
                folder,
                "Offer",
                id=id_,
                title=title,
                description=description,
                text=RichTextValue(html, "text/html", "text/x-html-safe"),
                offer_status="active",
                last_verified=today,
            )
        for id_, status, verified in (
            ("ended", "ended", today),
            ("stale", "active", today - timedelta(days=3 * 365)),
            ("fresh", "active", today),
            ("paused", "paused", today),
        ):
            api.content.create(
                folder,
                "Offer",
                id=id_,
                title="Bewerbungstraining",
                offer_status=status,
                last_verified=verified,
            )
    return folder


def test_the_site_uses_the_language_aware_index(ml_portal):
    catalog = api.portal.get_tool("portal_catalog")
    assert isinstance(catalog._catalog.getIndex("SearchableText"), ReaderTextIndex)


def test_title_before_summary_before_body(offers):
    assert search("Sprachkurse") == ["in-title", "in-summary", "in-body"]


def test_active_and_checked_offers_first(offers):
    assert search("Bewerbungstrainings") == ["fresh", "paused", "stale", "ended"]


def test_the_index_follows_changes(offers):
    with api.env.adopt_user(SITE_OWNER_NAME):
        edit(offers["in-body"], title="Sprachkurs intensiv")
        assert search("Sprachkurs")[0] in ("in-body", "in-title")
        assert "in-body" in search("intensiv")
        api.content.delete(offers["in-title"])
    assert "in-title" not in search("Sprachkurs")
    assert search("Morgen") == []


def test_a_catalog_import_keeps_the_index(offers):
    """Plone's catalog.xml declares SearchableText as a ZCTextIndex; imported
    again (a Plone upgrade), it leaves our index and its contents alone."""
    from Products.GenericSetup.interfaces import INode
    from Products.GenericSetup.testing import DummySetupEnviron
    from xml.dom.minidom import parseString
    from zope.component import getMultiAdapter

    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("SearchableText")
    plones = parseString(  # noqa: S318 (our own constant)
        '<index name="SearchableText" meta_type="ZCTextIndex">'
        '<indexed_attr value="SearchableText"/>'
        '<extra name="index_type" value="Okapi BM25 Rank"/>'
        '<extra name="lexicon_id" value="plone_lexicon"/></index>'
    ).documentElement
    adapter = getMultiAdapter((index, DummySetupEnviron()), INode)
    adapter.node = plones
    assert isinstance(catalog._catalog.getIndex("SearchableText"), ReaderTextIndex)
    assert "in-title" in search("Sprachkurs")
    assert adapter.node.getAttribute("meta_type") == "ReaderTextIndex"


def test_typos_are_forgiven_from_five_letters(offers):
    assert search("Bewerbungstrainig")[:1] == ["fresh"]
    assert search("Kurz") == []  # four letters: no typo tolerance


@pytest.mark.parametrize("language", ["x\x00", "../../etc/passwd", "el", "", None, 42])
def test_an_unknown_language_reads_the_words_in_the_request_language(offers, language):
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("SearchableText")
    assert index.search("Sprachkurse λόγος", language) is not None
    assert "in-title" in search("Sprachkurse", language=language)


def test_did_you_mean_names_only_words_of_pages_anyone_may_read(ml_portal):
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("SearchableText")
    with api.env.adopt_user(SITE_OWNER_NAME):
        draft = api.content.create(
            ml_portal["de"], "Offer", id="draft", title="Geheimplanung Zauberwürfel"
        )
    outcome = index.search("Zauberwürfl", "de")
    assert outcome.corrections == {}
    # published, and edited, its words may be offered
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(draft, to_state="published")
        draft.reindexObject()
    outcome = index.search("Zauberwürfl", "de")
    assert outcome.corrections == {"Zauberwürfl": "Zauberwürfel"}
