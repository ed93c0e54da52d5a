"""The key figures for one set of filters: the filters read from a request,
the figures computed once and titled for people. Used by the dashboard, its
CSV downloads and the REST service."""

from datetime import date
from integrationsportal import _
from integrationsportal.housing.flats import states
from integrationsportal.keyfigures import compute
from integrationsportal.keyfigures import demand
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.shared.request import last_value
from zope.i18n import translate


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


class KeyFigures:
    """The figures for one set of filters, with titles for people."""

    def __init__(self, context, request, filters):
        self.context = context
        self.request = request
        self.filters = filters
        all_offers = compute.offer_rows()  # one catalog pass for every figure
        self.data = compute.all_figures(
            municipality=filters["municipality"],
            period=filters["period"],
            months=filters["months"],
            rows=all_offers,
        )
        self.places = municipality_names()
        self.category_titles = vocabulary_titles(
            "integrationsportal.OfferCategories", context
        )
        self.language_titles = vocabulary_titles(
            "integrationsportal.Languages", context
        )
        self.level_titles = vocabulary_titles(
            "integrationsportal.GermanLevels", context
        )
        known = demand.quarters()
        self.quarter = filters["quarter"] or (known[-1] if known else None)
        entries = demand.get_demand(self.quarter) if self.quarter else {}
        offers = compute.filter_offers(all_offers, filters["municipality"])
        self.demand_gaps = demand.demand_vs_supply(
            entries, offers, filters["municipality"]
        )
        levels = compute.tokens("german_levels")
        by_level = demand.demand_by_level(entries, filters["municipality"])
        supply = compute.accessible_offers_by_level(offers, levels)
        self.demand_levels = [
            {
                "level": level,
                "demand": by_level.get(level, 0),
                "offers": supply[level]["offers"],
                "places": supply[level]["places"],
            }
            for level in levels
        ]

    def place(self, token):
        return self.places.get(token, token)

    def category(self, token):
        return self.category_titles.get(token, token)

    def language(self, token):
        return self.language_titles.get(token, token)

    def level(self, token):
        return self.level_titles.get(token, token)

    def tables(self):
        """Every figure as (id, title, header, rows): the CSV files and the
        tables beside the charts come from here."""
        d = self.data
        t = lambda msg: translate(msg, context=self.request)  # noqa: E731
        matrix = d["offers"]["by_category_municipality"]
        housing = d["housing"]
        return [
            (
                "offers_by_category_municipality",
                t(_("Active offers by category and municipality")),
                ["category", "municipality", "active_offers"],
                [
                    [self.category(c), self.place(m), n]
                    for c, cells in matrix.items()
                    for m, n in cells.items()
                ],
            ),
            (
                "offers_by_language",
                t(_("Active offers by language")),
                ["language", "active_offers"],
                [
                    [self.language(lang), n]
                    for lang, n in d["offers"]["by_language"].items()
                ],
            ),
            (
                "gaps",
                t(_("Categories without an active offer, by municipality")),
                ["category", "municipality"],
                [[self.category(c), self.place(m)] for c, m in d["offers"]["gaps"]],
            ),
            (
                "language_gaps",
                t(_("Categories without an active offer, by language")),
                ["category", "language"],
                [
                    [self.category(c), self.language(lang)]
                    for c, lang in d["offers"]["language_gaps"]
                ],
            ),
            (
                "not_verified",
                t(_("Offers not verified")),
                ["title", "url", "municipality", "last_verified"],
                [
                    [
                        o["title"],
                        o["url"],
                        self.place(o["municipality"]),
                        o["last_verified"] or "",
                    ]
                    for o in d["not_verified"]["offers"]
                ],
            ),
            (
                "translation_coverage",
                t(_("Translation coverage")),
                [
                    "language",
                    "originals",
                    "current",
                    "outdated",
                    "missing",
                    "percent_current",
                ],
                [
                    [
                        code,
                        v["originals"],
                        v["current"],
                        v["outdated"],
                        v["missing"],
                        v["percent_current"],
                    ]
                    for code, v in d["translation_coverage"].items()
                ],
            ),
            (
                "housing",
                t(_("Housing: flats by status")),
                ["status", "flats"],
                [[state, housing["counts"].get(state, 0)] for state in states()]
                + [
                    [
                        "median_days_to_placement",
                        housing["median_days_to_placement"] or "",
                    ]
                ],
            ),
            (
                "steps_without_responsible",
                t(_("Chain steps nobody is responsible for")),
                ["chain", "step", "url"],
                [
                    [s["chain"], s["title"], s["url"]]
                    for s in d["steps_without_responsible"]
                ],
            ),
            (
                "demand_gaps",
                t(_("Demand and supply by municipality and category")),
                [
                    "quarter",
                    "municipality",
                    "category",
                    "demand",
                    "active_offers",
                    "places",
                    "gap",
                ],
                [
                    [
                        self.quarter,
                        self.place(r["municipality"]),
                        self.category(r["category"]),
                        r["demand"],
                        r["offers"],
                        r["places"],
                        r["gap"],
                    ]
                    for r in self.demand_gaps
                ],
            ),
            (
                "demand_by_level",
                t(_("Demand and open offers by German level")),
                ["quarter", "german_level", "demand", "open_offers", "places"],
                [
                    [
                        self.quarter,
                        self.level(r["level"]),
                        r["demand"],
                        r["offers"],
                        r["places"],
                    ]
                    for r in self.demand_levels
                ],
            ),
        ]
