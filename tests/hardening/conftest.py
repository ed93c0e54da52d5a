"""Fixtures of the hardening tests: multilingual functional portals
(committed, for tests over HTTP) with a published page, or with the housing
form set up. (The instance directory for `make start` is tests/conftest.py's
``instance``.)"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def portal_with_page(ml_functional_portal):
    """The multilingual portal with a published German page, /de/seite."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        create_published(
            ml_functional_portal["de"], "Document", id="seite", title="Seite"
        )
    transaction.commit()
    return ml_functional_portal


@pytest.fixture
def portal_with_housing_form(ml_functional_portal):
    """The multilingual portal with the housing form, /de/wohnung-anbieten,
    and the public listing of flats; no rent limits."""
    from integrationsportal.housing.form import HousingProfile
    from integrationsportal.housing.form import setup_housing

    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_housing(ml_functional_portal, "de", HousingProfile(public_listing=True),
                      log=lambda message: None)  # fmt: skip
    transaction.commit()
    return ml_functional_portal
