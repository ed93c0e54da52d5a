"""RoundTable (Runder Tisch / Arbeitstisch): a closed workspace of its own
member group, holding meetings, action items and files. Nothing in it is
visible to anyone outside the group: the types follow a one-state internal
workflow that grants View only to roles the group holds locally."""

from integrationsportal import _
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


# An action item's status (vocabulary integrationsportal.ActionItemStatus),
# in the order a table works through it.
ACTION_ITEM_STATUSES = (
    ("open", _("Open")),
    ("in_progress", _("In progress")),
    ("done", _("Done")),
)
DONE = "done"


class IRoundTable(model.Schema):
    text = RichText(
        title=_("About this table"),
        description=_("Purpose, who takes part, how often it meets."),
        required=False,
    )


class IMeeting(model.Schema):
    start = schema.Datetime(title=_("Begins"), required=True)
    end = schema.Datetime(title=_("Ends"), required=False)
    place = schema.TextLine(title=_("Place"), required=False)
    agenda = RichText(title=_("Agenda"), required=False)
    minutes = RichText(title=_("Minutes"), required=False)
    decisions = schema.Text(
        title=_("Decisions"), description=_("One decision per line."), required=False
    )
    attendees = schema.Text(
        title=_("Attendees"),
        description=_("One organisation or person per line."),
        required=False,
    )


class IActionItem(model.Schema):
    responsible = schema.TextLine(
        title=_("Responsible"),
        description=_("User name of the member who takes care of it."),
        required=False,
    )
    due = schema.Date(title=_("Due on"), required=False)
    status = schema.Choice(
        title=_("Status"),
        vocabulary="integrationsportal.ActionItemStatus",
        required=True,
        default=ACTION_ITEM_STATUSES[0][0],
    )
    text = RichText(title=_("Details"), required=False)


@implementer(IRoundTable)
class RoundTable(Container):
    """A round table."""


@implementer(IMeeting)
class Meeting(Item):
    """A meeting of a round table."""


@implementer(IActionItem)
class ActionItem(Item):
    """A task agreed at a round table."""
