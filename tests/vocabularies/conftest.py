"""Fixtures of the vocabulary tests: a committed portal with a Site
Administrator, an editor, and content that uses some tokens."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import transaction


PASSWORD = "geheim-Vokabel-1"  # noqa: S105 - a test user's password


@pytest.fixture
def panel_portal(functional_portal):
    portal = functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            username="verwaltung",
            email="verwaltung@example.org",
            password=PASSWORD,
            roles=["Site Administrator"],
        )
        api.user.create(
            username="redakteur",
            email="redakteur@example.org",
            password=PASSWORD,
            roles=["Editor", "Reviewer", "Contributor"],
        )
        folder = api.content.create(portal, "Folder", id="angebote", title="Angebote")
        for index in range(2):
            api.content.create(
                folder,
                "Offer",
                id=f"kurs-{index}",
                title=f"Kurs {index}",
                categories=["work"],
                funding=["bamf"],
            )
    transaction.commit()
    return portal


@pytest.fixture
def credentials():
    """Login and password of the users ``panel_portal`` has."""
    return {login: (login, PASSWORD) for login in ("verwaltung", "redakteur")}
