"""Fixtures of the light-and-offline tests: the multilingual portal over
HTTP with a published and a private process chain in Arabic."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def reader_portal(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        create_published(portal["ar"], "ProcessChain", id="chain", title="سلسلة")
        api.content.create(portal["ar"], "ProcessChain", id="draft", title="مسودة")
    transaction.commit()
    return portal
