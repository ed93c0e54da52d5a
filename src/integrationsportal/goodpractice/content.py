"""GoodPractice (Praxisbeispiel): what another municipality did, and what came of it."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IGoodPractice(model.Schema):
    municipality = schema.TextLine(
        title=_("Municipality or district"),
        description=_("Where it happened, e.g. 'Landkreis Grafschaft Bentheim'."),
        required=True,
    )
    federal_state = schema.Choice(
        title=_("Federal state"),
        vocabulary="integrationsportal.FederalStates",
        required=False,
    )
    topics = schema.List(
        title=_("Topics"),
        value_type=schema.Choice(vocabulary="integrationsportal.OfferCategories"),
        required=False,
        default=[],
    )
    actors = schema.Text(
        title=_("Who took part"),
        description=_("The organisations involved, one per line."),
        required=False,
    )
    text = RichText(title=_("What they did"), required=False)
    success_factors = schema.Text(
        title=_("What made it work"),
        description=_("One success factor per line."),
        required=False,
    )
    results = schema.Text(
        title=_("Results and figures"),
        required=False,
    )
    period = schema.TextLine(
        title=_("Period"), description=_("E.g. 'since 2016'."), required=False
    )
    source = schema.TextLine(
        title=_("Source"),
        description=_("Publication, publisher and date the example is drawn from."),
        required=True,
    )
    source_url = schema.URI(title=_("Link to the source"), required=False)
    source_date = schema.Date(title=_("Date of the source"), required=False)

    languageindependent(
        "municipality", "federal_state", "topics", "source_url", "source_date"
    )


@implementer(IGoodPractice)
class GoodPractice(Item):
    """A good-practice example."""
