"""Fields that several types share, each set a behavior."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.schema import Email
from plone.supermodel import model
from z3c.form.interfaces import IAddForm
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IAddress(model.Schema):
    """A postal address."""

    model.fieldset(
        "address",
        label=_("Address"),
        fields=["street", "zip_code", "city"],
    )
    street = schema.TextLine(title=_("Street and number"), required=False)
    zip_code = schema.TextLine(title=_("Postcode"), required=False, max_length=10)
    city = schema.TextLine(title=_("Town"), required=False)
    languageindependent("street", "zip_code", "city")


@provider(IFormFieldProvider)
class IContactInfo(model.Schema):
    """How to reach someone."""

    phone = schema.TextLine(title=_("Phone"), required=False, max_length=40)
    email = Email(title=_("Email"), required=False)
    website = schema.URI(title=_("Website"), required=False)
    languageindependent("phone", "email", "website")


@provider(IFormFieldProvider)
class IOpeningHours(model.Schema):
    """When someone is there."""

    opening_hours = schema.Text(
        title=_("Opening hours"),
        description=_("One line per day or time, e.g. 'Mon–Thu 9:00–12:00'."),
        required=False,
    )


@provider(IFormFieldProvider)
class ILanguagesSpoken(model.Schema):
    """Languages something is offered in, or someone speaks."""

    languages = schema.List(
        title=_("Languages"),
        description=_("Languages in which this is offered or in which you can talk."),
        value_type=schema.Choice(vocabulary="integrationsportal.Languages"),
        required=False,
        default=[],
    )
    languageindependent("languages")


@provider(IFormFieldProvider)
class ILastVerified(model.Schema):
    """When an editor last checked that the information is still right."""

    last_verified = schema.Date(
        title=_("Last verified"),
        description=_("The day an editor last checked that this is still correct."),
        required=False,
    )
    languageindependent("last_verified")


@provider(IFormFieldProvider)
class IMinorChange(model.Schema):
    """Lets an editor save a change without outdating the translations."""

    minor_change = schema.Bool(
        title=_("Minor change"),
        description=_(
            "Tick this for a correction that does not change what the page says "
            "(a typo, a formatting fix). Translations then stay current. Applies "
            "to this save only."
        ),
        required=False,
        default=False,
    )
    directives.omitted(IAddForm, "minor_change")
