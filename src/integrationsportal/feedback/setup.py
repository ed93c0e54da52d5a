"""What installing and uninstalling do for the readers' reports beyond the
profile: the reports are never found by the site search (the editors have
their inbox), and the catalog indexes the inbox filters by."""

from integrationsportal.feedback.content import FOLDER_ID
from plone import api


TYPES = ("FeedbackReports", "Feedback")
INDEXES = (
    "feedback_target",
    "feedback_kind",
    "feedback_reason",
    "feedback_language",
    "feedback_section",
    "feedback_helpful",
)
COLUMNS = (
    "feedback_target",
    "feedback_kind",
    "feedback_reason",
    "feedback_language",
    "feedback_helpful",
)
RECORD = "plone.types_not_searched"


def add_indexes():
    """The inbox's indexes, where missing (an upgrade; a new site gets
    them from catalog.xml). Returns the names added."""
    catalog = api.portal.get_tool("portal_catalog")
    added = [name for name in INDEXES if name not in catalog.indexes()]
    for name in added:
        catalog.addIndex(name, "FieldIndex")
    for name in COLUMNS:
        if name not in catalog.schema():
            catalog.addColumn(name)
    return added


def install(portal):
    hidden = tuple(api.portal.get_registry_record(RECORD, default=()) or ())
    missing = tuple(t for t in TYPES if t not in hidden)
    if missing:
        api.portal.set_registry_record(RECORD, (*hidden, *missing))


def uninstall(portal):
    """The reports go with the add-on: they hold readers' addresses, and
    the job that deletes them in time goes too."""
    folder = portal.get(FOLDER_ID)
    if folder is not None:
        # as the system: no one may delete the folder by hand
        portal._delObject(FOLDER_ID)
    hidden = tuple(api.portal.get_registry_record(RECORD, default=()) or ())
    api.portal.set_registry_record(RECORD, tuple(t for t in hidden if t not in TYPES))
