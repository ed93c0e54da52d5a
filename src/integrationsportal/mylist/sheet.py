"""What the counselling sheet says of one entry, in each of its languages:
the reader's and German, for the counsellor and the offices.

Each column reads the entry's translation into its language where there is
one the reader may see, else the original (marked with its own language);
vocabulary titles and the sheet's own words are in the column's language,
whatever the request's."""

from integrationsportal import _
from integrationsportal.shared.formatting import localized_date
from integrationsportal.shared.formatting import other_language
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.languages import direction
from integrationsportal.shared.municipalities import municipality_name
from integrationsportal.shared.qr import qr_svg
from integrationsportal.shared.relations import in_language
from integrationsportal.shared.relations import related
from integrationsportal.shared.relations import related_list
from integrationsportal.translation import language_of
from integrationsportal.vocabularies.editable import pick_title
from integrationsportal.vocabularies.editable import titles_of
from zope.i18n import translate


SHEET_LANGUAGE = "de"  # the offices' language, always on the sheet
DESCRIPTION_LENGTH = 170

LABELS = {
    "title": _("Counselling sheet"),
    "intro": _(
        "Offers that fit, with the next steps. Scan a code to open the offer's page."
    ),
    "for_whom": _("For whom:"),
    "where": _("Where:"),
    "when": _("When:"),
    "cost": _("Cost:"),
    "contact": _("Contact:"),
    "note": _("Note"),
    "next_step": _("Next step on"),
    "printed": _("Printed on"),
    "more": _("Also saved"),
    "empty": _("No offers were chosen."),
    "left_out": _("More offers fit: this sheet holds the first 24."),
}


def _t(message, language, request):
    return translate(message, target_language=language, context=request)


def labels(language, request):
    """The sheet's own words in ``language``: {key: text}, plus its
    ``language`` and ``dir``."""
    result = {key: _t(message, language, request) for key, message in LABELS.items()}
    result["language"] = language
    result["dir"] = direction(language)
    return result


def _titles(name, tokens, language):
    titles = titles_of(name)
    return [pick_title(titles.get(t, {}), language, t) for t in tokens or ()]


def _fixed_title(vocabulary_name, token, language, request):
    for term in vocabulary(vocabulary_name):
        if term.value == token:
            return _t(term.title, language, request)
    return ""


def _period(obj, language, request):
    start = localized_date(getattr(obj, "start", None), language)
    end = localized_date(getattr(obj, "end", None), language)
    if start and end:
        message = _("${start} to ${end}", mapping={"start": start, "end": end})
    elif start:
        message = _("from ${start}", mapping={"start": start})
    elif end:
        message = _("until ${end}", mapping={"end": end})
    else:
        return ""
    return _t(message, language, request)


def _short(text, limit):
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _contact(obj, language):
    """The first contact person the reader may see, else the provider:
    {title, phone, email} or None."""
    people = related_list(obj, "contacts") if obj.portal_type == "Offer" else []
    target = people[0] if people else None
    if target is None and obj.portal_type == "Offer":
        target = related(obj, "provider")
    if target is None and obj.portal_type in ("Contact", "Organisation"):
        target = obj
    if target is None:
        return None
    target = in_language(target, language)
    return {
        "title": target.Title(),
        "phone": getattr(target, "phone", None) or "",
        "email": getattr(target, "email", None) or "",
    }


def column(obj, language, request):
    """One entry in one language: a dict of texts (empty when unknown)."""
    shown = in_language(obj, language)
    own = language_of(shown) or language
    data = {
        "language": language,
        "dir": direction(language),
        "other": other_language(own, language),
        "url": shown.absolute_url(),
        "title": shown.Title(),
        "description": _short(shown.Description(), DESCRIPTION_LENGTH),
        "for_whom": "",
        "where": "",
        "when": "",
        "cost": "",
        "contact": _contact(shown, language),
    }
    if obj.portal_type != "Offer":
        return data
    separator = "، " if data["dir"] == "rtl" else ", "
    data["for_whom"] = separator.join(
        _titles("target_groups", shown.target_groups, language)
    )
    place = municipality_name(shown.municipality) if shown.municipality else ""
    delivery = _fixed_title(
        "integrationsportal.Delivery", shown.online, language, request
    )
    data["where"] = " · ".join(part for part in (place, delivery) if part)
    data["when"] = _period(shown, language, request)
    cost = _fixed_title("integrationsportal.Cost", shown.cost, language, request)
    note = getattr(shown, "cost_note", None) or ""
    data["cost"] = " – ".join(part for part in (cost, note) if part)
    return data


def entry_columns(obj, languages, request):
    """{'kind', 'columns': [column per language], 'qr'}: the QR code leads
    to the entry's page in the first (the reader's) language."""
    columns = [column(obj, language, request) for language in languages]
    return {
        "kind": obj.portal_type,
        "columns": columns,
        "qr": qr_svg(columns[0]["url"], columns[0]["title"]),
    }
