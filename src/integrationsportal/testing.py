"""Test layers: the add-on installed on a Plone site with multilingual setup."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
import integrationsportal
import os


# compile the .po files on loading, as the instance does (zope.conf):
# a fresh clone has no .mo files
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class IntegrationsportalLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.app.multilingual
        import plone.classicui
        import plone.restapi

        # the "classic" distribution, which site profiles create portals from
        self.loadZCML(package=plone.classicui)
        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=plone.app.multilingual)
        self.loadZCML(package=integrationsportal)
        # As at the end of a real configuration run: apply the schema plugins
        # (language-independent fields, read permissions) to every schema,
        # including ones imported before their plugins were registered.
        from plone.supermodel.model import finalizeSchemas

        finalizeSchemas()

    def setUpPloneSite(self, portal):
        applyProfile(portal, "integrationsportal:default")


FIXTURE = IntegrationsportalLayer()


INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="IntegrationsportalLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="IntegrationsportalLayer:FunctionalTesting",
)
