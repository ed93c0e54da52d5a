"""Translations know when their original changed."""

from integrationsportal import translation
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from support import edit
from support import outdated_in_catalog
from support import OWNER
import pytest
import re
import requests
import transaction


@pytest.fixture
def offer_with_translations(ml_portal):
    portal = ml_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            portal["de"],
            "Offer",
            id="sprachcafe",
            title="Sprachcafé",
            categories=["language"],
            municipality=None,
            text=RichTextValue("<p>Jeden Dienstag.</p>", "text/html"),
        )
        manager = ITranslationManager(original)
        english = manager.add_translation("en")
        english.title = "Language café"
        arabic = manager.add_translation("ar")
        arabic.title = "مقهى اللغة"
    return original, english, arabic


def test_new_translations_are_current(offer_with_translations):
    original, english, arabic = offer_with_translations
    assert translation.status(english) == translation.CURRENT
    assert translation.status(arabic) == translation.CURRENT
    assert translation.status(original) is None  # the original has no status


def test_change_of_original_outdates_translations(offer_with_translations):
    original, english, arabic = offer_with_translations
    edit(original, text=RichTextValue("<p>Jeden Mittwoch.</p>", "text/html"))
    assert translation.status(english) == translation.OUTDATED
    assert translation.status(arabic) == translation.OUTDATED
    assert outdated_in_catalog(english)
    assert translation.revision_date(original) is not None


def test_minor_change_keeps_translations_current(offer_with_translations):
    original, english, _arabic = offer_with_translations
    edit(original, minor=True, title="Sprach-Café")
    assert translation.status(english) == translation.CURRENT
    assert original.minor_change is False  # for this save only
    edit(original, title="Sprachcafé am Mittwoch")
    assert translation.status(english) == translation.OUTDATED


def test_language_independent_change_keeps_translations_current(
    offer_with_translations,
):
    original, english, _arabic = offer_with_translations
    edit(original, categories=["language", "meeting"])
    assert translation.status(english) == translation.CURRENT
    assert english.categories == ["language", "meeting"]  # synchronised


def test_retranslating_makes_current_again(offer_with_translations):
    original, english, arabic = offer_with_translations
    edit(original, title="Sprachcafé am Mittwoch")
    edit(english, title="Language café on Wednesdays")
    assert translation.status(english) == translation.CURRENT
    assert not outdated_in_catalog(english)
    assert translation.status(arabic) == translation.OUTDATED
    # a minor edit of a translation does not claim it is up to date
    edit(arabic, minor=True, title="مقهى اللغة!")
    assert translation.status(arabic) == translation.OUTDATED


@pytest.fixture
def published_pair(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            portal["de"], "Document", id="info", title="Information"
        )
        english = ITranslationManager(original).add_translation("en")
        english.title = "Information in English"
        for obj in (original, english):
            api.content.transition(obj, to_state="published")
        edit(original, title="Neue Information")
    transaction.commit()
    return original, english


def test_reader_of_outdated_translation_sees_notice(published_pair):
    original, english = published_pair
    html = requests.get(english.absolute_url(), timeout=30).text
    assert "translation-notice" in html
    assert f'href="{original.absolute_url()}"' in html
    # the original itself carries no notice
    html = requests.get(original.absolute_url(), timeout=30).text
    assert "translation-notice" not in html


def test_dashboard_counts(published_pair, ml_functional_portal):
    portal_url = ml_functional_portal.absolute_url()
    auth = OWNER
    page = requests.get(f"{portal_url}/@@translation-dashboard", auth=auth, timeout=30)
    assert page.status_code == 200
    html = page.text
    assert "Neue Information" in html
    page = requests.get(
        f"{portal_url}/@@translation-dashboard",
        params={"language": "en", "status": "outdated"},
        auth=auth,
        timeout=30,
    )
    assert "Information in English" in page.text
    page = requests.get(
        f"{portal_url}/@@translation-dashboard",
        params={"language": "en", "status": "current"},
        auth=auth,
        timeout=30,
    )
    assert "Information in English" not in page.text
    bad = requests.get(
        f"{portal_url}/@@translation-dashboard",
        params={"language": "xx", "status": "<script>"},
        auth=auth,
        timeout=30,
    )
    assert bad.status_code == 200
    assert "<script>" not in bad.text
    anonymous = requests.get(
        f"{portal_url}/@@translation-dashboard", allow_redirects=False, timeout=30
    )
    assert anonymous.status_code in (302, 401, 403)


def test_finder_in_arabic_finds_german_only_offers(offer_with_translations, ml_portal):
    from integrationsportal.finder.parameters import FinderQuery
    from integrationsportal.finder.query import OfferFinder

    original, english, arabic = offer_with_translations
    with api.env.adopt_user(SITE_OWNER_NAME):
        only_german = api.content.create(
            ml_portal["de"],
            "Offer",
            id="nur-deutsch",
            title="Nur auf Deutsch",
            categories=["work"],
        )
        for obj in (original, english, arabic, only_german):
            api.content.transition(obj, to_state="published")

    def titles(language):
        finder = OfferFinder(ml_portal[language], FinderQuery.from_form({}), language)
        brains, total, _page, _pages = finder.results()
        assert total == len(brains)
        return sorted((brain.Title, brain.Language) for brain in brains)

    assert titles("ar") == [("Nur auf Deutsch", "de"), ("مقهى اللغة", "ar")]
    assert titles("de") == [("Nur auf Deutsch", "de"), ("Sprachcafé", "de")]
    # Farsi has no translation at all: every German offer, once
    assert titles("fa") == [("Nur auf Deutsch", "de"), ("Sprachcafé", "de")]
    # translating it into Farsi replaces the German one there
    with api.env.adopt_user(SITE_OWNER_NAME):
        farsi = ITranslationManager(only_german).add_translation("fa")
        farsi.title = "فقط به آلمانی"
        farsi.reindexObject()
        api.content.transition(farsi, to_state="published")
    assert titles("fa") == [("Sprachcafé", "de"), ("فقط به آلمانی", "fa")]
    # removing the translation brings the German offer back
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.delete(farsi)
    assert titles("fa") == [("Nur auf Deutsch", "de"), ("Sprachcafé", "de")]


@pytest.mark.parametrize(
    ("language", "direction"),
    [("de", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl")],
)
def test_lang_and_dir_per_language(ml_functional_portal, language, direction):
    html = requests.get(
        f"{ml_functional_portal.absolute_url()}/{language}", timeout=30
    ).text
    root = re.search(r"<html[^>]*>", html).group(0)
    assert f'lang="{language}"' in root
    assert f'dir="{direction}"' in root
    body = re.search(r"<body[^>]*>", html).group(0)
    assert f'dir="{direction}"' in body


def test_direction_of_languages():
    from integrationsportal.accessibility.direction import direction

    assert direction("ar") == "rtl"
    assert direction("fa-AF") == "rtl"
    assert direction("ur") == "rtl"  # Plone's own list misses it
    assert direction("ckb") == "rtl"
    assert direction("de") == "ltr"
    assert direction(None) == "ltr"


def test_untranslated_page_leads_to_existing_versions(
    published_pair, ml_functional_portal
):
    original, english = published_pair
    portal_url = ml_functional_portal.absolute_url()
    from plone.app.multilingual.interfaces import ITG

    group = ITG(original)
    answer = requests.get(
        f"{portal_url}/@@multilingual-selector/{group}/ar?set_language=ar", timeout=30
    )
    assert answer.status_code == 200
    assert "not_translated_yet" in answer.url
    html = answer.text
    assert "not-translated-yet" in html
    assert f'href="{original.absolute_url()}?set_language=de"' in html
    assert f'href="{english.absolute_url()}?set_language=en"' in html
    # the original comes first
    assert html.index(original.absolute_url()) < html.index(english.absolute_url())


def test_catalog_values_need_no_site_hook(offer_with_translations, ml_portal):
    """A reindex may run at commit after the site hook is cleared (a script,
    the creation of a site): the values come from the object's own site."""
    from integrationsportal.translation.indexers import finder_languages
    from integrationsportal.translation.indexers import translation_outdated
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite

    original, english, _arabic = offer_with_translations
    with_site = (
        finder_languages(original)(),
        translation_outdated(english)(),
    )
    site = getSite()
    setSite(None)
    try:
        without_site = (
            finder_languages(original)(),
            translation_outdated(english)(),
        )
    finally:
        setSite(site)
    assert without_site == with_site
    # the original stands in for the languages it has no public translation in
    assert "ar" in with_site[0] and "de" in with_site[0]
