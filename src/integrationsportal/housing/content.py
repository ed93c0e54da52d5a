"""HousingOffer (Wohnungsangebot): a flat a landlord offers through the public
form, kept in the staff-only HousingOffers folder.

The landlord's personal data (name, phone, email, the street address and the
message) is readable only with *View landlord data*, which the housing team
holds. Everything else is the anonymous description of the flat that figures
and the optional public listing may use.
"""

from integrationsportal import _
from integrationsportal.permissions import ManageHousing
from integrationsportal.permissions import ViewLandlordData
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
import re


# A household is named by its reference number only, never by a person's name.
HOUSEHOLD_REFERENCE = re.compile(r"^[A-Za-z]{0,4}[-/ ]?[0-9][0-9A-Za-z/-]{1,24}$")

# The fields that are personal data of the landlord: erased by the retention
# job and on request (Art. 17 GDPR), exported on request (Art. 15).
LANDLORD_FIELDS = (
    "landlord_name",
    "landlord_phone",
    "landlord_email",
    "street",
    "message",
)

# The public description of a flat; what figures and listings may use.
FACT_FIELDS = (
    "reference",
    "municipality",
    "postal_code",
    "rooms",
    "living_space",
    "cold_rent",
    "utilities",
    "heating_costs",
    "available_from",
    "max_persons",
    "floor",
    "lift",
    "barrier_free",
    "furnished",
    "pets",
)


def check_household_reference(value):
    if value and not HOUSEHOLD_REFERENCE.match(value.strip()):
        raise Invalid(
            _(
                "Enter the household's reference number (for example BG-2026-0042), "
                "not a name."
            )
        )
    return True


class IHousingOffers(model.Schema):
    """The staff-only folder of all flats."""


class IHousingOffer(model.Schema):
    reference = schema.TextLine(
        title=_("Reference number"),
        description=_("Given when the flat is offered; landlords quote it."),
        required=False,
        readonly=True,
    )

    model.fieldset(
        "flat",
        label=_("The flat"),
        # the public facts, with the street (landlord data) after the place
        fields=[*FACT_FIELDS[1:3], "street", *FACT_FIELDS[3:]],
    )
    municipality = schema.Choice(
        title=_("Municipality"),
        vocabulary="integrationsportal.Municipalities",
        required=True,
    )
    postal_code = schema.TextLine(title=_("Postal code"), required=False, max_length=10)
    street = schema.TextLine(
        title=_("Street and house number"), required=False, max_length=200
    )
    rooms = schema.Float(title=_("Rooms"), min=1.0, max=12.0, required=True)
    living_space = schema.Float(
        title=_("Living space (m²)"), min=10.0, max=400.0, required=True
    )
    cold_rent = schema.Float(
        title=_("Cold rent (EUR per month)"), min=0.0, max=5000.0, required=True
    )
    utilities = schema.Float(
        title=_("Utilities without heating (EUR per month)"),
        min=0.0,
        max=2000.0,
        required=True,
    )
    heating_costs = schema.Float(
        title=_("Heating (EUR per month)"),
        min=0.0,
        max=1000.0,
        required=False,
    )
    available_from = schema.Date(title=_("Available from"), required=True)
    max_persons = schema.Int(
        title=_("Maximum number of persons"), min=1, max=15, required=True
    )
    floor = schema.Int(
        title=_("Floor"),
        description=_("0 is the ground floor."),
        min=-1,
        max=40,
        required=False,
    )
    lift = schema.Bool(title=_("Lift"), required=False, default=False)
    barrier_free = schema.Bool(title=_("Barrier-free"), required=False, default=False)
    furnished = schema.Bool(title=_("Furnished"), required=False, default=False)
    pets = schema.Choice(
        title=_("Pets"),
        vocabulary="integrationsportal.PetsAllowed",
        required=False,
    )

    model.fieldset(
        "landlord",
        label=_("Landlord"),
        fields=["landlord_name", "landlord_phone", "landlord_email", "message"],
    )
    landlord_name = schema.TextLine(title=_("Name"), required=False, max_length=200)
    landlord_phone = schema.TextLine(title=_("Phone"), required=False, max_length=40)
    landlord_email = schema.TextLine(title=_("Email"), required=False, max_length=200)
    message = schema.Text(title=_("Message"), required=False, max_length=4000)
    directives.read_permission(**dict.fromkeys(LANDLORD_FIELDS, ViewLandlordData.id))
    directives.write_permission(**dict.fromkeys(LANDLORD_FIELDS, ViewLandlordData.id))

    model.fieldset(
        "placement",
        label=_("Placement"),
        fields=["household_reference", "staff_notes"],
    )
    household_reference = schema.TextLine(
        title=_("Household reference number"),
        description=_(
            "The reference number of the household the flat is reserved for or "
            "given to. Never a name."
        ),
        required=False,
        max_length=30,
        constraint=check_household_reference,
    )
    staff_notes = schema.Text(
        title=_("Notes of the housing team"),
        description=_("Viewings, agreements. No names of tenants or applicants."),
        required=False,
        max_length=4000,
    )
    directives.read_permission(
        household_reference=ManageHousing.id, staff_notes=ManageHousing.id
    )
    directives.write_permission(
        household_reference=ManageHousing.id, staff_notes=ManageHousing.id
    )

    # The consent record, set when the form is submitted; never edited.
    model.fieldset(
        "consent",
        label=_("Consent"),
        fields=["consent_given", "privacy_version", "personal_data_erased"],
    )
    consent_given = schema.Datetime(
        title=_("Consent given"), required=False, readonly=True
    )
    privacy_version = schema.TextLine(
        title=_("Version of the privacy information"), required=False, readonly=True
    )
    personal_data_erased = schema.Datetime(
        title=_("Landlord's personal data erased"), required=False, readonly=True
    )


def gross_cold_rent(flat):
    """Cold rent plus utilities without heating (Bruttokaltmiete), the sum
    the Jobcenter's rent limits (KdU) are set for; ``None`` if unknown."""
    cold = getattr(flat, "cold_rent", None)
    utilities = getattr(flat, "utilities", None)
    if cold is None:
        return None
    return round(float(cold) + float(utilities or 0.0), 2)


def facts_of(flat):
    """The anonymous facts of a flat, as plain values (catalog metadata)."""
    facts = {}
    for name in FACT_FIELDS:
        value = getattr(flat, name, None)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        facts[name] = value
    facts["gross_cold_rent"] = gross_cold_rent(flat)
    return facts


@implementer(IHousingOffers)
class HousingOffers(Container):
    """The staff-only folder of the flats offered."""

    # the last reference number given, per year; a plain attribute, so that
    # two submissions at once conflict and the later one is retried
    last_numbers = None

    def next_reference(self, year):
        numbers = dict(self.last_numbers or {})
        number = numbers.get(str(year), 0) + 1
        numbers[str(year)] = number
        self.last_numbers = numbers
        return f"W-{year}-{number:04d}"


@implementer(IHousingOffer)
class HousingOffer(Item):
    """A flat offered by a landlord."""

    def Title(self):
        title = self.title
        if title:
            return title
        return self.reference or ""


def flat_added(flat, event):
    """A flat entered by the housing team (offered by phone) gets its
    reference number like one from the form."""
    if getattr(flat, "reference", None):
        return
    from datetime import date

    folder = event.newParent
    if isinstance(folder, HousingOffers):
        flat.reference = folder.next_reference(date.today().year)
        flat.title = f"{flat.reference} · {flat.municipality or ''}".strip(" ·")
