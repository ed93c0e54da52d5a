"""Upgrade 1006 → 1007 on a portal built at version 1006: no type TaskTile,
language roots showing a welcome page, the root plone.app.multilingual's
switcher."""

from integrationsportal.frontdoor.tiles import DEFAULT_TILES
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME


PROFILE = "integrationsportal:default"


def as_of_1006(portal):
    types = api.portal.get_tool("portal_types")
    types.manage_delObjects(["TaskTile"])
    hidden = api.portal.get_registry_record("plone.types_not_searched")
    api.portal.set_registry_record(
        "plone.types_not_searched", tuple(t for t in hidden if t != "TaskTile")
    )
    if portal.hasProperty("layout"):
        portal.manage_delProperties(["layout"])
    with api.env.adopt_user(SITE_OWNER_NAME):
        for code in ("de", "en"):
            page = api.content.create(
                portal[code],
                "Document",
                id="welcome",
                title="Willkommen",
                description=f"Willkommen ({code})",
            )
            portal[code].setDefaultPage(page.getId())


def test_upgrade_to_1007(ml_portal):
    portal = ml_portal
    as_of_1006(portal)
    assert "TaskTile" not in api.portal.get_tool("portal_types")
    assert portal.getLayout() == "language-switcher"
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1006")
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup.upgradeProfile(PROFILE)
    latest = setup.getVersionForProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == tuple(latest.split("."))

    assert "TaskTile" in api.portal.get_tool("portal_types")
    assert "TaskTile" in api.portal.get_registry_record("plone.types_not_searched")
    assert portal.getLayout() == "language-chooser"
    types = api.portal.get_tool("portal_types")
    assert "start-page" in types["LRF"].view_methods
    assert "language-chooser" in types["Plone Site"].view_methods
    for code in ("de", "en", "ar", "fa"):
        root = portal[code]
        assert root.getDefaultPage() is None
        assert root.getLayout() == "start-page"
        tiles = [o for o in root.objectValues() if o.portal_type == "TaskTile"]
        # (this portal has neither the housing form nor an easy-read page)
        assert [t.Title() for t in tiles] == [
            texts[code][0]
            for _id, _icon, where, texts in DEFAULT_TILES
            if where not in ("housing-form", "easy-read")
        ]
        for tile in tiles:
            assert api.content.get_state(tile) == "published"
    # the welcome page stays, its summary is the start page's
    assert portal["de"].Description() == "Willkommen (de)"
    assert "welcome" in portal["de"]
    # the tiles of one task are translations of each other
    translations = ITranslationManager(portal["de"]["task-guide"])
    assert translations.get_translation("ar") == portal["ar"]["task-guide"]

    # running it again changes nothing an editor did
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.delete(portal["de"]["task-finder"])
    setup.setLastVersionForProfile(PROFILE, "1006")
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup.upgradeProfile(PROFILE)
    assert "task-finder" not in portal["de"]
