"""The ``Feedback`` type (one reader's vote or report) and the staff-only
folder that holds every report of the portal.

A report is filed by the anonymous reader's request, as the system does
it (``store.file_report``); nobody holds a local role on it. Its workflow
(``integrationsportal_feedback_workflow``) shows it to the editorial staff
only: editors, reviewers, site administrators and managers. The kinds of
page, the reasons and their titles are written here once."""

from integrationsportal import _
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


FOLDER_ID = "rueckmeldungen"

# the reasons a reader may give, in the order the form shows them
REASONS = {
    "outdated": _("The information is outdated"),
    "contact": _("The contact is wrong"),
    "unclear": _("It is hard to understand"),
    "translation": _("The translation is wrong"),
    "other": _("Something else"),
}

# the kinds of page a report can be about (portal_type → token)
KINDS = {
    "Offer": "offer",
    "Organisation": "organisation",
    "Contact": "contact",
    "ProcessChain": "chain",
    "ProcessStep": "step",
}
FINDER = "finder"
KIND_TITLES = {
    "offer": _("Offer"),
    "organisation": _("Organisation"),
    "contact": _("Contact"),
    "chain": _("Process chain"),
    "step": _("Step of a process chain"),
    "finder": _("Offer finder without results"),
}

# lengths a reader may write
MAX_TEXT = 1000
MAX_EMAIL = 254
# how long a reader's address is kept when they ask for an answer
EMAIL_DAYS = 90


class IFeedback(model.Schema):
    """What a reader said about one page."""

    kind = schema.TextLine(title=_("Kind of page"), required=False)
    target_uid = schema.TextLine(title=_("Page (UID)"), required=False)
    target_url = schema.TextLine(title=_("Page address"), required=False)
    target_title = schema.TextLine(title=_("Page title"), required=False)
    section = schema.TextLine(title=_("Section"), required=False)
    reader_language = schema.TextLine(title=_("Language"), required=False)
    helpful = schema.Bool(title=_("Helpful"), required=False)
    reason = schema.TextLine(title=_("Reason"), required=False)
    text = schema.Text(title=_("What the reader wrote"), required=False)
    email = schema.TextLine(title=_("E-mail address for an answer"), required=False)
    email_until = schema.Date(title=_("Address deleted on"), required=False)
    done_note = schema.Text(title=_("Note of the editor"), required=False)


@implementer(IFeedback)
class Feedback(Item):
    """One reader's vote or report."""

    helpful = None
    reason = None
    email = None
    email_until = None
    done_note = None
    done_since = None
    done_by = None

    def Title(self):
        return self.title or self.target_title or ""


class IFeedbackReports(model.Schema):
    """The staff-only folder of every report."""


@implementer(IFeedbackReports)
class FeedbackReports(Container):
    """The folder of the readers' reports, visible to the editorial staff."""

    last_retention_run = 0
