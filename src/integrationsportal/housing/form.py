"""The landlords' form "Wohnung anbieten" (a collective.easyform form), one
in every language of the portal, and the staff-only folder the submissions of
all of them land in; created with the portal.

The fields are the same in every language (``FIELDS_STRUCTURE``). Their
labels and help texts, the privacy notice and the form's own texts are
messages of the add-on's catalogue, written into each language's form when it
is created; afterwards a form is content that editors may change."""

from dataclasses import dataclass
from integrationsportal import _
from integrationsportal.housing.limits import limits_from_rows
from integrationsportal.housing.limits import set_limits
from lxml import etree
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from Products.CMFPlone.utils import _createObjectByType
from xml.sax.saxutils import escape
from zope.i18n import translate
from zope.i18nmessageid import Message


FOLDER_ID = "wohnungen"
FORM_ID = "wohnung-anbieten"
HONEYPOT_FIELD = "website"

SCHEMA_NS = "http://namespaces.plone.org/supermodel/schema"

# The fields without their texts. Pets are a radio group: three plain
# choices, and no "no value" entry as a select would show.
FIELDS_STRUCTURE = """\
<model xmlns="http://namespaces.plone.org/supermodel/schema"
       xmlns:easyform="http://namespaces.plone.org/supermodel/easyform"
       xmlns:form="http://namespaces.plone.org/supermodel/form">
  <schema>
    <field name="municipality" type="zope.schema.Choice">
      <vocabulary>integrationsportal.Municipalities</vocabulary>
    </field>
    <field name="postal_code" type="zope.schema.TextLine">
      <max_length>10</max_length>
    </field>
    <field name="street" type="zope.schema.TextLine">
      <max_length>200</max_length>
    </field>
    <field name="rooms" type="zope.schema.Float">
      <min>1.0</min>
      <max>12.0</max>
    </field>
    <field name="living_space" type="zope.schema.Float">
      <min>10.0</min>
      <max>400.0</max>
    </field>
    <field name="cold_rent" type="zope.schema.Float">
      <min>0.0</min>
      <max>5000.0</max>
    </field>
    <field name="utilities" type="zope.schema.Float">
      <min>0.0</min>
      <max>2000.0</max>
    </field>
    <field name="heating_costs" type="zope.schema.Float">
      <required>False</required>
      <min>0.0</min>
      <max>1000.0</max>
    </field>
    <field name="available_from" type="zope.schema.Date">
    </field>
    <field name="max_persons" type="zope.schema.Int">
      <min>1</min>
      <max>15</max>
    </field>
    <field name="floor" type="zope.schema.Int">
      <required>False</required>
      <min>-1</min>
      <max>40</max>
    </field>
    <field name="lift" type="zope.schema.Bool">
      <required>False</required>
    </field>
    <field name="barrier_free" type="zope.schema.Bool">
      <required>False</required>
    </field>
    <field name="furnished" type="zope.schema.Bool">
      <required>False</required>
    </field>
    <field name="pets" type="zope.schema.Choice">
      <form:widget type="z3c.form.browser.radio.RadioFieldWidget"/>
      <required>False</required>
      <vocabulary>integrationsportal.PetsAllowed</vocabulary>
    </field>
    <field name="landlord_name" type="zope.schema.TextLine">
      <max_length>200</max_length>
    </field>
    <field name="landlord_phone" type="zope.schema.TextLine">
      <required>False</required>
      <max_length>40</max_length>
    </field>
    <field name="landlord_email" type="zope.schema.TextLine"
           easyform:validators="isValidEmail">
      <required>False</required>
      <max_length>200</max_length>
    </field>
    <field name="message" type="zope.schema.Text">
      <required>False</required>
      <max_length>4000</max_length>
    </field>
    <field name="website" type="zope.schema.TextLine"
           easyform:css_class="ip-hp">
      <required>False</required>
    </field>
    <field name="consent" type="zope.schema.Bool"
           easyform:validators="isChecked">
      <required>False</required>
    </field>
  </schema>
</model>
"""

# field name: (label, help text or None)
FIELD_TEXTS = {
    "municipality": (_("Town or municipality of the flat"), None),
    "postal_code": (_("Postal code of the flat"), None),
    "street": (_("Street and house number of the flat"), None),
    "rooms": (
        _("Number of rooms"),
        _("Without kitchen and bathroom; a half room as 0.5."),
    ),
    "living_space": (_("Living space in square metres (m²)"), None),
    "cold_rent": (_("Rent without utilities (cold rent) in euros a month"), None),
    "utilities": (_("Utilities without heating in euros a month"), None),
    "heating_costs": (
        _("Heating in euros a month"),
        _("If heating is paid separately."),
    ),
    "available_from": (_("The flat is free from"), None),
    "max_persons": (_("For at most how many people?"), None),
    "floor": (_("Floor of the flat"), _("Write 0 for the ground floor.")),
    "lift": (_("There is a lift"), None),
    "barrier_free": (_("The flat is barrier-free"), None),
    "furnished": (_("The flat is furnished"), None),
    "pets": (_("Are pets allowed?"), None),
    "landlord_name": (_("Your name (landlord)"), None),
    "landlord_phone": (
        _("Your phone number"),
        _("For example 06381 123456 or +49 6381 123456."),
    ),
    "landlord_email": (_("Your email address"), None),
    "message": (_("Message to the housing team"), None),
    "website": (_("Please leave this field empty"), None),
    "consent": (
        _("I agree that my details are processed."),
        _("As described above under “Data protection”."),
    ),
}

ACTIONS_MODEL = """\
<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="file_flat" type="integrationsportal.actions.CreateHousingOffer">
      <title>{title}</title>
    </field>
  </schema>
</model>
"""

FORM_TITLE = _("Offer a flat")
FORM_DESCRIPTION = _(
    "Do you rent out a flat? Offer it here to the housing team of the "
    "district administration and the Jobcenter."
)
THANKS_TITLE = _("Thank you very much")
ACTION_TITLE = _("File as a housing offer")

# The privacy notice: an introduction, then question and answer.
PRIVACY_INTRO = _(
    "With this form you offer the ${district} a flat for refugees. The "
    "housing team of the district administration and the Jobcenter will "
    "contact you."
)
PRIVACY_HEADING = _("Data protection for landlords")
PRIVACY_ITEMS = (
    (
        _("Who processes your details?"),
        _(
            "${district}, the housing team of the district administration "
            "and the Jobcenter."
        ),
    ),
    (
        _("What for?"),
        _(
            "To check your flat, to contact you and to find a household for "
            "it. Only the staff of the housing team see your name, phone, "
            "email and address. In public we show at most the town, size, "
            "rent and equipment, never your address or your name."
        ),
    ),
    (
        _("On what legal basis?"),
        _(
            "Your consent (Art. 6(1)(a) GDPR). You can withdraw it at any "
            "time for the future."
        ),
    ),
    (
        _("For how long?"),
        _(
            "Your personal details are deleted ${days} days after the flat "
            "was let or withdrawn. Only numbers without any link to you "
            "remain."
        ),
    ),
    (
        _("Your rights"),
        _(
            "You have the right to information (Art. 15 GDPR), correction "
            "(Art. 16), deletion (Art. 17), restriction of processing "
            "(Art. 18) and to complain to the data protection authority of "
            "your federal state. For this, contact the housing team and give "
            "your reference number."
        ),
    ),
)
PRIVACY_VERSION = _("Version of this privacy notice: ${version}")


def _text(message, language, **mapping):
    if mapping:
        message = Message(message, mapping=mapping)
    return translate(message, target_language=language)


def privacy_html(district, days, version, language="de"):
    """The privacy notice above the form, in ``language``."""
    mapping = {"district": district or "Landkreis", "days": str(int(days))}

    def text(message):
        return escape(_text(message, language, **mapping))

    parts = [f"<p>{text(PRIVACY_INTRO)}</p>", f"<h2>{text(PRIVACY_HEADING)}</h2>"]
    parts.append("<dl>")
    for question, answer in PRIVACY_ITEMS:
        parts.append(f"<dt>{text(question)}</dt><dd>{text(answer)}</dd>")
    parts.append("</dl>")
    # the version (say 2026-11) reads left to right in every language
    note = escape(_text(PRIVACY_VERSION, language, version=f"\u2066{version}\u2069"))
    parts.append(f'<p class="discreet">{note}</p>')
    return "\n".join(parts)


def fields_model(language):
    """The form's fields with their texts in ``language``."""
    root = etree.fromstring(FIELDS_STRUCTURE.encode())
    for field in root.iter(f"{{{SCHEMA_NS}}}field"):
        title, description = FIELD_TEXTS[field.get("name")]
        # a widget element stays first, as supermodel writes it
        position = 1 if len(field) and field[0].tag.endswith("}widget") else 0
        element = etree.Element(f"{{{SCHEMA_NS}}}title")
        element.text = _text(title, language)
        field.insert(position, element)
        if description is not None:
            element = etree.Element(f"{{{SCHEMA_NS}}}description")
            element.text = _text(description, language)
            field.insert(position + 1, element)
    return etree.tostring(root, encoding="unicode")


def actions_model(language):
    return ACTIONS_MODEL.format(title=escape(_text(ACTION_TITLE, language)))


def housing_folder(portal=None):
    portal = portal or api.portal.get()
    return portal.get(FOLDER_ID)


@dataclass(frozen=True)
class HousingProfile:
    """The housing settings a portal is created with."""

    public_listing: bool = False
    retention_days: int = 180
    notify_addresses: tuple = ()
    privacy_version: str = "1"
    rent_limits: dict = None  # registry form: {"musterstadt|1": 450.0, …}

    @classmethod
    def from_answers(cls, answers):
        """From the ``housing`` answers of site creation (rent limits as
        ``{"Musterstadt": [450, …, 100]}``)."""
        return cls(
            public_listing=answers.get("public_listing", False),
            retention_days=answers.get("retention_days", 180),
            notify_addresses=tuple(answers.get("notify_addresses", ())),
            privacy_version=answers.get("privacy_version") or "1",
            rent_limits=limits_from_rows(answers.get("rent_limits") or {}),
        )


def setup_housing(portal, default_language, settings, log=print):
    """Create the staff-only folder and the public form; store the settings.

    ``settings`` is a ``HousingProfile``.
    Runs again without harm: what exists is kept.
    """
    prefix = "integrationsportal.housing."
    api.portal.set_registry_record(prefix + "public_listing", settings.public_listing)
    api.portal.set_registry_record(prefix + "retention_days", settings.retention_days)
    api.portal.set_registry_record(
        prefix + "notify_addresses", list(settings.notify_addresses)
    )
    api.portal.set_registry_record(prefix + "privacy_version", settings.privacy_version)
    set_limits(settings.rent_limits or {})

    if FOLDER_ID not in portal.objectIds():
        # not addable anywhere by hand (global_allow is off): one per portal
        folder = _createObjectByType("HousingOffers", portal, FOLDER_ID)
        folder.title = "Wohnungsangebote"
        folder.description = (
            "Die Wohnungen, die Vermieterinnen und Vermieter anbieten. "
            "Nur für das Wohnungsteam."
        )
        folder.exclude_from_nav = True
        folder.reindexObject()
    for form in setup_forms(portal, default_language):
        log(f"Housing: form {form.absolute_url(1)}")
    log(f"Housing: folder /{FOLDER_ID}")
    return portal[FOLDER_ID]


def portal_languages(portal, default_language):
    """The languages with a root folder, the default language first; the
    portal itself for a portal in one language."""
    codes = api.portal.get_registry_record("plone.available_languages", default=[])
    codes = [default_language] + [c for c in codes if c != default_language]
    roots = [(code, portal[code]) for code in codes if code in portal.objectIds()]
    return roots or [(default_language, portal)]


def create_form(root, language):
    """The landlords' form in ``root``, its texts in ``language``; published."""
    district = api.portal.get_registry_record(
        "integrationsportal.district_name", default=""
    )
    days = api.portal.get_registry_record(
        "integrationsportal.housing.retention_days", default=180
    )
    version = api.portal.get_registry_record(
        "integrationsportal.housing.privacy_version", default="1"
    )
    form = api.content.create(
        container=root,
        type="EasyForm",
        id=FORM_ID,
        title=_text(FORM_TITLE, language),
        description=_text(FORM_DESCRIPTION, language),
        fields_model=fields_model(language),
        actions_model=actions_model(language),
        submitLabel=_text(FORM_TITLE, language),
        thankstitle=_text(THANKS_TITLE, language),
        showAll=False,
        includeEmpties=False,
        thanksPageOverrideAction="redirect_to",
        thanksPageOverride=(
            "python:request.get('integrationsportal.housing.next') or "
            "object_url + '/@@flat-received'"
        ),
    )
    form.formPrologue = RichTextValue(
        privacy_html(district, days, version, language),
        "text/html",
        "text/x-html-safe",
    )
    form.CSRFProtection = True
    # the page opens at its top, with the privacy notice before the fields
    form.autofocus = False
    ILanguage(form).set_language(language)
    form.reindexObject()
    for transition in ("submit", "publish"):
        api.content.transition(obj=form, transition=transition)
    return form


def setup_forms(portal, default_language):
    """The form in every language root that lacks one, linked to the default
    language's form as its translation. Returns the forms created."""
    created = []
    original = None
    for language, root in portal_languages(portal, default_language):
        form = root.get(FORM_ID)
        if form is None:
            form = create_form(root, language)
            created.append(form)
        if language == default_language:
            original = form
        elif original is not None and root is not portal:
            manager = ITranslationManager(original)
            if manager.get_translation(language) is None:
                manager.register_translation(language, form)
    return created
