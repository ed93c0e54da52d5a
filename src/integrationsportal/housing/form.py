"""The landlords' form "Wohnung anbieten" (a collective.easyform form) and the
staff-only folder its submissions land in; both created with the portal."""

from dataclasses import dataclass
from integrationsportal.housing.limits import limits_from_rows
from integrationsportal.housing.limits import set_limits
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFPlone.utils import _createObjectByType
from xml.sax.saxutils import escape


FOLDER_ID = "wohnungen"
FORM_ID = "wohnung-anbieten"
HONEYPOT_FIELD = "website"

FIELDS_MODEL = """\
<model xmlns="http://namespaces.plone.org/supermodel/schema"
       xmlns:easyform="http://namespaces.plone.org/supermodel/easyform"
       xmlns:form="http://namespaces.plone.org/supermodel/form">
  <schema>
    <field name="municipality" type="zope.schema.Choice">
      <title>Ort</title>
      <vocabulary>integrationsportal.Municipalities</vocabulary>
    </field>
    <field name="postal_code" type="zope.schema.TextLine">
      <title>Postleitzahl</title>
      <max_length>10</max_length>
    </field>
    <field name="street" type="zope.schema.TextLine">
      <title>Straße und Hausnummer</title>
      <max_length>200</max_length>
    </field>
    <field name="rooms" type="zope.schema.Float">
      <title>Zimmer</title>
      <description>Ohne Küche und Bad; halbe Zimmer als 0,5.</description>
      <min>1.0</min>
      <max>12.0</max>
    </field>
    <field name="living_space" type="zope.schema.Float">
      <title>Wohnfläche in m²</title>
      <min>10.0</min>
      <max>400.0</max>
    </field>
    <field name="cold_rent" type="zope.schema.Float">
      <title>Kaltmiete in Euro pro Monat</title>
      <min>0.0</min>
      <max>5000.0</max>
    </field>
    <field name="utilities" type="zope.schema.Float">
      <title>Nebenkosten ohne Heizung in Euro pro Monat</title>
      <min>0.0</min>
      <max>2000.0</max>
    </field>
    <field name="heating_costs" type="zope.schema.Float">
      <title>Heizkosten in Euro pro Monat</title>
      <description>Wenn sie getrennt abgerechnet werden.</description>
      <required>False</required>
      <min>0.0</min>
      <max>1000.0</max>
    </field>
    <field name="available_from" type="zope.schema.Date">
      <title>Frei ab</title>
    </field>
    <field name="max_persons" type="zope.schema.Int">
      <title>Für höchstens wie viele Personen?</title>
      <min>1</min>
      <max>15</max>
    </field>
    <field name="floor" type="zope.schema.Int">
      <title>Stockwerk</title>
      <description>0 ist das Erdgeschoss.</description>
      <required>False</required>
      <min>-1</min>
      <max>40</max>
    </field>
    <field name="lift" type="zope.schema.Bool">
      <title>Es gibt einen Aufzug</title>
      <required>False</required>
    </field>
    <field name="barrier_free" type="zope.schema.Bool">
      <title>Die Wohnung ist barrierefrei</title>
      <required>False</required>
    </field>
    <field name="furnished" type="zope.schema.Bool">
      <title>Die Wohnung ist möbliert</title>
      <required>False</required>
    </field>
    <field name="pets" type="zope.schema.Choice">
      <title>Haustiere</title>
      <required>False</required>
      <vocabulary>integrationsportal.PetsAllowed</vocabulary>
    </field>
    <field name="landlord_name" type="zope.schema.TextLine">
      <title>Ihr Name</title>
      <max_length>200</max_length>
    </field>
    <field name="landlord_phone" type="zope.schema.TextLine">
      <title>Telefon</title>
      <description>Zum Beispiel 06381 123456 oder +49 6381 123456.</description>
      <required>False</required>
      <max_length>40</max_length>
    </field>
    <field name="landlord_email" type="zope.schema.TextLine"
           easyform:validators="isValidEmail">
      <title>E-Mail</title>
      <required>False</required>
      <max_length>200</max_length>
    </field>
    <field name="message" type="zope.schema.Text">
      <title>Nachricht an das Wohnungsteam</title>
      <required>False</required>
      <max_length>4000</max_length>
    </field>
    <field name="website" type="zope.schema.TextLine"
           easyform:css_class="ip-hp">
      <title>Bitte leer lassen</title>
      <required>False</required>
    </field>
    <field name="consent" type="zope.schema.Bool"
           easyform:validators="isChecked">
      <title>Ich willige in die Verarbeitung meiner Angaben ein.</title>
      <description>So, wie es oben unter „Datenschutz“ beschrieben ist.</description>
      <required>False</required>
    </field>
  </schema>
</model>
"""

ACTIONS_MODEL = """\
<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="file_flat" type="integrationsportal.actions.CreateHousingOffer">
      <title>Als Wohnungsangebot ablegen</title>
    </field>
  </schema>
</model>
"""

PRIVACY_TEXT = """\
<p>Mit diesem Formular bieten Sie dem {district} eine Wohnung für geflüchtete
Menschen an. Das Wohnungsteam der Kreisverwaltung und des Jobcenters meldet
sich bei Ihnen.</p>
<h2>Datenschutz</h2>
<dl>
  <dt>Wer verarbeitet Ihre Angaben?</dt>
  <dd>{district}, Wohnungsteam von Kreisverwaltung und Jobcenter.</dd>
  <dt>Wozu?</dt>
  <dd>Um Ihre Wohnung zu prüfen, mit Ihnen Kontakt aufzunehmen und sie an
  einen Haushalt zu vermitteln. Name, Telefon, E-Mail und Adresse sehen nur die
  Mitarbeitenden des Wohnungsteams. Öffentlich erscheinen höchstens Ort, Größe,
  Miete und Ausstattung, nie Ihre Adresse oder Ihr Name.</dd>
  <dt>Rechtsgrundlage</dt>
  <dd>Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO). Sie können sie
  jederzeit für die Zukunft widerrufen.</dd>
  <dt>Wie lange?</dt>
  <dd>Ihre persönlichen Angaben werden {days} Tage nachdem die Wohnung vermittelt
  oder zurückgezogen wurde gelöscht. Es bleiben nur Zahlen ohne Bezug zu Ihrer
  Person.</dd>
  <dt>Ihre Rechte</dt>
  <dd>Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16),
  Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und auf
  Beschwerde bei der Datenschutzaufsicht Ihres Landes. Wenden Sie sich dazu an
  das Wohnungsteam und nennen Sie Ihre Referenznummer.</dd>
</dl>
<p class="discreet">Stand der Datenschutzhinweise: {version}</p>
"""


def privacy_html(district, days, version):
    return PRIVACY_TEXT.format(
        district=escape(district or "Landkreis"),
        days=int(days),
        version=escape(version),
    )


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
    root = portal.get(default_language, portal)
    if FORM_ID not in root.objectIds():
        district = api.portal.get_registry_record(
            "integrationsportal.district_name", default=""
        )
        form = api.content.create(
            container=root,
            type="EasyForm",
            id=FORM_ID,
            title="Wohnung anbieten",
            description="Sie vermieten eine Wohnung? Bieten Sie sie hier dem "
            "Wohnungsteam von Kreisverwaltung und Jobcenter an.",
            fields_model=FIELDS_MODEL,
            actions_model=ACTIONS_MODEL,
            submitLabel="Wohnung anbieten",
            thankstitle="Vielen Dank",
            showAll=False,
            includeEmpties=False,
            thanksPageOverrideAction="redirect_to",
            thanksPageOverride=(
                "python:request.get('integrationsportal.housing.next') or "
                "object_url + '/@@flat-received'"
            ),
        )
        form.formPrologue = RichTextValue(
            privacy_html(district, settings.retention_days, settings.privacy_version),
            "text/html",
            "text/x-html-safe",
        )
        form.CSRFProtection = True
        form.reindexObject()
        for transition in ("submit", "publish"):
            api.content.transition(obj=form, transition=transition)
    log(f"Housing: folder /{FOLDER_ID}, form /{root.getId()}/{FORM_ID}")
    return portal[FOLDER_ID]
