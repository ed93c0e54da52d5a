"""Demand planning: aggregated demand per municipality and quarter, entered by
staff (numbers of people by German level and by what they look for), set
against the supply of active offers and their places. Numbers only: no
person is ever named or counted individually here."""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
from datetime import timedelta
from integrationsportal.keyfigures.compute import active
from plone import api
from zope.annotation.interfaces import IAnnotations
import re


KEY = "integrationsportal.demand"
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MAX_PEOPLE = 100000


def quarter_of(day):
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_period(quarter):
    """'2026-Q4' → (2026-10-01, 2026-12-31)."""
    match = QUARTER.match(quarter or "")
    if not match:
        raise ValueError(quarter)
    year, number = int(match.group(1)), int(match.group(2))
    first = date(year, 3 * number - 2, 1)
    if number == 4:
        last = date(year, 12, 31)
    else:
        last = date(year, 3 * number + 1, 1) - timedelta(days=1)
    return first, last


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(KEY)
    if store is None and create:
        store = annotations[KEY] = OOBTree()
    return store


def quarters():
    store = _store()
    return list(store.keys()) if store is not None else []


def get_demand(quarter):
    """{municipality: {"levels": {level: n}, "categories": {category: n}}}."""
    store = _store()
    if store is None or quarter not in store:
        return {}
    return dict(store[quarter]["entries"])


def set_demand(quarter, entries, user=None):
    if not QUARTER.match(quarter):
        raise ValueError(f"'{quarter}' is not a quarter like 2026-Q4")
    clean = {}
    for municipality, parts in entries.items():
        levels = {k: int(v) for k, v in parts.get("levels", {}).items() if v}
        categories = {k: int(v) for k, v in parts.get("categories", {}).items() if v}
        for value in (*levels.values(), *categories.values()):
            if not 0 <= value <= MAX_PEOPLE:
                raise ValueError(f"{value} is not a number of people")
        if levels or categories:
            clean[municipality] = {"levels": levels, "categories": categories}
    _store(create=True)[quarter] = {
        "entries": clean,
        "modified": datetime.now().astimezone().isoformat(),
        "by": user or "",
    }


def demand_vs_supply(entries, offers, municipality=None):
    """Per municipality and category: people looking, active offers, their
    places, and the gap (people without a place); the largest gaps first.

    Offers without a number of places count as offers but add no places."""
    rows = []
    running = active(offers)
    for place, parts in entries.items():
        if municipality and place != municipality:
            continue
        for category, people in parts.get("categories", {}).items():
            matching = [
                o
                for o in running
                if o["municipality"] == place and category in o["categories"]
            ]
            places = sum(o["places"] or 0 for o in matching)
            rows.append(
                {
                    "municipality": place,
                    "category": category,
                    "demand": people,
                    "offers": len(matching),
                    "offers_without_places": sum(
                        1 for o in matching if o["places"] is None
                    ),
                    "places": places,
                    "gap": max(people - places, 0),
                }
            )
    rows.sort(key=lambda r: (-r["gap"], -r["demand"], r["municipality"], r["category"]))
    return rows


def demand_by_level(entries, municipality=None):
    totals = {}
    for place, parts in entries.items():
        if municipality and place != municipality:
            continue
        for level, people in parts.get("levels", {}).items():
            totals[level] = totals.get(level, 0) + people
    return totals
