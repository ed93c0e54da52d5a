"""Contact (Ansprechperson): a person or a function one can call or visit."""

from integrationsportal import _
from integrationsportal.permissions import ModifyStaffFields
from integrationsportal.permissions import ViewStaffFields
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


class IContact(model.Schema):
    """The title is the name or the function ("Integrationsberatung").
    Phone, email, office hours and languages come from behaviors."""

    organisation = RelationChoice(
        title=_("Organisation"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.widget(
        "organisation",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={
            "selectableTypes": ["Organisation"],
            "maximumSelectionSize": 1,
        },
    )
    position = schema.TextLine(
        title=_("Function"),
        description=_("E.g. 'Integration counselling' or 'Recognition advice'."),
        required=False,
    )
    responsibilities = schema.Text(
        title=_("Responsible for"),
        description=_("What to come to this person for. One topic per line."),
        required=False,
    )
    room = schema.TextLine(title=_("Room"), required=False)

    model.fieldset(
        "staff",
        label=_("Staff only"),
        fields=["internal_phone", "internal_notes"],
    )
    internal_phone = schema.TextLine(
        title=_("Internal phone"),
        description=_("Direct line for colleagues. Never shown to the public."),
        required=False,
    )
    internal_notes = schema.Text(
        title=_("Internal notes"),
        description=_("For colleagues only: substitutes, agreements, caveats."),
        required=False,
    )
    directives.read_permission(
        internal_phone=ViewStaffFields.id, internal_notes=ViewStaffFields.id
    )
    directives.write_permission(
        internal_phone=ModifyStaffFields.id, internal_notes=ModifyStaffFields.id
    )

    languageindependent("organisation", "room", "internal_phone")


@implementer(IContact)
class Contact(Item):
    """A contact."""
