"""Upgrade steps, each run on a site set back to the state of the profile
version before it."""

from integrationsportal import translation
from integrationsportal.hardening import errorlog
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from plone.dexterity.utils import createContentInContainer
from plone.registry.interfaces import IRegistry
from support import edit
from support import rel
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.filerepresentation.interfaces import IRawReadFile
import pytest


PROFILE = "integrationsportal:default"
PUBLIC_TYPES = (
    "Offer",
    "Organisation",
    "Contact",
    "GoodPractice",
    "ProcessChain",
    "ProcessStep",
)


def run_upgrades(source):
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, source)
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup.upgradeProfile(PROFILE)
    latest = setup.getVersionForProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == tuple(latest.split("."))


def as_of_1000(portal):
    """Undo what version 1001 brought: the local adapters, the WebDAV
    permission, related items, and translation fingerprints."""
    registry = portal.getSiteManager()
    for registration in list(registry.registeredAdapters()):
        if registration.factory.__module__.startswith("integrationsportal."):
            registry.unregisterAdapter(
                factory=registration.factory,
                required=registration.required,
                provided=registration.provided,
                name=registration.name,
            )
    portal.manage_permission("WebDAV access", (), acquire=True)
    errorlog.log_client_errors(portal)
    types = api.portal.get_tool("portal_types")
    for name in PUBLIC_TYPES:
        fti = types[name]
        fti.behaviors = tuple(b for b in fti.behaviors if b != "plone.relateditems")


@pytest.fixture
def old_translation(ml_portal):
    """An offer translated at version 1000: revisions, no fingerprints."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            ml_portal["de"], "Offer", id="kurs", title="Deutschkurs"
        )
        arabic = ITranslationManager(original).add_translation("ar")
        arabic.title = "دورة ألمانية"
        outdated = ITranslationManager(original).add_translation("en")
        outdated.title = "German course"
    for obj in (original, arabic, outdated):
        IAnnotations(obj)[translation.KEY].pop("fingerprint", None)
        IAnnotations(obj)[translation.KEY].pop("source_fingerprint", None)
    # the English one was made before the original's last real change
    IAnnotations(outdated)[translation.KEY]["source_revision"] = -1
    return original, arabic, outdated


def test_upgrade_to_1001(ml_portal, old_translation):
    portal = ml_portal
    original, arabic, outdated = old_translation
    as_of_1000(portal)
    ours = "integrationsportal.hardening.fieldsecurity.ReadableFieldsReadFile"
    before = IRawReadFile(original)
    assert f"{type(before).__module__}.{type(before).__name__}" != ours
    assert "plone.relateditems" not in portal.portal_types["Offer"].behaviors

    run_upgrades("1000")

    reader = IRawReadFile(original)
    assert f"{type(reader).__module__}.{type(reader).__name__}" == ours
    roles = {
        role["name"]
        for role in portal.rolesOfPermission("WebDAV access")
        if role["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}
    for name in PUBLIC_TYPES:
        assert "plone.relateditems" in portal.portal_types[name].behaviors, name
    assert "ClientError" in portal.error_log.getProperties()["ignored_exceptions"]
    # the current translation stays current through a save that changes
    # nothing; the outdated one stays outdated
    assert translation.status(arabic, original) == translation.CURRENT
    assert translation.status(outdated, original) == translation.OUTDATED
    translation.original_saved(original)
    assert translation.status(arabic, original) == translation.CURRENT
    original.title = "Deutschkurs am Abend"
    translation.original_saved(original)
    assert translation.status(arabic, original) == translation.OUTDATED


def as_of_1001(portal):
    """Workflow definitions that differ from the profile's, as before 1003."""
    workflows = api.portal.get_tool("portal_workflow")
    housing = workflows["integrationsportal_housing_workflow"]
    housing.states["checked"].title = "Geprueft (alt)"
    housing.transitions["check"].title = "Pruefen (alt)"
    workflows["integrationsportal_internal_workflow"].title = "Intern (alt)"


def test_upgrade_to_1003_keeps_every_state(portal):
    """The workflows are imported anew; every item keeps its state and
    history, and the titles are the profile's again."""
    from integrationsportal.housing.flats import state_titles

    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record("integrationsportal.municipalities", ["Ort"])
        # the types are not addable at the site root: made as setup does
        folder = createContentInContainer(
            portal, "HousingOffers", id="wohnungen", checkConstraints=False
        )
        flats = {}
        for state, steps in {
            "new": (),
            "checked": ("check",),
            "reserved": ("check", "reserve"),
            "withdrawn": ("withdraw",),
        }.items():
            flat = createContentInContainer(
                folder, "HousingOffer", id=f"w-{state}", checkConstraints=False
            )
            for step in steps:
                api.content.transition(obj=flat, transition=step)
            flats[state] = flat
        offer = api.content.create(portal, "Offer", id="kurs", title="Kurs")
        api.content.transition(obj=offer, transition="submit")
        table = createContentInContainer(
            portal, "RoundTable", id="tisch", checkConstraints=False
        )
    history = {
        state: len(flat.workflow_history["integrationsportal_housing_workflow"])
        for state, flat in flats.items()
    }
    as_of_1001(portal)

    run_upgrades("1001")

    for state, flat in flats.items():
        assert api.content.get_state(flat) == state
        wf_history = flat.workflow_history["integrationsportal_housing_workflow"]
        assert len(wf_history) == history[state]
    assert api.content.get_state(offer) == "pending"
    assert api.content.get_state(table) == "internal"
    workflows = api.portal.get_tool("portal_workflow")
    housing = workflows["integrationsportal_housing_workflow"]
    assert housing.states["checked"].title == "Checked"
    assert housing.transitions["check"].title == "Mark as checked"
    internal = workflows["integrationsportal_internal_workflow"]
    assert internal.title == "Round table (members only)"
    assert state_titles(portal.REQUEST)["checked"] == "Checked"


def test_upgrade_to_1004(portal):
    """The publish guard asks the four-eyes rule itself, not a view."""
    workflow = api.portal.get_tool("portal_workflow")[
        "integrationsportal_publication_workflow"
    ]
    guard = workflow.transitions["publish"].getGuard()
    new = guard.getExprText()
    assert "@@" not in new
    guard.changeFromProperties(
        {"guard_expr": 'python:here.restrictedTraverse("@@four-eyes-may-publish")()'}
    )
    assert "@@four-eyes-may-publish" in guard.getExprText()

    run_upgrades("1001")

    guard = workflow.transitions["publish"].getGuard()
    assert guard.getExprText() == new
    assert guard.getSummary() and "Review portal content" in guard.getSummary()


def test_upgrade_to_1005(portal):
    """The finder tab links to offer-finder, so that Plone's navigation
    marker does not take it for the language root."""
    tab = api.portal.get_tool("portal_actions").portal_tabs["offer-finder"]
    tab._setPropValue(
        "url_expr",
        'python:f"{plone_portal_state.navigation_root_url()}/@@offer-finder"',
    )

    run_upgrades("1004")

    assert "@@" not in tab.url_expr
    assert tab.url_expr.endswith('/offer-finder"')


def test_upgrade_to_1006(portal):
    """The identity records arrive, named after the district the site
    already has; the header's row of language links and the login give way
    to the language button and the footer."""
    registry = getUtility(IRegistry)
    for name in list(registry.records.keys()):
        if name.startswith("integrationsportal.identity."):
            del registry.records[name]
    api.portal.set_registry_record("integrationsportal.district_name", "Altkreis")
    storage = getUtility(IViewletSettingsStorage)
    storage.setHidden("plone.portalheader", "Plone Default", ())
    panel = api.portal.get_tool("portal_controlpanel")
    panel.unregisterConfiglet("integrationsportal-identity")
    assert (
        api.portal.get_registry_record("integrationsportal.identity.name", default=None)
        is None
    )

    run_upgrades("1005")

    assert api.portal.get_registry_record("integrationsportal.identity.name") == (
        "Altkreis"
    )
    assert api.portal.get_registry_record("integrationsportal.identity.primary") == (
        "#00608c"
    )
    hidden = storage.getHidden("plone.portalheader", "Plone Default")
    assert "plone.app.multilingual.languageselector" in hidden
    assert "plone.anontools" in hidden
    assert "integrationsportal-identity" in [a.getId() for a in panel.listActions()]


def test_upgrade_to_1008(ml_portal):
    """The landlords' form: in every language, opening at its top, pets as
    three plain choices; a form of version 1007 exists in German only."""
    from integrationsportal.housing.form import HousingProfile
    from integrationsportal.housing.form import setup_housing
    from plone.app.multilingual.interfaces import ITranslationManager

    portal = ml_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_housing(portal, "de", HousingProfile(), log=lambda message: None)
        for language in ("en", "ar", "fa"):
            api.content.delete(portal[language]["wohnung-anbieten"])
    form = portal["de"]["wohnung-anbieten"]
    form.autofocus = True
    widget = '<form:widget type="z3c.form.browser.radio.RadioFieldWidget"/>'
    assert widget in form.fields_model
    form.fields_model = form.fields_model.replace(widget, "")

    run_upgrades("1007")

    assert form.autofocus is False
    assert "z3c.form.browser.radio.RadioFieldWidget" in form.fields_model
    manager = ITranslationManager(form)
    for language in ("en", "ar", "fa"):
        translated = portal[language]["wohnung-anbieten"]
        assert manager.get_translation(language) == translated
        assert api.content.get_state(translated) == "published"
        assert translated.autofocus is False
    assert portal["ar"]["wohnung-anbieten"].title == "اعرض شقة"
    # run again: nothing doubled, nothing lost
    run_upgrades("1007")
    assert portal["de"].objectIds().count("wohnung-anbieten") == 1


def root_left_portlets(portal):
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter

    manager = getUtility(IPortletManager, name="plone.leftcolumn")
    return getMultiAdapter((portal, manager), IPortletAssignmentMapping)


def test_a_new_site_has_one_navigation(portal):
    assert "navigation" not in root_left_portlets(portal)


def test_upgrade_to_1009(ml_portal):
    """Version 1008 left the root navigation portlet in place and counted a
    draft translation as if readers could see it."""
    from plone.app.portlets.portlets import navigation

    portal = ml_portal
    root_left_portlets(portal)["navigation"] = navigation.Assignment()
    with api.env.adopt_user(SITE_OWNER_NAME):
        offer = api.content.create(portal["de"], "Offer", id="kurs", title="Kurs")
        api.content.transition(offer, to_state="published")
        draft = api.content.create(portal["ar"], "Offer", id="kurs", title="دورة")
        ITranslationManager(offer).register_translation("ar", draft)
    catalog = api.portal.get_tool("portal_catalog")
    # as version 1008 indexed it: any translation hid the original
    offer.reindexObject(idxs=["finder_languages"])
    index = catalog._catalog.getIndex("finder_languages")
    rid = catalog.getrid("/".join(offer.getPhysicalPath()))
    index.index_object(rid, type("Old", (), {"finder_languages": ["de", "en"]})())
    assert "ar" not in catalog.getIndexDataForRID(rid)["finder_languages"]

    run_upgrades("1008")

    assert "navigation" not in root_left_portlets(portal)
    assert "ar" in catalog.getIndexDataForRID(rid)["finder_languages"]


def test_upgrade_to_1009_leads_to_the_form_in_each_language(ml_portal):
    """Version 1007 made the start pages before 1008 made the language
    forms: the Arabic tile led to the German form."""
    from integrationsportal.frontdoor.tiles import setup_start_pages
    from integrationsportal.housing.form import HousingProfile
    from integrationsportal.housing.form import setup_housing
    from support import rel

    portal = ml_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_housing(portal, "de", HousingProfile(), log=lambda message: None)
        setup_start_pages(portal)
    tile = portal["ar"]["task-offer-flat"]
    assert tile.target.to_object == portal["ar"]["wohnung-anbieten"]
    tile.target = rel(portal["de"]["wohnung-anbieten"])

    run_upgrades("1008")

    assert tile.target.to_object == portal["ar"]["wohnung-anbieten"]
    assert (
        portal["de"]["task-offer-flat"].target.to_object
        == portal["de"]["wohnung-anbieten"]
    )


def test_upgrade_to_1010(ml_portal):
    """Version 1009 sent Plone's scripts to every reader, had no offline
    reading and no browser caching of static resources."""
    from plone.base.interfaces.resources import IBundleRegistry
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    bundles = getUtility(IRegistry).collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    bundles["plone"].expression = ""
    del bundles["integrationsportal-offline"]
    del bundles["integrationsportal-bootstrap"]
    mapping = "plone.caching.interfaces.ICacheSettings.operationMapping"
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", False
    )
    api.portal.set_registry_record(mapping, {})

    run_upgrades("1009")

    assert bundles["plone"].expression == "python: member is not None"
    assert bundles["integrationsportal-offline"].expression == "python: member is None"
    assert bundles["integrationsportal-bootstrap"].jscompilation.endswith(
        "bootstrap.bundle.min.js"
    )
    assert api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled"
    )
    assert (
        api.portal.get_registry_record(mapping)["plone.stableResource"]
        == "plone.app.caching.strongCaching"
    )
    assert (
        api.portal.get_registry_record(
            "plone.app.caching.strongCaching.plone.stableResource.maxage"
        )
        == 31536000
    )
    assert api.portal.get_registry_record(mapping)["plone.content.itemView"] == (
        "plone.app.caching.weakCaching"
    )
    assert api.portal.get_registry_record(
        "plone.app.caching.weakCaching.plone.content.itemView.ramCache"
    )


def test_upgrade_to_1010_keeps_a_cache_proxys_rules(ml_portal):
    """A portal behind Varnish (make cluster) keeps the proxy's rules; its
    finder gets the proxy's rule for dynamic pages, not the RAM cache."""
    from integrationsportal.site.caching import setup_caching_proxy

    setup_caching_proxy(ml_portal, "http://127.0.0.1:8000")
    mapping = "plone.caching.interfaces.ICacheSettings.operationMapping"
    before = dict(api.portal.get_registry_record(mapping))

    run_upgrades("1009")

    after = api.portal.get_registry_record(mapping)
    assert after["plone.content.itemView"] == before["plone.content.itemView"]
    assert after["integrationsportal.finder"] == "plone.app.caching.terseCaching"


def test_upgrade_to_1011(ml_portal):
    """Version 1010 searched with Plone's ZCTextIndex, which knew no
    languages, and had no glossary; the upgrade fills the new index with the
    site's existing content and says how far it is."""
    from integrationsportal.search.index import ReaderTextIndex
    from Products.ZCTextIndex.ZCTextIndex import PLexicon
    from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex

    with api.env.adopt_user(SITE_OWNER_NAME):
        offer = api.content.create(
            container=ml_portal["de"], type="Offer", title="Sprachkurse am Abend"
        )
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("SearchableText")

    class Extra:
        doc_attr = "SearchableText"
        lexicon_id = "plone_lexicon"
        index_type = "Okapi BM25 Rank"

    if "plone_lexicon" not in catalog.objectIds():
        catalog._setObject("plone_lexicon", PLexicon("plone_lexicon"))
    catalog.addIndex("SearchableText", ZCTextIndex("SearchableText", Extra(), catalog))
    catalog.reindexIndex("SearchableText", None)
    registry = getUtility(IRegistry)
    del registry.records["integrationsportal.search_glossary"]
    panel = api.portal.get_tool("portal_controlpanel")
    panel.unregisterConfiglet("integrationsportal-search-glossary")
    search = catalog.unrestrictedSearchResults
    # the old index misses the singular
    assert search(SearchableText="Sprachkurse", UID=offer.UID())
    assert not search(SearchableText="Sprachkurs", UID=offer.UID())

    import logging

    messages = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("integrationsportal")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        run_upgrades("1010")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)

    index = catalog._catalog.getIndex("SearchableText")
    assert isinstance(index, ReaderTextIndex)
    assert index.indexSize() == len(catalog)
    assert [b.UID for b in search(SearchableText="Sprachkurs", UID=offer.UID())] == [
        offer.UID()
    ]
    assert "Deutschkurs" in registry["integrationsportal.search_glossary"]
    assert "integrationsportal-search-glossary" in [
        a.getId() for a in panel.listActions()
    ]
    assert any(m.startswith("Reader search: indexing the text of") for m in messages)
    # a second run changes nothing and keeps the index
    run_upgrades("1010")
    from Acquisition import aq_base

    assert aq_base(catalog._catalog.getIndex("SearchableText")) is aq_base(index)


def test_upgrade_to_1012(ml_portal):
    """Version 1011 had no "My list": no script to keep it in the browser,
    no entry in the header."""
    from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
    from plone.base.interfaces.resources import IBundleRegistry
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    bundles = getUtility(IRegistry).collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )
    del bundles["integrationsportal-mylist"]
    storage = getUtility(IViewletSettingsStorage)
    order = [
        name
        for name in storage.getOrder("plone.portalheader", "Plone Default")
        if name != "integrationsportal.mylist"
    ]
    storage.setOrder("plone.portalheader", "Plone Default", tuple(order))
    registry = getUtility(IRegistry)
    api.portal.set_registry_record("integrationsportal.freshness_months", 7)
    del registry.records["integrationsportal.public_url"]

    run_upgrades("1011")

    assert bundles["integrationsportal-mylist"].jscompilation.endswith("mylist.js")
    assert bundles["integrationsportal-mylist"].load_defer
    header = storage.getOrder("plone.portalheader", "Plone Default")
    assert header.index("integrationsportal.mylist") > header.index(
        "integrationsportal.headersearch"
    )
    assert api.portal.get_registry_record("integrationsportal.public_url") is None
    assert api.portal.get_registry_record("integrationsportal.freshness_months") == 7
    # a second run changes nothing
    run_upgrades("1011")
    assert "integrationsportal-mylist" in bundles


def test_upgrade_to_1013(ml_portal):
    """Version 1012 had no feedback: no types for the readers' reports, no
    workflows, no permission to review them, no inbox indexes, no
    settings."""
    from integrationsportal.feedback import setup as feedback_setup
    from integrationsportal.feedback import store

    types = api.portal.get_tool("portal_types")
    workflow = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    registry = getUtility(IRegistry)
    for name in ("Feedback", "FeedbackReports"):
        types.manage_delObjects([name])
    workflow.manage_delObjects(
        [
            "integrationsportal_feedback_workflow",
            "integrationsportal_feedback_folder_workflow",
        ]
    )
    for name in feedback_setup.INDEXES:
        catalog.delIndex(name)
    for name in feedback_setup.COLUMNS:
        catalog.delColumn(name)
    for name in ("feedback_retention_days", "feedback_reports_per_hour"):
        del registry.records[f"integrationsportal.{name}"]
    ml_portal.manage_permission("integrationsportal: Review feedback", [], acquire=True)
    api.portal.set_registry_record("integrationsportal.freshness_months", 7)

    run_upgrades("1012")

    assert {"Feedback", "FeedbackReports"} <= set(types.objectIds())
    assert workflow.getChainForPortalType("Feedback") == (store.WORKFLOW,)
    assert set(feedback_setup.INDEXES) <= set(catalog.indexes())
    assert set(feedback_setup.COLUMNS) <= set(catalog.schema())
    assert store.retention_days() == 365
    assert store.reports_per_hour() == 10
    assert "Feedback" in api.portal.get_registry_record("plone.types_not_searched")
    roles = {
        r["name"]
        for r in ml_portal.rolesOfPermission("integrationsportal: Review feedback")
        if r["selected"]
    }
    assert {"Editor", "Reviewer", "Site Administrator", "Manager"} <= roles
    assert api.portal.get_registry_record("integrationsportal.freshness_months") == 7
    # the first report after the upgrade files and is found by the inbox
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = store.reports_folder(create=True)
        report = store.file_report(folder, {"kind": "offer", "reason": "outdated"})
    found = catalog.unrestrictedSearchResults(feedback_reason="outdated")
    assert [b._unrestrictedGetObject() for b in found] == [report]
    # a second run changes nothing
    run_upgrades("1012")
    assert store.retention_days() == 365


def test_upgrade_to_1014(ml_portal):
    """Version 1013 had no places: no point on organisations and offers, no
    settings "Maps and places", no point in the catalog, no map widget."""
    from integrationsportal.places import setup as places_setup
    from integrationsportal.places.interfaces import PREFIX
    from integrationsportal.upgrades.v1014.steps import WIDGET_BUNDLE
    from plone.formwidget.geolocation.geolocation import Geolocation

    types = api.portal.get_tool("portal_types")
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    registry = getUtility(IRegistry)
    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Musterstadt", "Lindenau"]
    )
    behaviors = {}
    for name in ("Offer", "Organisation"):
        fti = types[name]
        fti.behaviors = tuple(
            b for b in fti.behaviors if b != "integrationsportal.place"
        )
        behaviors[name] = fti.behaviors
    for name in [r for r in registry.records if r.startswith(f"{PREFIX}.")]:
        del registry.records[name]
    for name in [r for r in registry.records if r.startswith("geolocation.")]:
        del registry.records[name]
    for name in [r for r in registry.records if "plone-formwidget-geolocation" in r]:
        del registry.records[name]
    setup.setLastVersionForProfile("plone.formwidget.geolocation:default", "unknown")
    for name in places_setup.COLUMNS:
        catalog.delColumn(name)
    with api.env.adopt_user(SITE_OWNER_NAME):
        provider = api.content.create(
            ml_portal["de"],
            "Organisation",
            title="Beratungsstelle",
            kind="migrationsberatung",
            municipality="lindenau",
        )
        api.content.transition(provider, to_state="published")
        offer = api.content.create(
            ml_portal["de"],
            "Offer",
            title="Sprechstunde",
            municipality="lindenau",
            provider=rel(provider),
        )
        online = api.content.create(
            ml_portal["de"], "Offer", title="Online-Kurs", online="online"
        )
    # a point an import left on the organisation before the field existed
    provider.geolocation = Geolocation(50.6, 9.86)

    run_upgrades("1013")

    for name in ("Offer", "Organisation"):
        # every behavior the type had stays
        assert set(types[name].behaviors) == {
            *behaviors[name],
            "integrationsportal.place",
        }
    assert api.portal.get_registry_record(f"{PREFIX}.municipality_centres") == {}
    assert api.portal.get_registry_record(f"{PREFIX}.geocoder_url") == ""
    assert api.portal.get_registry_record(f"{PREFIX}.tile_url").startswith("https://")
    assert set(places_setup.COLUMNS) <= set(catalog.schema())

    def place(obj):
        (brain,) = catalog.unrestrictedSearchResults(UID=obj.UID())
        return brain.place_point, brain.place_precision

    assert place(provider) == ("50.600000,9.860000", "point")
    assert place(offer) == ("50.600000,9.860000", "point")
    assert place(online) == ("", "")
    # the widget's script: only for members, no address search
    assert registry[WIDGET_BUNDLE] == "python: member is not None"
    assert registry["geolocation.show_geosearch"] is False
    # the district's centres, entered after the upgrade, place the offers
    api.portal.set_registry_record(
        f"{PREFIX}.municipality_centres", {"Lindenau": "50.600,9.860"}
    )
    edit(provider, geolocation=None)
    assert place(offer) == ("50.600000,9.860000", "municipality")
    # a second run changes nothing
    run_upgrades("1013")
    assert api.portal.get_registry_record(f"{PREFIX}.municipality_centres") == {
        "Lindenau": "50.600,9.860"
    }
    assert types["Offer"].behaviors.count("integrationsportal.place") == 1
