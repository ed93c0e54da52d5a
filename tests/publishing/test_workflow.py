"""The publication workflow: four eyes, comments, and who may do what."""

from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.site.groups import setup_groups
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.interface import noLongerProvides
import pytest


def create_as(user, **kwargs):
    with api.env.adopt_user(user=user):
        return api.content.create(container=api.portal.get(), **kwargs)


def transitions(obj, user):
    with api.env.adopt_user(user=user):
        workflow = api.portal.get_tool("portal_workflow")
        return {t["id"] for t in workflow.getTransitionsFor(obj)}


def test_all_content_follows_the_review_workflow(portal):
    workflow = api.portal.get_tool("portal_workflow")
    for portal_type in ("Document", "Offer", "ProcessChain", "Contact", "EasyForm"):
        assert workflow.getChainForPortalType(portal_type) == (
            "integrationsportal_publication_workflow",
        )


def test_no_direct_publishing_from_private(people):
    page = create_as(people["paul"], type="Document", id="a", title="A")
    assert transitions(page, people["paul"]) == {"submit"}


@pytest.mark.parametrize(
    ("author", "publisher", "allowed"),
    [
        ("rita", "paul", True),  # editor writes, reviewer publishes
        ("rita", "rita", False),  # an editor cannot publish at all
        ("rita", "ralf", False),  # nor can another editor
        ("paul", "paul", False),  # a reviewer cannot publish their own
        ("paul", "petra", True),  # a second reviewer can
        ("rita", "max", False),  # a member without a role cannot
    ],
)
def test_four_eyes(people, author, publisher, allowed):
    page = create_as(people[author], type="Document", id="p", title="Seite")
    with api.env.adopt_user(user=people[author]):
        api.content.transition(page, transition="submit", comment="Bitte prüfen")
    assert ("publish" in transitions(page, people[publisher])) is allowed
    if allowed:
        with api.env.adopt_user(user=people[publisher]):
            api.content.transition(page, transition="publish", comment="Passt")
        assert api.content.get_state(page) == "published"


def test_comments_and_history(people):
    page = create_as(people["rita"], type="Document", id="h", title="Seite")
    with api.env.adopt_user(user=people["rita"]):
        api.content.transition(page, transition="submit", comment="Neu: Sprechzeiten")
    with api.env.adopt_user(user=people["paul"]):
        api.content.transition(page, transition="reject", comment="Telefon fehlt")
    history = api.portal.get_tool("portal_workflow").getHistoryOf(
        "integrationsportal_publication_workflow", page
    )
    steps = [(h["action"], h["actor"], h["comments"]) for h in history if h["action"]]
    assert steps == [
        ("submit", "rita", "Neu: Sprechzeiten"),
        ("reject", "paul", "Telefon fehlt"),
    ]
    assert api.content.get_state(page) == "private"


def test_resubmission_moves_the_four_eyes(people):
    """Whoever submitted last may not publish."""
    page = create_as(people["rita"], type="Document", id="r", title="Seite")
    with api.env.adopt_user(user=people["rita"]):
        api.content.transition(page, transition="submit")
    with api.env.adopt_user(user=people["paul"]):
        api.content.transition(page, transition="reject")
    with api.env.adopt_user(user=people["rita"]):
        api.content.transition(page, transition="submit")
    assert "publish" in transitions(page, people["paul"])
    with api.env.adopt_user(user=people["paul"]):
        api.content.transition(page, transition="reject")
        api.content.transition(page, transition="submit")  # paul submits now
    assert "publish" not in transitions(page, people["paul"])
    assert "publish" in transitions(page, people["petra"])


def test_my_drafts_and_review_queue(people, portal):
    create_as(people["rita"], type="Document", id="d1", title="Mein Entwurf")
    sent = create_as(people["rita"], type="Document", id="d2", title="Eingereicht")
    create_as(people["ralf"], type="Document", id="d3", title="Von Ralf")
    with api.env.adopt_user(user=people["rita"]):
        api.content.transition(sent, transition="submit")
        drafts = portal.restrictedTraverse("@@my-drafts")
        titles = {item["title"]: item["state"] for item in drafts.items()}
        assert "Mein Entwurf" in drafts()
    assert titles == {"Mein Entwurf": "private", "Eingereicht": "pending"}
    with api.env.adopt_user(user=people["paul"]):
        items = portal.restrictedTraverse("@@review-queue").items()
    assert [item["title"] for item in items] == ["Eingereicht"]
    assert items[0]["submitter"] == "rita" and not items[0]["own"]


def test_site_profile_groups(portal):
    setup_groups(portal)
    for group_id in ("editors", "reviewers", "housing-team", "steering-group"):
        assert api.group.get(groupname=group_id) is not None
    assert "Reviewer" in api.group.get_roles(groupname="reviewers")
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_groups(portal)  # again: nothing breaks, nothing doubles


def test_four_eyes_hold_without_the_browser_layer(people, portal):
    """Scripts and site creation run transitions with a request that has no
    browser layer: the rule holds there too."""
    noLongerProvides(portal.REQUEST, IIntegrationsportalLayer)
    assert not IIntegrationsportalLayer.providedBy(portal.REQUEST)
    page = create_as(people["paul"], type="Document", id="s", title="Seite")
    with api.env.adopt_user(user=people["paul"]):
        api.content.transition(page, transition="submit")
    assert "publish" not in transitions(page, people["paul"])
    assert "publish" in transitions(page, people["petra"])
    with api.env.adopt_user(user=people["petra"]):
        api.content.transition(page, transition="publish")
    assert api.content.get_state(page) == "published"
