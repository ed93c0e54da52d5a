"""Fixtures of the places tests. The distance, finder, leak and behaviour
tests read the demo portal of ``profiles/musterkreis.toml`` (``demo``,
``demo_url`` of the root conftest.py; a module keeps it for the session
with ``pytestmark = pytest.mark.usefixtures("demo_session")``);
``demo_portal`` gives its site object for what a test adds and commits
(each test's changes are gone after it: the layer stacks a storage per
test). ``make_site`` creates a portal from a site profile. The form and
geocoding tests use the functional portal."""

from integrationsportal.site.distribution import NAME
from integrationsportal.site.profile import load_site_profile
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite
import pytest


@pytest.fixture
def demo_portal(demo):
    portal = demo["app"][demo["demo_site_id"]]
    setSite(portal)
    yield portal
    setSite(None)


@pytest.fixture(scope="session")
def distribution_name():
    """pytest-plone's ``create_site`` creates from this distribution."""
    return NAME


@pytest.fixture
def make_site(app, portal, create_site):
    """A second portal next to the integration layer's, created from a site
    profile through the distribution (as ``make create-site`` does), within
    the test's transaction, which is rolled back."""
    from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
    from zope.interface import noLongerProvides

    # a new site must not see the layer portal's browser layers
    noLongerProvides(app.REQUEST, IPloneAppMultilingualInstalled)
    created = []

    def make(path):
        answers = load_site_profile(path)
        new = create_site(app, answers)
        created.append(answers["site_id"])
        return new

    yield make
    with api.env.adopt_user(SITE_OWNER_NAME):
        for site_id in created:
            if site_id in app.objectIds():
                app.manage_delObjects([site_id])
    setSite(portal)
