"""Fixtures of the accessibility tests: a multilingual functional portal
(committed, for tests over HTTP) with the accessibility pages."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def accessibility_pages(ml_functional_portal):
    """The published pages on Leichte Sprache, sign language and
    accessibility (German; the statement also in English) and an English
    news page: (portal, {id: German page}, English statement)."""
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        created = {}
        for path, title in (
            ("leichte-sprache", "Leichte Sprache"),
            ("gebaerdensprache", "Gebärdensprache"),
            ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ):
            created[path] = create_published(
                portal["de"], "Document", id=path, title=title
            )
        english = ITranslationManager(created["barrierefreiheit"]).add_translation("en")
        english.title = "Accessibility statement"
        api.content.transition(english, to_state="published")
        create_published(portal["en"], "Document", id="news", title="News")
    transaction.commit()
    return portal, created, english
