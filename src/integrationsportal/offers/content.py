"""Offer (Angebot): a course, counselling, a place or help that someone provides."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IOffer(model.Schema):
    """Schema of an offer. Address, opening hours, languages and the date of
    the last check come from behaviors."""

    text = RichText(
        title=_("What the offer is"),
        description=_("What happens, for whom, what participants get out of it."),
        required=False,
    )

    categories = schema.List(
        title=_("Categories"),
        value_type=schema.Choice(vocabulary="integrationsportal.OfferCategories"),
        required=True,
        min_length=1,
    )
    target_groups = schema.List(
        title=_("Target groups"),
        value_type=schema.Choice(vocabulary="integrationsportal.TargetGroups"),
        required=False,
        default=[],
    )
    residence_status = schema.List(
        title=_("Residence status"),
        description=_(
            "Who may take part. Leave empty if the offer is open to everyone, "
            "whatever their residence status."
        ),
        value_type=schema.Choice(vocabulary="integrationsportal.ResidenceStatus"),
        required=False,
        default=[],
    )
    german_level = schema.Choice(
        title=_("German needed"),
        description=_("The lowest level of German (CEFR) a participant needs."),
        vocabulary="integrationsportal.GermanLevels",
        required=True,
        default="none",
    )
    age_min = schema.Int(title=_("Minimum age"), required=False, min=0, max=120)
    age_max = schema.Int(title=_("Maximum age"), required=False, min=0, max=120)

    model.fieldset(
        "place",
        label=_("Place and time"),
        fields=["municipality", "online", "start", "end"],
    )
    municipality = schema.Choice(
        title=_("Municipality"),
        vocabulary="integrationsportal.Municipalities",
        required=False,
    )
    online = schema.Choice(
        title=_("How it takes place"),
        vocabulary="integrationsportal.Delivery",
        required=True,
        default="in_person",
    )
    start = schema.Date(title=_("Starts on"), required=False)
    end = schema.Date(title=_("Ends on"), required=False)

    model.fieldset(
        "conditions",
        label=_("Costs and registration"),
        fields=[
            "cost",
            "cost_note",
            "funding",
            "registration",
            "barrier_free",
            "childcare",
        ],
    )
    cost = schema.Choice(
        title=_("Cost for participants"),
        vocabulary="integrationsportal.Cost",
        required=True,
        default="free",
    )
    cost_note = schema.TextLine(
        title=_("About the cost"),
        description=_("E.g. '45 € a month, reduced with a Bürgergeld notice'."),
        required=False,
    )
    funding = schema.List(
        title=_("Funding"),
        value_type=schema.Choice(vocabulary="integrationsportal.Funding"),
        required=False,
        default=[],
    )
    registration = schema.Text(
        title=_("How to register"),
        description=_("Whom to ask, what to bring, deadlines."),
        required=False,
    )
    barrier_free = schema.Bool(title=_("Barrier-free access"), required=False)
    childcare = schema.Bool(title=_("Childcare during the offer"), required=False)

    model.fieldset(
        "responsible",
        label=_("Provider and contacts"),
        fields=["provider", "contacts", "offer_status", "places"],
    )
    provider = RelationChoice(
        title=_("Provider"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.widget(
        "provider",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={
            "selectableTypes": ["Organisation"],
            "maximumSelectionSize": 1,
        },
    )
    contacts = RelationList(
        title=_("Contact persons"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    directives.widget(
        "contacts",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Contact"]},
    )
    offer_status = schema.Choice(
        title=_("Status"),
        vocabulary="integrationsportal.OfferStatus",
        required=True,
        default="active",
    )
    places = schema.Int(
        title=_("Places"),
        description=_(
            "How many people the offer takes at a time (per course, class or "
            "round). Demand planning sets this against the demand."
        ),
        required=False,
        min=0,
        max=100000,
    )

    languageindependent(
        "categories",
        "target_groups",
        "residence_status",
        "german_level",
        "age_min",
        "age_max",
        "municipality",
        "online",
        "start",
        "end",
        "cost",
        "funding",
        "barrier_free",
        "childcare",
        "provider",
        "contacts",
        "offer_status",
        "places",
    )

    @invariant
    def ages_in_order(data):
        if (
            data.age_min is not None
            and data.age_max is not None
            and data.age_min > data.age_max
        ):
            raise Invalid(_("The minimum age must not be higher than the maximum age."))

    @invariant
    def dates_in_order(data):
        if data.start and data.end and data.start > data.end:
            raise Invalid(_("The offer cannot end before it starts."))


@implementer(IOffer)
class Offer(Item):
    """An offer."""
