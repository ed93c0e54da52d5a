"""Fixtures of the alert tests: the portal's mail settings pointed at the
local SMTP server (``inbox`` of the root conftest.py), and published offers
in a portal with language roots."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def alert_portal(ml_functional_portal, inbox):
    portal = ml_functional_portal
    inbox.configure()
    api.portal.set_registry_record("plone.email_from_name", "Musterkreis")
    with api.env.adopt_user(SITE_OWNER_NAME):
        for title in ("Sprachkurs am Abend", "Sprachcafé"):
            create_published(
                portal["de"], "Offer", title=title, categories=["language"]
            )
        create_published(
            portal["de"], "Offer", title="Bewerbungstraining", categories=["work"]
        )
    transaction.commit()
    return portal
