"""The add-on installs and uninstalls cleanly."""

from integrationsportal.interfaces import IIntegrationsportalLayer
from plone import api
from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from zope.component import getUtility
import pytest


class TestInstall:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer(self, browser_layers):
        assert IIntegrationsportalLayer in browser_layers

    def test_latest_version(self, profile_last_version, package_name):
        """Bump this together with metadata.xml and an upgrade step."""
        assert profile_last_version(f"{package_name}:default") == "1014"

    @pytest.mark.parametrize(
        "dependency",
        [
            "plone.restapi",
            "plone.app.multilingual",
            "collective.easyform",
            "plone.app.dexterity",
        ],
    )
    def test_dependencies_installed(self, installer, dependency):
        assert installer.is_product_installed(dependency) is True

    def test_error_log_leaves_out_refused_requests(self, portal):
        ignored = portal.error_log.getProperties()["ignored_exceptions"]
        assert "ClientError" in ignored

    def test_settings_registered(self, portal):
        assert api.portal.get_registry_record("integrationsportal.municipalities") == []
        assert api.portal.get_registry_record("integrationsportal.district_name") == ""

    def test_css_bundle_registered(self, portal):
        prefix = "plone.bundles/integrationsportal"
        assert api.portal.get_registry_record(f"{prefix}.enabled") is True

    def test_demo_and_uninstall_profiles_hidden(self, portal):
        from plone.base.interfaces import INonInstallable
        from zope.component import getAllUtilitiesRegisteredFor

        hidden = set()
        for utility in getAllUtilitiesRegisteredFor(INonInstallable):
            hidden.update(utility.getNonInstallableProfiles())
        assert "integrationsportal:demo" in hidden
        assert "integrationsportal:uninstall" in hidden


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer, package_name):
        installer.uninstall_product(package_name)

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IIntegrationsportalLayer not in browser_layers

    def test_settings_removed(self, portal):
        with pytest.raises(api.exc.InvalidParameterError):
            api.portal.get_registry_record("integrationsportal.municipalities")

    def test_reinstall(self, installer, package_name, browser_layers):
        installer.install_product(package_name)
        assert installer.is_product_installed(package_name) is True


class TestUninstallRemovesWhatDefaultAdded:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer, package_name, portal):
        from datetime import datetime
        from integrationsportal.alerts.store import Alerts
        from integrationsportal.feedback import store

        Alerts(portal).add("a@example.org", "de", [], datetime.now(), "http://x/de")
        folder = store.reports_folder(create=True)
        store.file_report(folder, {"kind": "offer", "email": "b@example.org"})
        installer.uninstall_product(package_name)

    def test_readers_reports_are_gone(self, portal):
        assert "rueckmeldungen" not in portal.objectIds()

    def test_readers_alerts_are_gone(self, portal):
        from zope.annotation.interfaces import IAnnotations

        assert "integrationsportal.alerts" not in IAnnotations(portal)

    def test_error_log_logs_refused_requests_again(self, portal):
        ignored = portal.error_log.getProperties()["ignored_exceptions"]
        assert "ClientError" not in ignored
        assert "Unauthorized" in ignored

    def test_catalog_indexes_removed(self, portal):
        catalog = api.portal.get_tool("portal_catalog")
        for name in ("categories", "german_level_rank", "provider_uid", "contact_uids"):
            assert name not in catalog.indexes()
        assert "provider_title" not in catalog.schema()

    def test_finder_tab_removed(self, portal):
        assert "offer-finder" not in portal.portal_actions.portal_tabs.objectIds()
        assert "offers-to-verify" not in portal.portal_actions.user.objectIds()

    def test_minor_change_box_removed(self, portal):
        for fti in portal.portal_types.listTypeInfo():
            assert "integrationsportal.minor_change" not in getattr(
                fti, "behaviors", ()
            )

    def test_vocabulary_records_removed(self, portal):
        with pytest.raises(api.exc.InvalidParameterError):
            api.portal.get_registry_record("integrationsportal.vocabularies.categories")

    def test_identity_removed_and_plone_header_back(self, portal):
        with pytest.raises(api.exc.InvalidParameterError):
            api.portal.get_registry_record("integrationsportal.identity.primary")
        panel = api.portal.get_tool("portal_controlpanel")
        assert "integrationsportal-identity" not in [
            action.getId() for action in panel.listActions()
        ]
        storage = getUtility(IViewletSettingsStorage)
        hidden = storage.getHidden("plone.portalheader", "Plone Default")
        assert "plone.app.multilingual.languageselector" not in hidden
        assert "plone.anontools" not in hidden


@pytest.mark.parametrize(
    "portal_type",
    ["Document", "Folder", "News Item", "Event", "EasyForm", "Offer", "Contact"],
)
def test_every_content_type_translatable_with_minor_change(portal, portal_type):
    behaviors = portal.portal_types[portal_type].behaviors
    assert "plone.translatable" in behaviors
    assert "integrationsportal.minor_change" in behaviors


@pytest.mark.parametrize("portal_type", ["RoundTable", "Meeting", "ActionItem"])
def test_round_tables_are_not_translated(portal, portal_type):
    assert "plone.translatable" not in portal.portal_types[portal_type].behaviors


def test_finder_tab_installed(portal):
    assert "offer-finder" in portal.portal_actions.portal_tabs.objectIds()
    assert "offers-to-verify" in portal.portal_actions.user.objectIds()


def test_controlpanel_installed(controlpanel_actions):
    assert "integrationsportal-settings" in controlpanel_actions
    assert "integrationsportal-identity" in controlpanel_actions


def test_controlpanel_changes_municipalities(portal, http_request):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Neustadt", "Altdorf an der See"]
    )
    vocabulary = getUtility(IVocabularyFactory, "integrationsportal.Municipalities")(
        portal
    )
    assert [(t.value, t.title) for t in vocabulary] == [
        ("neustadt", "Neustadt"),
        ("altdorf-an-der-see", "Altdorf an der See"),
    ]
    with api.env.adopt_roles(["Manager"]):
        view = api.content.get_view("integrationsportal-settings", portal, http_request)
        assert "Altdorf an der See" in view()

    def test_plones_text_index_is_back_and_filled(self, portal):
        from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex

        catalog = api.portal.get_tool("portal_catalog")
        index = catalog._catalog.getIndex("SearchableText")
        assert isinstance(index, ZCTextIndex)
        assert index.indexSize() == len(catalog)
        assert "integrationsportal-search-glossary" not in [
            a.getId() for a in portal.portal_controlpanel.listActions()
        ]
        with pytest.raises(api.exc.InvalidParameterError):
            api.portal.get_registry_record("integrationsportal.search_glossary")
