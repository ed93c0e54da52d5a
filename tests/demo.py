"""The demo portal of ``profiles/musterkreis.toml`` (all six languages, the
demo content) as a test layer, built once through the "Integrationsportal"
distribution as ``make create-site`` builds it. The mixed-language tests
(bidi/) and the search tests (search/) read it; one layer, set up once."""

from integrationsportal.site.distribution import NAME
from integrationsportal.site.profile import load_site_profile
from integrationsportal.testing import FIXTURE
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.testing import FunctionalTesting
from plone.app.testing import SITE_OWNER_NAME
from plone.distribution.api import site as site_api
from plone.testing import Layer
from plone.testing import zodb
from plone.testing import zope
from plone.testing.zope import WSGI_SERVER_FIXTURE
from support import ROOT
from zope.component.hooks import setHooks
from zope.component.hooks import setSite
from zope.interface import noLongerProvides
import transaction


class DemoPortalLayer(Layer):
    """The demo portal next to the layer's own, in a storage of its own."""

    defaultBases = (FIXTURE,)

    def setUp(self):
        self["zodbDB"] = zodb.stackDemoStorage(
            self.get("zodbDB"), name="DemoPortalLayer"
        )
        answers = load_site_profile(ROOT / "profiles" / "musterkreis.toml")
        self["demo_site_id"] = answers["site_id"]
        with zope.zopeApp() as app:
            setHooks()
            # a new site must not see the layer portal's browser layers
            noLongerProvides(app.REQUEST, IPloneAppMultilingualInstalled)
            zope.login(app["acl_users"], SITE_OWNER_NAME)
            site_api._create_site(context=app, distribution_name=NAME, answers=answers)
            zope.logout()
            setSite(None)
            # commit here, not in zopeApp(), which would swallow a failure
            # and leave the tests facing a portal that is not there; the site
            # hook is cleared first, as at the end of a real request
            transaction.commit()

    def tearDown(self):
        self["zodbDB"].close()
        del self["zodbDB"]


DEMO_PORTAL_FIXTURE = DemoPortalLayer()

DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DEMO_PORTAL_FIXTURE, WSGI_SERVER_FIXTURE),
    name="DemoPortalLayer:FunctionalTesting",
)
