"""Key figures for the steering group, from the portal's own content.

Each figure is a plain function over rows (dicts), so that it can be checked
against hand-computed values; ``sources`` builds the rows from the catalog.
*Active* means the offer's status is "active".
"""

from datetime import date
from integrationsportal.feedback import figures as feedback_figures
from integrationsportal.interfaces import ISiteSettings
from integrationsportal.keyfigures import sources
from integrationsportal.shared.formatting import months_before
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.vocabularies.editable import german_level_rank
from plone import api


ACTIVE = "active"


def filter_offers(rows, municipality=None, period=None):
    """Offers in one municipality and running in a period (no dates: ongoing)."""
    result = []
    for row in rows:
        if municipality and row["municipality"] != municipality:
            continue
        if period:
            begin, finish = period
            if row["start"] and finish and row["start"] > finish:
                continue
            if row["end"] and begin and row["end"] < begin:
                continue
        result.append(row)
    return result


def active(rows):
    return [row for row in rows if row["offer_status"] == ACTIVE]


def by_category_municipality(rows, categories, municipalities):
    """{category: {municipality: number of active offers}}."""
    matrix = {c: dict.fromkeys(municipalities, 0) for c in categories}
    for row in active(rows):
        for category in row["categories"]:
            if category in matrix and row["municipality"] in matrix[category]:
                matrix[category][row["municipality"]] += 1
    return matrix


def by_language(rows, languages):
    """{language: number of active offers held in it}."""
    counts = dict.fromkeys(languages, 0)
    for row in active(rows):
        for language in row["languages"]:
            if language in counts:
                counts[language] += 1
    return counts


def gaps(matrix):
    """(category, municipality) with no active offer."""
    return [
        (category, municipality)
        for category, cells in matrix.items()
        for municipality, count in cells.items()
        if count == 0
    ]


def language_gaps(rows, categories, languages):
    """(category, language): no active offer of the category in the language."""
    held = {
        (c, lang)
        for row in active(rows)
        for c in row["categories"]
        for lang in row["languages"]
    }
    return [
        (c, lang) for c in categories for lang in languages if (c, lang) not in held
    ]


def stale(rows, months, today=None):
    """Offers not verified within ``months`` (never verified first)."""
    cutoff = months_before(today or date.today(), months)
    found = [
        r for r in rows if r["last_verified"] is None or r["last_verified"] < cutoff
    ]
    found.sort(
        key=lambda r: (r["last_verified"] is not None, r["last_verified"] or date.min)
    )
    return found


def accessible_offers_by_level(rows, levels):
    """For each German level: active offers open to a person at that level
    (the level they require is at most this one), and their places."""
    result = {}
    for level in levels:
        rank = german_level_rank(level)
        open_offers = [
            r
            for r in active(rows)
            if german_level_rank(r["german_level"] or "none") <= rank
        ]
        result[level] = {
            "offers": len(open_offers),
            "places": sum(r["places"] or 0 for r in open_offers),
        }
    return result


def all_figures(municipality=None, period=None, months=None, today=None, rows=None):
    """Everything the dashboard and ``@key-figures`` show, as plain data."""
    categories = sources.tokens("categories")
    languages = sources.tokens("languages")
    places = municipality_names()
    municipalities = [municipality] if municipality else list(places)
    months = months or api.portal.get_registry_record(
        "integrationsportal.freshness_months",
        default=ISiteSettings["freshness_months"].default,
    )
    rows = filter_offers(
        sources.offer_rows() if rows is None else rows, municipality, period
    )
    matrix = by_category_municipality(rows, categories, municipalities)
    stale_rows = stale(rows, months, today=today)
    return {
        "filters": {
            "municipality": municipality,
            "period": [p.isoformat() if p else None for p in period]
            if period
            else None,
            "months": months,
        },
        "offers": {
            "published": len(rows),
            "active": len(active(rows)),
            "by_category_municipality": matrix,
            "by_language": by_language(rows, languages),
            "gaps": [list(g) for g in gaps(matrix)],
            "language_gaps": [
                list(g) for g in language_gaps(rows, categories, languages)
            ],
        },
        "not_verified": {
            "months": months,
            "count": len(stale_rows),
            "offers": [
                {
                    "title": r["title"],
                    "url": r["url"],
                    "municipality": r["municipality"],
                    "last_verified": r["last_verified"].isoformat()
                    if r["last_verified"]
                    else None,
                }
                for r in stale_rows
            ],
        },
        "translation_coverage": sources.translation_coverage(),
        "housing": sources.housing(municipality, period),
        "steps_without_responsible": sources.steps_without_responsible(),
        "feedback": feedback_figures.summarize(
            feedback_figures.feedback_rows(), period
        ),
    }
