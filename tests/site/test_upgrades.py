"""Upgrade steps, each run on a site set back to the state of the profile
version before it."""

from integrationsportal import translation
from integrationsportal.hardening import errorlog
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from zope.annotation.interfaces import IAnnotations
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
    assert setup.getLastVersionForProfile(PROFILE) == (
        setup.getVersionForProfile(PROFILE),
    )


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
