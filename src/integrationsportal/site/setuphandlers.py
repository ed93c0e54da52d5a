"""Handlers that run after the add-on's GenericSetup profiles."""

from integrationsportal import logger
from integrationsportal import loginthrottle
from integrationsportal.alerts import store as alerts_store
from integrationsportal.feedback import setup as feedback_setup
from integrationsportal.feedback.demo import create_demo_feedback
from integrationsportal.frontdoor.tiles import exclude_tiles_from_search
from integrationsportal.frontdoor.tiles import setup_start_pages
from integrationsportal.frontdoor.tiles import teardown_start_pages
from integrationsportal.hardening import errorlog
from integrationsportal.housing.demo import create_demo_flats
from integrationsportal.keyfigures.demo import create_demo_demand
from integrationsportal.search import setup as search_setup
from integrationsportal.shared.types import INTERNAL_TYPES
from integrationsportal.site.caching import setup_embedded_caching
from integrationsportal.site.demo import load_content_directory
from pathlib import Path
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


DEMO_CONTENT = Path(__file__).parent.parent / "profiles" / "demo" / "content"


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles that the add-ons control panel does not offer."""
        return [
            "integrationsportal:demo",
            "integrationsportal:uninstall",
        ]

    def getNonInstallableProducts(self):
        return []


MINOR_CHANGE = "integrationsportal.minor_change"


def _content_ftis(portal):
    """Dexterity types that hold content (not the site, not language roots)."""
    for fti in portal.portal_types.listTypeInfo():
        if getattr(fti, "behaviors", None) is None:
            continue
        if fti.getId() in ("Plone Site", "LRF", "LIF", *INTERNAL_TYPES):
            continue
        yield fti


def post_install(context):
    """After the default profile: every content type is translatable (also
    those of add-ons installed after plone.app.multilingual, such as
    EasyForm) and has the "minor change" box on its edit form."""
    from plone.app.multilingual.setuphandlers import enable_translatable_behavior

    portal = api.portal.get()
    enable_translatable_behavior(portal)
    # round tables are internal workspaces in one language: not translated
    for portal_type in INTERNAL_TYPES:
        fti = portal.portal_types.get(portal_type)
        if fti is not None and "plone.translatable" in fti.behaviors:
            behaviors = tuple(b for b in fti.behaviors if b != "plone.translatable")
            fti._updateProperty("behaviors", behaviors)
    for fti in _content_ftis(portal):
        if MINOR_CHANGE not in fti.behaviors:
            fti._updateProperty("behaviors", (*fti.behaviors, MINOR_CHANGE))
    loginthrottle.install(portal)
    setup_embedded_caching(portal)
    search_setup.install(portal)
    feedback_setup.install(portal)
    errorlog.ignore_client_errors(portal)
    # the start pages of the language roots that exist already (a new site
    # gets them once its languages exist: site/distribution.py)
    exclude_tiles_from_search()
    setup_start_pages(portal)
    logger.info("Integrationsportal installed.")


def post_install_demo(context):
    """After the demo profile: load the demo content files."""
    created = load_content_directory(DEMO_CONTENT)
    logger.info("Demo content loaded: %d items.", created)
    create_demo_users()
    logger.info("Demo flats: %d.", create_demo_flats())
    logger.info("Demo demand for %s.", create_demo_demand())
    logger.info("Demo feedback: %d votes and reports.", create_demo_feedback())


# One user per role for trying the demo portal on a local machine. The
# password is documented in the README; never load the demo on a public site.
DEMO_PASSWORD = "musterkreis-demo"  # noqa: S105 - documented, demo only
DEMO_USERS = (
    ("redaktion", "Rita Redaktion", "editors"),
    ("pruefung", "Paul Prüfung", "reviewers"),
    ("uebersetzung-ar", "Amal Übersetzung", "translators-ar"),
    ("wohnungsteam", "Wanda Wohnungsteam", "housing-team"),
    ("lenkung", "Lena Lenkungsgruppe", "steering-group"),
    ("intern", "Ingo Intern", "intranet-staff"),
)


def create_demo_users():
    for username, fullname, group in DEMO_USERS:
        if api.user.get(username=username) is None:
            api.user.create(
                username=username,
                email=f"{username}@example.org",
                password=DEMO_PASSWORD,
                properties={"fullname": fullname},
            )
        if api.group.get(groupname=group) is not None:
            api.group.add_user(groupname=group, username=username)
    # the demo round tables: editor and steering group in both, the housing
    # team in the labour-market table only
    memberships = {
        "runder-tisch-arbeitsmarktintegration": (
            "redaktion",
            "lenkung",
            "wohnungsteam",
        ),
        "arbeitstisch-ausbildung": ("redaktion", "lenkung"),
    }
    # unrestricted: site creation runs without a logged-in user, and only
    # members see a round table
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="RoundTable"):
        table = brain._unrestrictedGetObject()
        for username in memberships.get(table.getId(), ()):
            api.group.add_user(groupname=table.member_group, username=username)
    logger.info("Demo users: %s.", ", ".join(u for u, _n, _g in DEMO_USERS))


def uninstall(context):
    """After the uninstall profile."""
    portal = api.portal.get()
    for fti in _content_ftis(portal):
        if MINOR_CHANGE in fti.behaviors:
            behaviors = tuple(b for b in fti.behaviors if b != MINOR_CHANGE)
            fti._updateProperty("behaviors", behaviors)
    loginthrottle.uninstall(portal)
    errorlog.log_client_errors(portal)
    teardown_start_pages(portal)
    search_setup.uninstall(portal)
    alerts_store.uninstall(portal)
    feedback_setup.uninstall(portal)
    logger.info("Integrationsportal uninstalled.")
