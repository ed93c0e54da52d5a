"""Organisation (Akteur / Einrichtung): an office, carrier, school or initiative."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IOrganisation(model.Schema):
    """Address, contact information, opening hours and languages come from behaviors."""

    kind = schema.Choice(
        title=_("Kind of organisation"),
        vocabulary="integrationsportal.OrganisationKinds",
        required=True,
    )
    responsibilities = schema.Text(
        title=_("Responsible for"),
        description=_(
            "What this organisation does and decides — and what it does not. "
            "One task per line."
        ),
        required=False,
    )
    text = RichText(title=_("More about the organisation"), required=False)
    municipality = schema.Choice(
        title=_("Municipality"),
        vocabulary="integrationsportal.Municipalities",
        required=False,
    )
    languageindependent("kind", "municipality")


@implementer(IOrganisation)
class Organisation(Item):
    """An organisation."""
