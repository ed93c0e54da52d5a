"""The key figures' filters read from a request: municipality, period, the
months after which an offer counts as not verified, and the demand's
quarter. Shared by the dashboard, its CSV downloads and the REST service."""

from datetime import date
from integrationsportal import _
from integrationsportal.keyfigures import demand
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.shared.request import last_value


def parse_filters(form):
    """municipality, period (from, to), months, quarter → (filters, problems)."""
    filters = {"municipality": None, "period": None, "months": None, "quarter": None}
    problems = []
    places = municipality_names()
    municipality = last_value(form.get("municipality")).strip()
    if municipality:
        if municipality in places:
            filters["municipality"] = municipality
        else:
            problems.append(_("Municipality"))
    bounds = []
    for name, label in (("from", _("From")), ("to", _("To"))):
        raw = last_value(form.get(name)).strip()
        if not raw:
            bounds.append(None)
            continue
        try:
            bounds.append(date.fromisoformat(raw))
        except ValueError:
            problems.append(label)
            bounds.append(None)
    if any(bounds):
        if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
            problems.append(_("From"))
        else:
            filters["period"] = tuple(bounds)
    months = last_value(form.get("months")).strip()
    if months:
        try:
            value = int(months)
        except ValueError:
            value = 0
        if 1 <= value <= 120:
            filters["months"] = value
        else:
            problems.append(_("Not verified for (months)"))
    quarter = last_value(form.get("quarter")).strip()
    if quarter:
        if demand.QUARTER.match(quarter):
            filters["quarter"] = quarter
        else:
            problems.append(_("Quarter"))
    return filters, problems
