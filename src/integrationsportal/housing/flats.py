"""The flats as the housing tool sees them: their states with titles, and
catalog rows of their facts (no flat is woken up).

The housing workflow (profiles/default/workflows/
integrationsportal_housing_workflow) is where the states, transitions and
their titles live; its titles are msgids of the ``integrationsportal``
domain, translated here."""

from integrationsportal import _
from integrationsportal.housing.form import housing_folder
from plone import api
from zope.i18n import translate


WORKFLOW = "integrationsportal_housing_workflow"

# The states that close a flat's case: retention counts from here, the
# landlord can no longer be reached for the flat.
CLOSED = ("placed", "withdrawn")


def _workflow():
    return api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW)


def states():
    """The housing workflow's state ids, in the workflow's order."""
    return tuple(_workflow().states.objectIds())


def open_states():
    """The states of a flat whose case is still open."""
    return tuple(state for state in states() if state not in CLOSED)


def _translated(title, request):
    return translate(_(title), context=request)


def state_titles(request):
    """The housing workflow's states, in the reader's language."""
    return {
        state.getId(): _translated(state.title, request)
        for state in _workflow().states.objectValues()
    }


def transition_title(transition, request):
    """The title of one of the workflow's transitions (an action of
    ``getTransitionsFor``), in the reader's language."""
    return _translated(transition["title"], request)


def flat_rows(states=None, unrestricted=False):
    """Catalog rows of flats: their facts (metadata), state and URL."""
    folder = housing_folder()
    if folder is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    query = {
        "portal_type": "HousingOffer",
        "path": "/".join(folder.getPhysicalPath()),
    }
    if states:
        query["review_state"] = list(states)
    search = (
        catalog.unrestrictedSearchResults if unrestricted else catalog.searchResults
    )
    rows = []
    for brain in search(**query):
        facts = dict(brain.housing_facts or {})
        facts["state"] = brain.review_state
        facts["url"] = brain.getURL()
        facts["created"] = brain.created
        rows.append(facts)
    return rows
