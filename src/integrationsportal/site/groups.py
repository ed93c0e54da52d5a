"""The district's groups and its languages: language root folders, each with
a group of translators.

Site creation (``site/distribution.py``) runs these; all of them run again
without harm.
"""

from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.i18n.interfaces import ILanguageUtility
from zope.component import getUtility


def setup_languages(portal, default_language, languages):
    """Make ``languages`` available, create their root folders and a group
    of translators for each language but the default one."""
    api.portal.set_registry_record("plone.default_language", default_language)
    api.portal.set_registry_record("plone.available_languages", list(languages))
    SetupMultilingualSite().setupSite(portal)
    # plone.app.multilingual publishes the language roots directly; the
    # review workflow has no direct publishing, so they go through review here
    # (as the Manager who creates the site, exempt from the four-eyes rule)
    workflow_tool = api.portal.get_tool("portal_workflow")
    for language in languages:
        root = portal.get(language)
        if root is None or not workflow_tool.getChainFor(root):
            continue
        if api.content.get_state(root, None) != "published":
            api.content.transition(obj=root, to_state="published")
    setup_translator_groups(portal, default_language, languages)


TRANSLATOR_ROLES = ("Contributor", "Editor")


def translator_group_id(language):
    return f"translators-{language}"


def setup_translator_groups(portal, default_language, languages):
    """One group per language other than the default: its members translate
    into that language and submit for review, in that language root only.
    Publishing stays with reviewers."""

    names = getUtility(ILanguageUtility).getAvailableLanguageInformation()
    for language in languages:
        if language == default_language or language not in portal.objectIds():
            continue
        group_id = translator_group_id(language)
        if api.group.get(groupname=group_id) is None:
            native = (names.get(language) or {}).get("native") or language
            api.group.create(
                groupname=group_id,
                title=f"Übersetzung {native} ({language})",
                description=(
                    "Translates into this language and submits for review; "
                    "cannot publish."
                ),
            )
        api.group.grant_roles(
            groupname=group_id, roles=list(TRANSLATOR_ROLES), obj=portal[language]
        )


# The groups a district needs, with the portal-wide roles they carry. Their
# members are added by the site's administrators (or the demo profile).
GROUPS = (
    (
        "editors",
        "Redaktion",
        "Write and change content; submit it for review.",
        ("Contributor", "Editor"),
    ),
    (
        "reviewers",
        "Prüfung und Freigabe",
        "Check submitted content and publish it.",
        ("Reviewer",),
    ),
    (
        "housing-team",
        "Wohnungsteam (Kreisverwaltung und Jobcenter)",
        "Manage the flats landlords offer.",
        ("HousingTeam",),
    ),
    (
        "steering-group",
        "Lenkungsgruppe",
        "Key figures of the portal.",
        ("SteeringGroup",),
    ),
    (
        "intranet-staff",
        "Mitarbeitende (intern)",
        "Staff of the partner organisations.",
        (),
    ),
)


def setup_groups(portal):
    """Create the district's groups; existing ones keep their members."""

    for group_id, title, description, roles in GROUPS:
        if api.group.get(groupname=group_id) is None:
            api.group.create(
                groupname=group_id,
                title=title,
                description=description,
                roles=list(roles),
            )
