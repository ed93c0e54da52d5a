"""The readers' feedback as key figures (keyfigures/): votes and reports
per month, per kind of page, reason and language, and the share of "yes,
helpful". Counted from catalog data, whoever looks; no report's text or
address is part of it."""

from plone import api


def feedback_rows():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Feedback"):
        created = brain.created
        yield {
            "month": f"{created.year():04d}-{created.month():02d}",
            "date": created.asdatetime().date(),
            "kind": brain.feedback_kind or "",
            "reason": brain.feedback_reason or "",
            "language": brain.feedback_language or "",
            "helpful": brain.feedback_helpful,
        }


def share(yes, no):
    """Percent of "yes" among the votes, or None without votes."""
    return round(100 * yes / (yes + no), 1) if yes + no else None


def summarize(rows, period=None):
    """{months: {month: {votes_yes, votes_no, helpful_percent, reports}},
    by_kind, by_reason, by_language (reports and votes), and the totals}."""
    months, kinds, reasons, languages = {}, {}, {}, {}
    yes = no = reports = 0
    for row in rows:
        if period:
            begin, finish = period
            if (begin and row["date"] < begin) or (finish and row["date"] > finish):
                continue
        month = months.setdefault(
            row["month"], {"votes_yes": 0, "votes_no": 0, "reports": 0}
        )
        if row["helpful"] == "yes":
            month["votes_yes"] += 1
            yes += 1
        elif row["helpful"] == "no":
            month["votes_no"] += 1
            no += 1
        if row["reason"]:
            month["reports"] += 1
            reports += 1
            reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        languages[row["language"]] = languages.get(row["language"], 0) + 1
    for month in months.values():
        month["helpful_percent"] = share(month["votes_yes"], month["votes_no"])
    return {
        "months": dict(sorted(months.items())),
        "by_kind": dict(sorted(kinds.items())),
        "by_reason": dict(sorted(reasons.items())),
        "by_language": dict(sorted(languages.items())),
        "votes_yes": yes,
        "votes_no": no,
        "reports": reports,
        "helpful_percent": share(yes, no),
    }
