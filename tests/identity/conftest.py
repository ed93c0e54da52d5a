"""Fixtures of the identity tests: a multilingual functional portal with a
district's identity (name, logo, colours, contact, legal links), and a
vanilla Plone site next to it."""

from integrationsportal.identity.setup import setup_identity
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.site.profile import load_site_profile
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.testing import SITE_OWNER_NAME
from plone.distribution.utils.data import convert_data_uri_to_b64
from Products.CMFPlone.factory import addPloneSite
from support import ROOT
from zope.component.hooks import setSite
from zope.interface import noLongerProvides
import pytest
import transaction


@pytest.fixture
def district(ml_functional_portal):
    """The portal with Musterkreis's identity, as its answer file sets it."""
    portal = ml_functional_portal
    answers = load_site_profile(ROOT / "profiles" / "musterkreis.toml")
    setup_identity(answers["identity"], answers["district_name"])
    api.portal.set_registry_record(
        "plone.site_logo", convert_data_uri_to_b64(answers["site_logo"])
    )
    transaction.commit()
    return portal


@pytest.fixture
def plain_site(district):
    """A vanilla Plone site in the same Zope, without the add-on."""
    app = district.aq_parent
    for layer in (IIntegrationsportalLayer, IPloneAppMultilingualInstalled):
        noLongerProvides(app.REQUEST, layer)
    with api.env.adopt_user(SITE_OWNER_NAME):
        plain = addPloneSite(app, "plain", title="Plain Plone")
    setSite(district)
    transaction.commit()
    yield plain
    with api.env.adopt_user(SITE_OWNER_NAME):
        app.manage_delObjects(["plain"])
    setSite(district)
    transaction.commit()
