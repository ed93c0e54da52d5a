"""The housing team's listing: its filters and sort order read from the
request, and applied to the flats' catalog rows."""

from datetime import date
from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.content import IHousingOffer
from integrationsportal.housing.flats import states
from integrationsportal.shared.municipalities import municipality_token
from integrationsportal.shared.request import last_value


# the listing's filters accept what a flat may have
ROOMS = (IHousingOffer["rooms"].min, IHousingOffer["rooms"].max)
PERSONS = (IHousingOffer["max_persons"].min, IHousingOffer["max_persons"].max)
SORT_KEYS = {
    "reference": lambda f: f.get("reference") or "",
    "municipality": lambda f: f.get("municipality") or "",
    "rooms": lambda f: f.get("rooms") or 0,
    "persons": lambda f: f.get("max_persons") or 0,
    "rent": lambda f: f.get("gross_cold_rent") or 0,
    "available": lambda f: f.get("available_from") or "",
    "state": lambda f: states().index(f["state"]) if f["state"] in states() else 9,
}


def parse_filters(form):
    """The listing's GET parameters → (filters, problems)."""
    filters, problems = {}, []

    def number(name, kind, low, high, label):
        raw = last_value(form.get(name)).strip().replace(",", ".")
        if not raw:
            return
        try:
            value = kind(raw)
        except ValueError:
            problems.append(label)
            return
        if not low <= value <= high:
            problems.append(label)
            return
        filters[name] = value

    municipality = last_value(form.get("municipality")).strip()
    if municipality:
        filters["municipality"] = municipality_token(municipality)
    number("rooms", float, *ROOMS, _("Rooms"))
    number("persons", int, *PERSONS, _("Persons"))
    number("rent", float, 0, kdu.MAX_RENT, _("Rent up to"))
    number("household", int, *PERSONS, _("Within the limit for a household of"))
    state = last_value(form.get("state")).strip()
    if state:
        if state in states():
            filters["state"] = state
        else:
            problems.append(_("Status"))
    if last_value(form.get("barrier_free")):
        filters["barrier_free"] = True
    available = last_value(form.get("available")).strip()
    if available:
        try:
            filters["available"] = date.fromisoformat(available).isoformat()
        except ValueError:
            problems.append(_("Available by"))
    sort = last_value(form.get("sort")).strip() or "reference"
    filters["sort"] = sort if sort in SORT_KEYS else "reference"
    filters["reverse"] = last_value(form.get("order")) == "desc"
    return filters, problems


def apply_filters(rows, filters, limits):
    """The rows that pass every filter, in the chosen order."""
    result = []
    for row in rows:
        if (
            "municipality" in filters
            and row.get("municipality") != filters["municipality"]
        ):
            continue
        if "rooms" in filters and (row.get("rooms") or 0) < filters["rooms"]:
            continue
        if "persons" in filters and (row.get("max_persons") or 0) < filters["persons"]:
            continue
        if "rent" in filters and (row.get("gross_cold_rent") or 0) > filters["rent"]:
            continue
        if "household" in filters and not kdu.within_limit(
            row, limits, filters["household"]
        ):
            continue
        if "state" in filters and row["state"] != filters["state"]:
            continue
        if filters.get("barrier_free") and not row.get("barrier_free"):
            continue
        if (
            "available" in filters
            and (row.get("available_from") or "9999") > filters["available"]
        ):
            continue
        result.append(row)
    result.sort(key=SORT_KEYS[filters["sort"]], reverse=filters["reverse"])
    return result
