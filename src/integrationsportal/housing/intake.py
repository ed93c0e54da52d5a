"""From the landlords' form to a HousingOffer: an easyform action.

The action ``integrationsportal.actions.CreateHousingOffer`` runs after the
form validated its fields. It refuses what the form cannot know (a date in the
past, a phone number that is none, too many submissions from one address),
files the flat in the staff-only folder in state *new* with a reference number
and the consent record, tells the housing team by email (a link, no personal
data) and sends the landlord to a confirmation page that echoes nothing they
entered.
"""

from BTrees.OOBTree import OOBTree
from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.config import FORM_ERROR_MARKER
from datetime import date
from datetime import datetime
from datetime import timedelta
from email.message import EmailMessage
from integrationsportal import _
from integrationsportal.housing import privacy
from integrationsportal.housing.content import FACT_FIELDS
from integrationsportal.housing.content import LANDLORD_FIELDS
from integrationsportal.housing.form import HONEYPOT_FIELD
from integrationsportal.housing.form import housing_folder
from integrationsportal.shared.installed import is_installed
from integrationsportal.shared.municipalities import municipality_name
from plone import api
from plone.supermodel.exportimport import BaseHandler
from zope.i18n import translate
import hashlib
import logging
import re
import time
import transaction


logger = logging.getLogger("integrationsportal.housing")

PHONE = re.compile(r"^\+?[0-9][0-9 ()/.-]{4,30}[0-9]$")
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")
WINDOW = 3600  # seconds: the submission limit counts one hour
DUPLICATE_WINDOW = 3600  # the same flat again within an hour is a double click
NEXT_URL_KEY = "integrationsportal.housing.next"


def _text(value):
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def check_submission(data, today=None):
    """Checks beyond the form's own: returns ``{field: message}``."""
    today = today or date.today()
    errors = {}
    available = data.get("available_from")
    if isinstance(available, date):
        if available < today - timedelta(days=31):
            errors["available_from"] = _(
                "The date lies more than a month in the past. When is the flat free?"
            )
        elif available > today + timedelta(days=2 * 366):
            errors["available_from"] = _(
                "Please offer flats that are free within the next two years."
            )
    phone = _text(data.get("landlord_phone"))
    email = _text(data.get("landlord_email"))
    if phone and not PHONE.match(phone):
        errors["landlord_phone"] = _(
            "This is not a phone number. Digits, spaces and + ( ) / - are possible."
        )
    if email and not EMAIL.match(email):
        errors["landlord_email"] = _("This is not an email address.")
    if not phone and not email:
        errors["landlord_phone"] = _(
            "Give a phone number or an email address, so that we can reach you."
        )
    rooms, space = data.get("rooms"), data.get("living_space")
    if rooms and space and space / rooms < 5:
        errors["living_space"] = _("Please check rooms and living space together.")
    return errors


def _client_key(request, salt):
    address = request.getClientAddr() or "unknown"
    return hashlib.sha256(f"{salt}|{address}".encode()).hexdigest()


def _fingerprint(data):
    parts = [
        str(_text(data.get(name)) or "").lower()
        for name in (
            "landlord_email",
            "landlord_phone",
            "street",
            "postal_code",
            "municipality",
            "rooms",
            "living_space",
            "cold_rent",
            "available_from",
        )
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Guard:
    """The folder's memory of recent submissions: hashed client addresses for
    the per-address limit, and fingerprints of flats against double clicks.
    Nothing in it can be read back as an address or a person."""

    def __init__(self, folder):
        self.folder = folder
        if getattr(folder, "_recent_clients", None) is None:
            folder._recent_clients = OOBTree()
        if getattr(folder, "_recent_flats", None) is None:
            folder._recent_flats = OOBTree()
        if not getattr(folder, "_guard_salt", None):
            folder._guard_salt = hashlib.sha256(
                f"{id(folder)}{time.time()}".encode()
            ).hexdigest()

    def _prune(self, now):
        for tree, window in (
            (self.folder._recent_clients, WINDOW),
            (self.folder._recent_flats, DUPLICATE_WINDOW),
        ):
            for key in [k for k, v in tree.items() if now - v[-1] > window]:
                del tree[key]

    def too_many(self, request, limit, now):
        self._prune(now)
        key = _client_key(request, self.folder._guard_salt)
        recent = [
            t for t in self.folder._recent_clients.get(key, ()) if now - t < WINDOW
        ]
        return len(recent) >= limit

    def count(self, request, now):
        key = _client_key(request, self.folder._guard_salt)
        recent = [
            t for t in self.folder._recent_clients.get(key, ()) if now - t < WINDOW
        ]
        self.folder._recent_clients[key] = (*recent, now)

    def duplicate_of(self, data, now):
        entry = self.folder._recent_flats.get(_fingerprint(data))
        if entry and now - entry[-1] < DUPLICATE_WINDOW:
            return entry[0]
        return None

    def remember(self, data, reference, now):
        self.folder._recent_flats[_fingerprint(data)] = (reference, now)


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
            value = _text(value)
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


def notify_team(flat):
    """Tell the housing team: reference, municipality, rooms and a link."""
    recipients = list(
        api.portal.get_registry_record(
            "integrationsportal.housing.notify_addresses", default=[]
        )
        or []
    )
    if not recipients:
        group = api.group.get(groupname="housing-team")
        members = api.user.get_users(group=group) if group is not None else []
        recipients = [m.getProperty("email") for m in members if m.getProperty("email")]
    if not recipients:
        logger.warning("New flat %s: nobody to notify", flat.reference)
        return
    portal = api.portal.get()
    sender = portal.getProperty("email_from_address") or "noreply@localhost"
    message = EmailMessage()
    message["Subject"] = f"Neues Wohnungsangebot {flat.reference}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    rooms = f"{flat.rooms:g}".replace(".", ",") if flat.rooms else "?"
    message.set_content(
        f"Über das Formular ist eine Wohnung angeboten worden.\n\n"
        f"Referenznummer: {flat.reference}\n"
        f"Ort: {flat.municipality}\n"
        f"Zimmer: {rooms}\n\n"
        f"Zur Wohnung (Anmeldung nötig):\n{flat.absolute_url()}\n"
    )
    mailhost = api.portal.get_tool("MailHost")
    reference = flat.reference

    def send(committed):
        # only for a flat that is really filed; a mail server that is down
        # must not cost the landlord's offer, so this runs after the commit
        if not committed:
            return
        try:
            mailhost.send(message, immediate=True)
        except Exception:
            logger.exception("New flat %s: the notification was not sent", reference)

    transaction.get().addAfterCommitHook(send)


def file_submission(form, data, request, today=None):
    """What the action does; returns ``None`` or ``{field: message}``."""
    folder = housing_folder()
    if folder is None:
        logger.error(
            "No housing folder: submission of %s not filed", form.absolute_url()
        )
        return {FORM_ERROR_MARKER: _("The form cannot take offers at the moment.")}
    if _text(data.get(HONEYPOT_FIELD)):
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
