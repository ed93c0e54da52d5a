"""Where the key figures come from: rows of catalog data and registry
values, read without waking an offer (except the chain steps, whose
relations are not in the catalog). Offers count once per translation group
(an offer in German and English is one offer) and only when published."""

from datetime import date
from datetime import datetime
from integrationsportal.housing.figures import summarize
from integrationsportal.housing.flats import flat_rows
from integrationsportal.vocabularies.editable import tokens as vocabulary_tokens
from plone import api


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
    """Tokens of an editable vocabulary, in its order."""
    return vocabulary_tokens(name)


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
