"""From the landlords' form to a HousingOffer: an easyform action.

The action ``integrationsportal.actions.CreateHousingOffer`` runs after the
form validated its fields. It refuses what the form cannot know (a date in the
past, a phone number that is none, too many submissions from one address),
files the flat in the staff-only folder in state *new* with a reference number
and the consent record, tells the housing team by email (a link, no personal
data) and sends the landlord to a confirmation page that echoes nothing they
entered.
"""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.config import FORM_ERROR_MARKER
from datetime import datetime
from integrationsportal import _
from integrationsportal.housing import privacy
from integrationsportal.housing.content import FACT_FIELDS
from integrationsportal.housing.content import LANDLORD_FIELDS
from integrationsportal.housing.form import HONEYPOT_FIELD
from integrationsportal.housing.form import housing_folder
from integrationsportal.housing.guard import Guard
from integrationsportal.housing.notify import notify_team
from integrationsportal.housing.submission import check_submission
from integrationsportal.housing.submission import text_or_none
from integrationsportal.shared.installed import is_installed
from integrationsportal.shared.municipalities import municipality_name
from plone import api
from plone.supermodel.exportimport import BaseHandler
from zope.i18n import translate
import logging
import time


logger = logging.getLogger("integrationsportal.housing")

NEXT_URL_KEY = "integrationsportal.housing.next"


def create_flat(folder, data, consent_time, privacy_version):
    """File one flat in ``folder`` from the form's ``data``; returns it.

    Used by the form's action and by the demo content. The caller has checked
    the data; text is stored as given (markup stays text, shown escaped).
    """
    now = consent_time
    reference = folder.next_reference(now.year)
    values = {}
    for name in FACT_FIELDS + LANDLORD_FIELDS:
        if name in ("reference",):
            continue
        value = data.get(name)
        if isinstance(value, str):
            value = text_or_none(value)
        values[name] = value
    place = municipality_name(values.get("municipality") or "")
    title = f"{reference} · {place}".strip(" ·")
    with api.env.adopt_roles(["Manager"]):
        flat = api.content.create(
            container=folder,
            type="HousingOffer",
            id=reference.lower(),
            title=title,
            safe_id=False,
            reference=reference,
            consent_given=now,
            privacy_version=privacy_version,
            **values,
        )
    # nobody holds a local role on a landlord's flat: the housing team sees
    # it through its own role, the landlord (anonymous) not at all
    flat.manage_delLocalRoles([u for u, _roles in flat.get_local_roles()])
    flat.reindexObject()
    return flat


def file_submission(form, data, request, today=None):
    """What the action does; returns ``None`` or ``{field: message}``."""
    folder = housing_folder()
    if folder is None:
        logger.error(
            "No housing folder: submission of %s not filed", form.absolute_url()
        )
        return {FORM_ERROR_MARKER: _("The form cannot take offers at the moment.")}
    if text_or_none(data.get(HONEYPOT_FIELD)):
        # filled by a robot: looks accepted, files nothing
        logger.info("Housing form: honeypot filled, submission dropped")
        request.set(NEXT_URL_KEY, form.absolute_url() + "/@@flat-received")
        return None
    errors = check_submission(data, today=today)
    if errors:
        return {name: translate(msg, context=request) for name, msg in errors.items()}
    now = time.time()
    guard = Guard(folder)
    reference = guard.duplicate_of(data, now)
    if reference is None:
        limit = api.portal.get_registry_record(
            "integrationsportal.housing.submissions_per_hour", default=5
        )
        if guard.too_many(request, limit, now):
            request.response.setStatus(429)
            return {
                FORM_ERROR_MARKER: translate(
                    _(
                        "Too many flats were offered from your connection in the "
                        "last hour. Please try again later or call the housing team."
                    ),
                    context=request,
                )
            }
        version = api.portal.get_registry_record(
            "integrationsportal.housing.privacy_version", default="1"
        )
        flat = create_flat(folder, data, datetime.now().astimezone(), version)
        guard.count(request, now)
        guard.remember(data, flat.reference, now)
        notify_team(flat)
        reference = flat.reference
        privacy.run_daily(folder)
    request.set(NEXT_URL_KEY, f"{form.absolute_url()}/@@flat-received?ref={reference}")
    return None


class CreateHousingOffer(Action):
    """Files a submission of the landlords' form as a flat for the housing team."""

    def onSuccess(self, fields, request):
        from collective.easyform.api import get_context

        return file_submission(get_context(self), fields, request)


class SiteActionFactory(ActionFactory):
    """easyform lists every action registered in the Zope; this one only in
    a site that installed the add-on (the action utility is global, as
    easyform looks its actions up there)."""

    def available(self, context):
        return is_installed(context) and super().available(context)


CreateHousingOfferAction = SiteActionFactory(
    CreateHousingOffer,
    _("File as a housing offer"),
    "cmf.ManagePortal",
)
CreateHousingOfferHandler = BaseHandler(CreateHousingOffer)
