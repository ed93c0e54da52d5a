"""Key figures for the steering group, from the portal's own content.

Each figure is a plain function over rows (dicts), so that it can be checked
against hand-computed values; the loaders build the rows from the catalog and
wake no offer. Offers count once per translation group (an offer in German
and English is one offer) and only when published; *active* means the
offer's status is "active".
"""

from datetime import date
from datetime import datetime
from integrationsportal.housing.figures import summarize
from integrationsportal.housing.flats import flat_rows
from integrationsportal.interfaces import ISiteSettings
from integrationsportal.shared.formatting import months_before
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.vocabularies import german_level_rank
from integrationsportal.vocabularies import parse_entry
from integrationsportal.vocabularies import registry_entries
from plone import api


ACTIVE = "active"


def as_date(value):
    """A date from what the catalog keeps (date, datetime, DateTime, text)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "asdatetime"):
        return value.asdatetime().date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def tokens(name):
    """Tokens of a registry-backed vocabulary, in its order."""
    return [parse_entry(entry)[0] for entry in registry_entries(name)]


# ---------------------------------------------------------------- loaders


def offer_rows():
    """Every published offer once, as a row of catalog data."""
    catalog = api.portal.get_tool("portal_catalog")
    default = api.portal.get_default_language()
    chosen = {}
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Offer", review_state="published"
    ):
        group = getattr(brain, "TranslationGroup", None) or brain.UID
        current = chosen.get(group)
        if current is None or (
            brain.Language == default and current.Language != default
        ):
            chosen[group] = brain
    rows = []
    for brain in chosen.values():
        rows.append(
            {
                "uid": brain.UID,
                "title": brain.Title,
                "url": brain.getURL(),
                "categories": list(brain.categories or ()),
                "municipality": brain.municipality or "",
                "languages": list(brain.languages or ()),
                "offer_status": brain.offer_status or "",
                "german_level": brain.german_level or "",
                "last_verified": as_date(brain.last_verified),
                "start": as_date(brain.start),
                "end": as_date(brain.end),
                "places": brain.places if isinstance(brain.places, int) else None,
                "created": as_date(brain.created),
            }
        )
    rows.sort(key=lambda row: row["title"])
    return rows


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


# ---------------------------------------------------------------- figures


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


def steps_without_responsible():
    """Chain steps that name no organisation and no contact person."""
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(portal_type="ProcessStep"):
        step = brain._unrestrictedGetObject()
        organisations = [r for r in step.responsible_organisations or [] if r]
        contacts = [r for r in step.contacts or [] if r]
        if not organisations and not contacts:
            chain = step.aq_parent
            found.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "chain": chain.Title(),
                    "language": brain.Language,
                }
            )
    found.sort(key=lambda item: (item["chain"], item["url"]))
    return found


def translation_coverage():
    """Per language: published originals of the default language that are
    translated and current, outdated, or missing."""
    catalog = api.portal.get_tool("portal_catalog")
    default = api.portal.get_default_language()
    languages = [
        code
        for code in api.portal.get_registry_record(
            "plone.available_languages", default=[]
        )
        if code != default
    ]
    originals = {
        brain.TranslationGroup
        for brain in catalog.unrestrictedSearchResults(
            Language=default, review_state="published"
        )
        if getattr(brain, "TranslationGroup", None) and brain.portal_type != "LRF"
    }
    coverage = {}
    for language in languages:
        current = outdated = 0
        for brain in catalog.unrestrictedSearchResults(
            Language=language, review_state="published"
        ):
            if brain.TranslationGroup not in originals:
                continue
            if brain.translation_outdated:
                outdated += 1
            else:
                current += 1
        total = len(originals)
        coverage[language] = {
            "originals": total,
            "current": current,
            "outdated": outdated,
            "missing": max(total - current - outdated, 0),
            "percent_current": round(100 * current / total, 1) if total else 0.0,
        }
    return coverage


def housing(municipality=None, period=None):
    rows = []
    for row in flat_rows(unrestricted=True):
        if municipality and row.get("municipality") != municipality:
            continue
        if period:
            offered = as_date(row.get("offered"))
            begin, finish = period
            if (
                offered is None
                or (begin and offered < begin)
                or (finish and offered > finish)
            ):
                continue
        rows.append(row)
    return summarize(rows)


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
    categories = tokens("categories")
    languages = tokens("languages")
    places = municipality_names()
    municipalities = [municipality] if municipality else list(places)
    months = months or api.portal.get_registry_record(
        "integrationsportal.freshness_months",
        default=ISiteSettings["freshness_months"].default,
    )
    rows = filter_offers(offer_rows() if rows is None else rows, municipality, period)
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
        "translation_coverage": translation_coverage(),
        "housing": housing(municipality, period),
        "steps_without_responsible": steps_without_responsible(),
    }
