"""Checks of a landlord's submission beyond what the form's fields check
themselves: a date in the past, a phone number that is none, a flat too
small for its rooms."""

from datetime import date
from datetime import timedelta
from integrationsportal import _
import re


PHONE = re.compile(r"^\+?[0-9][0-9 ()/.-]{4,30}[0-9]$")
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")


def text_or_none(value):
    """A form value as stripped text; ``None`` for nothing."""
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
    phone = text_or_none(data.get("landlord_phone"))
    email = text_or_none(data.get("landlord_email"))
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
