"""The flats as the housing tool sees them: their states with titles, and
catalog rows of their facts (no flat is woken up)."""

from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.form import housing_folder
from plone import api
from zope.i18n import translate


STATES = ("new", "checked", "reserved", "placed", "withdrawn")

STATE_TITLES = {
    "new": _("New"),
    "checked": _("Checked"),
    "reserved": _("Reserved"),
    "placed": _("Placed"),
    "withdrawn": _("Withdrawn"),
}


def state_titles(request):
    """The housing workflow's states, in the reader's language."""
    return {state: translate(STATE_TITLES[state], context=request) for state in STATES}


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


def municipality_names():
    """Token → name of the district's municipalities."""
    names = api.portal.get_registry_record(
        "integrationsportal.municipalities", default=[]
    )
    return {kdu.token(name): name for name in names or []}
