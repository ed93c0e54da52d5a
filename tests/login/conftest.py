"""Fixtures of the login tests: a functional portal (committed, for tests
over HTTP) with two users of the portal, petra and paul, whose password is
``support.USER_PASSWORD``."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import USER_PASSWORD
import pytest
import transaction


@pytest.fixture
def portal_with_users(functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        for username in ("petra", "paul"):
            api.user.create(
                username=username,
                email=f"{username}@example.org",
                password=USER_PASSWORD,
            )
    transaction.commit()
    return functional_portal
