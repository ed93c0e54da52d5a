"""Data protection of the housing tool: retention, access (Art. 15 GDPR) and
erasure (Art. 17) of a landlord's personal data. Anonymous facts, states and
dates stay, so that the figures remain right."""

from DateTime import DateTime
from datetime import datetime
from integrationsportal.housing.content import FACT_FIELDS
from integrationsportal.housing.content import LANDLORD_FIELDS
from integrationsportal.housing.flats import CLOSED
from integrationsportal.housing.flats import open_states
from integrationsportal.housing.flats import WORKFLOW
from integrationsportal.housing.form import housing_folder
from integrationsportal.interfaces import IHousingSettings
from plone import api
import logging
import re
import time
import transaction


logger = logging.getLogger("integrationsportal.housing")


def retention_days():
    return api.portal.get_registry_record(
        "integrationsportal.housing.retention_days",
        default=IHousingSettings["retention_days"].default,
    )


def _flats(context=None):
    folder = housing_folder() if context is None else context
    if folder is None:
        return []
    return [o for o in folder.objectValues() if o.portal_type == "HousingOffer"]


def closed_since(flat):
    """When the flat was last placed or withdrawn (a DateTime), or ``None``."""
    history = (getattr(flat, "workflow_history", {}) or {}).get(WORKFLOW, ())
    if not history or history[-1].get("review_state") not in CLOSED:
        return None
    return history[-1]["time"]


def erase(flat, now=None):
    """Erase the landlord's personal data from one flat."""
    for name in LANDLORD_FIELDS:
        setattr(flat, name, None)
    flat.personal_data_erased = now or datetime.now().astimezone()
    flat.reindexObject()


def erase_expired(context=None, days=None, now=None):
    """The retention job: erase the landlord's data of every flat placed or
    withdrawn at least ``days`` days ago. Returns the reference numbers."""
    days = retention_days() if days is None else days
    now = now or DateTime()
    erased = []
    for flat in _flats(context):
        if flat.personal_data_erased:
            continue
        closed = closed_since(flat)
        if closed is not None and now - closed >= days:
            erase(flat)
            erased.append(flat.reference)
    if erased:
        logger.info("Retention: landlord data erased from %s", ", ".join(erased))
    return erased


def _digits(value):
    return re.sub(r"\D", "", value or "")


def _matches(flat, contact):
    contact = contact.strip().lower()
    email = (flat.landlord_email or "").strip().lower()
    if email and email == contact:
        return True
    phone = _digits(flat.landlord_phone)
    return bool(phone) and len(_digits(contact)) >= 5 and phone == _digits(contact)


def landlord_flats(context, contact):
    return [f for f in _flats(context) if _matches(f, contact)]


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def export_landlord(context, contact):
    """Everything stored about one landlord (Art. 15 GDPR), as plain data."""
    district = api.portal.get_registry_record(
        "integrationsportal.district_name", default=""
    )
    flats = []
    for flat in landlord_flats(context, contact):
        history = (getattr(flat, "workflow_history", {}) or {}).get(WORKFLOW, ())
        flats.append(
            {
                "reference": flat.reference,
                "status": api.content.get_state(flat),
                "flat": {n: _plain(getattr(flat, n, None)) for n in FACT_FIELDS},
                "personal_data": {n: getattr(flat, n, None) for n in LANDLORD_FIELDS},
                "consent": {
                    "given": _plain(flat.consent_given),
                    "privacy_version": flat.privacy_version,
                },
                "history": [
                    {"date": e["time"].ISO8601(), "status": e.get("review_state")}
                    for e in history
                ],
            }
        )
    return {
        "controller": district,
        "purpose": (
            "Vermittlung angebotener Wohnungen an Haushalte geflüchteter Menschen"
        ),
        "legal_basis": "Einwilligung, Art. 6 Abs. 1 Buchst. a DSGVO",
        "recipients": "Wohnungsteam von Kreisverwaltung und Jobcenter",
        "retention_days_after_placement_or_withdrawal": retention_days(),
        "exported": datetime.now().astimezone().isoformat(),
        "flats": flats,
    }


def erase_landlord(
    context, contact, comment="Daten auf Wunsch gelöscht (Art. 17 DSGVO)"
):
    """Erase one landlord's data (Art. 17 GDPR); their open flats are
    withdrawn, since nobody can reach the landlord any more."""
    erased = []
    for flat in landlord_flats(context, contact):
        if api.content.get_state(flat) in open_states():
            api.content.transition(obj=flat, transition="withdraw", comment=comment)
        erase(flat)
        erased.append(flat.reference)
    return erased


DAY = 86400


def run_daily(folder, now=None):
    """The retention job once a day at most, on an occasion that writes
    anyway (a new offer): an embedded portal needs no cron for it. Never
    lets a problem here cost the occasion its own write."""
    now = now or time.time()
    if now - (getattr(folder, "last_retention_run", 0) or 0) < DAY:
        return None
    savepoint = transaction.savepoint()
    try:
        erased = erase_expired(folder)
    except Exception:
        savepoint.rollback()
        logger.exception("Retention job failed; it runs again with the next offer")
        return None
    folder.last_retention_run = now
    return erased
