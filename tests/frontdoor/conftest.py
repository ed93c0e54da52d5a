"""Fixtures of the front door's tests: a multilingual functional portal
(German, English, Arabic, Farsi; committed, for tests over HTTP) with its
start pages set up as installing the add-on sets them up."""

from integrationsportal.frontdoor.tiles import setup_start_pages
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import transaction


@pytest.fixture
def front_door(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_start_pages(portal)
    transaction.commit()
    return portal


@pytest.fixture
def editor(front_door):
    """A user with the Editor and Contributor roles (login, password)."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            email="kachel@example.org", username="kachel", password="Kachel-Redaktion-1"
        )
        api.user.grant_roles(username="kachel", roles=["Editor", "Contributor"])
    transaction.commit()
    return ("kachel", "Kachel-Redaktion-1")
