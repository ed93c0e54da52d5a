"""ProcessChain (Prozesskette) and ProcessStep (Prozessschritt): every step
from arrival to a job, who is responsible for it, and how the steps connect."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


class IProcessChain(model.Schema):
    """An ordered chain of steps towards one goal. The steps are its children,
    in folder order."""

    goal = schema.Choice(
        title=_("Goal"),
        description=_("Where the chain leads, e.g. apprenticeship or work."),
        vocabulary="integrationsportal.OfferCategories",
        required=True,
    )
    target_groups = schema.List(
        title=_("Target groups"),
        value_type=schema.Choice(vocabulary="integrationsportal.TargetGroups"),
        required=False,
        default=[],
    )
    region = schema.TextLine(
        title=_("Region"),
        description=_("Where the chain applies, e.g. the district's name."),
        required=False,
    )
    text = RichText(
        title=_("Introduction"),
        description=_("Who the chain is for and how to read it."),
        required=False,
    )
    languageindependent("goal", "target_groups")


def _relation_widget(name, portal_type, single=False):
    options = {"selectableTypes": [portal_type]}
    if single:
        options["maximumSelectionSize"] = 1
    directives.widget(
        name,
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=options,
    )


class IProcessStep(model.Schema):
    """One step of a chain: what happens, who is responsible, what to bring."""

    phase = schema.Choice(
        title=_("Phase"),
        vocabulary="integrationsportal.ChainPhases",
        required=True,
    )
    text = RichText(
        title=_("What happens"),
        required=False,
    )
    prerequisites = schema.Text(
        title=_("What to bring"),
        description=_("Documents and prerequisites, one per line."),
        required=False,
    )
    duration = schema.TextLine(
        title=_("Typical duration"),
        description=_("E.g. 'two to four weeks'."),
        required=False,
    )
    branches = schema.Text(
        title=_("Branches"),
        description=_(
            "Where the way divides, one per line as 'condition => what happens', "
            "e.g. 'German B1 reached => the Agentur für Arbeit takes over'."
        ),
        required=False,
    )

    model.fieldset(
        "responsible",
        label=_("Responsible"),
        fields=["responsible_organisations", "contacts", "related_offers"],
    )
    responsible_organisations = RelationList(
        title=_("Responsible organisations"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    _relation_widget("responsible_organisations", "Organisation")
    contacts = RelationList(
        title=_("Contact persons"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    _relation_widget("contacts", "Contact")
    related_offers = RelationList(
        title=_("Related offers"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    _relation_widget("related_offers", "Offer")

    languageindependent(
        "phase", "responsible_organisations", "contacts", "related_offers"
    )


def parse_branches(text):
    """'condition => outcome' lines -> [{'condition', 'outcome'}]; a line
    without the arrow is an outcome without condition."""
    branches = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        condition, arrow, outcome = line.partition("=>")
        if not arrow:
            condition, arrow, outcome = line.partition("→")
        if arrow:
            branches.append(
                {"condition": condition.strip(), "outcome": outcome.strip()}
            )
        else:
            branches.append({"condition": "", "outcome": line})
    return branches


@implementer(IProcessChain)
class ProcessChain(Container):
    """A process chain."""


@implementer(IProcessStep)
class ProcessStep(Item):
    """A step of a process chain."""
