"""Fixtures of the site tests: a second portal from an answer file, created
through the "Integrationsportal" distribution."""

from integrationsportal.site.distribution import NAME
from integrationsportal.site.profile import load_site_profile
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.distribution.api import distribution as dist_api
from plone.distribution.utils.validation import validate_answers
from zope.component.hooks import setSite
import pytest


@pytest.fixture(scope="session")
def distribution_name():
    """pytest-plone's ``create_site`` creates from this distribution."""
    return NAME


@pytest.fixture
def make_portal(app, portal, create_site):
    """Create a second portal next to the layer's from an answer file, as
    ``make create-site`` does: the answers are checked against the
    distribution's schema, then the distribution builds the portal (without
    the commit of ``plone.distribution.api.site.create``, so the test's
    transaction is rolled back)."""
    from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
    from zope.interface import noLongerProvides

    # The request comes marked with the layer portal's browser layers; a new
    # site's creation must not see them (as in a real `make create-site`).
    noLongerProvides(app.REQUEST, IPloneAppMultilingualInstalled)
    created = []

    def make(path):
        answers = load_site_profile(path)
        assert validate_answers(answers, dist_api.get(NAME).schema), path
        new = create_site(app, answers)
        created.append(answers["site_id"])
        return new

    yield make
    with api.env.adopt_user(SITE_OWNER_NAME):
        for site_id in created:
            if site_id in app.objectIds():
                app.manage_delObjects([site_id])
    setSite(portal)
