"""Fixtures of the site tests: a second portal from an answer file."""

from integrationsportal.site.profile import create_portal
from integrationsportal.site.profile import load_site_profile
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite
import pytest


@pytest.fixture
def make_portal(app, portal):
    """Create a second portal next to the layer's, from a profile file."""
    from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
    from zope.interface import noLongerProvides

    # The request comes marked with the layer portal's browser layers; a new
    # site's creation must not see them (as in a real `make create-site`).
    noLongerProvides(app.REQUEST, IPloneAppMultilingualInstalled)
    created = []

    def make(path):
        profile = load_site_profile(path)
        with api.env.adopt_user(SITE_OWNER_NAME):
            new = create_portal(app, profile, log=lambda message: None)
        created.append(profile.site_id)
        return new

    yield make
    with api.env.adopt_user(SITE_OWNER_NAME):
        for site_id in created:
            if site_id in app.objectIds():
                app.manage_delObjects([site_id])
    setSite(portal)
