"""Figures of the housing tool for the steering group: anonymous, from the
catalog (no flat is woken, no personal data read)."""

from integrationsportal.housing.flats import flat_rows
from integrationsportal.housing.flats import states
from integrationsportal.housing.flats import WORKFLOW
from statistics import median


def timeline(flat):
    """When the flat was offered, and when it was placed (or ``None``); the
    number of days in between. From the workflow history, which keeps who
    and when for every step."""
    history = (getattr(flat, "workflow_history", {}) or {}).get(WORKFLOW, ())
    offered = history[0]["time"] if history else None
    placed = None
    for entry in history:
        if entry.get("review_state") == "placed":
            placed = entry["time"]
    days = None
    if offered is not None and placed is not None:
        days = round(float(placed - offered), 1)  # DateTime difference: days
    return {
        "offered": offered.ISO8601() if offered is not None else None,
        "placed": placed.ISO8601() if placed is not None else None,
        "days_to_placement": days,
    }


def summarize(rows):
    """Counts per state and municipality, median days to placement."""
    ids = states()
    counts = dict.fromkeys(ids, 0)
    by_municipality = {}
    days = []
    for row in rows:
        state = row.get("state")
        counts[state] = counts.get(state, 0) + 1
        place = row.get("municipality") or ""
        by_municipality.setdefault(place, dict.fromkeys(ids, 0))
        by_municipality[place][state] = by_municipality[place].get(state, 0) + 1
        if state == "placed" and row.get("days_to_placement") is not None:
            days.append(row["days_to_placement"])
    return {
        "total": len(rows),
        "counts": counts,
        "by_municipality": dict(sorted(by_municipality.items())),
        "placed_with_duration": len(days),
        "median_days_to_placement": round(median(days), 1) if days else None,
    }


def housing_figures():
    return summarize(flat_rows(unrestricted=True))
