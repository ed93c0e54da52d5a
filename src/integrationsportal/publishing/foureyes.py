"""Four eyes: the person who submitted an item for review does not publish
it. Exempt is whoever holds "integrationsportal: Publish without second
review" (by default only Manager: the technical operators, site creation and
imports)."""

from AccessControl import getSecurityManager
from integrationsportal.permissions import PublishWithoutReview
from plone import api


WORKFLOW = "integrationsportal_publication_workflow"


def submitter(obj):
    """The user id of whoever last submitted ``obj`` for review, or None."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    history = workflow_tool.getHistoryOf(WORKFLOW, obj) or ()
    for entry in reversed(history):
        if entry.get("action") == "submit":
            return entry.get("actor")
    return None


def may_publish(obj, user):
    """``user`` may publish ``obj``: not the one who submitted it."""
    if user is None:
        return False
    if getSecurityManager().checkPermission(PublishWithoutReview.title, obj):
        return True
    return submitter(obj) != user.getId()
