"""``@@key-figures`` (the steering group's dashboard), its CSV downloads and
``@@demand-planning`` (staff enter aggregated demand per quarter)."""

from datetime import date
from integrationsportal import _
from integrationsportal.browser.cards import vocabulary_titles
from integrationsportal.keyfigures import charts
from integrationsportal.keyfigures import compute
from integrationsportal.keyfigures import demand
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate
import csv
import io


STATES = ("new", "checked", "reserved", "placed", "withdrawn")


def _one(value):
    if isinstance(value, (list, tuple)):
        return value[-1] if value else ""
    return "" if value is None else str(value)


def parse_filters(form):
    """municipality, period (from, to), months, quarter → (filters, problems)."""
    filters = {"municipality": None, "period": None, "months": None, "quarter": None}
    problems = []
    places = compute.municipality_tokens()
    municipality = _one(form.get("municipality")).strip()
    if municipality:
        if municipality in places:
            filters["municipality"] = municipality
        else:
            problems.append(_("Municipality"))
    bounds = []
    for name, label in (("from", _("From")), ("to", _("To"))):
        raw = _one(form.get(name)).strip()
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
    months = _one(form.get("months")).strip()
    if months:
        try:
            value = int(months)
        except ValueError:
            value = 0
        if 1 <= value <= 120:
            filters["months"] = value
        else:
            problems.append(_("Not verified for (months)"))
    quarter = _one(form.get("quarter")).strip()
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
        self.places = compute.municipality_tokens()
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
                [[state, housing["counts"].get(state, 0)] for state in STATES]
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


class KeyFiguresView(BrowserView):
    """The steering group's dashboard: charts with their tables."""

    def __call__(self):
        filters, problems = parse_filters(self.request.form)
        self.problems = [translate(p, context=self.request) for p in problems]
        self.figures = KeyFigures(self.context, self.request, filters)
        self.filters = filters
        return self.index()

    def municipalities(self):
        return list(self.figures.places.items())

    def quarters(self):
        return demand.quarters()

    def query(self, **extra):
        from urllib.parse import urlencode

        keep = {
            k: v
            for k, v in self.request.form.items()
            if k in ("municipality", "from", "to", "months", "quarter")
        }
        keep.update(extra)
        return urlencode(keep)

    def csv_url(self, figure):
        query = self.query(figure=figure)
        return f"{self.context.absolute_url()}/@@key-figures.csv?{query}"

    def heatmap(self):
        f = self.figures
        matrix = f.data["offers"]["by_category_municipality"]
        rows = list(matrix)
        columns = list(next(iter(matrix.values()), {}).keys())
        return charts.heatmap(
            [f.category(c) for c in rows],
            [f.place(m) for m in columns],
            [[matrix[c][m] for m in columns] for c in rows],
            translate(
                _("Active offers by category and municipality"), context=self.request
            ),
        )

    def language_chart(self):
        f = self.figures
        items = sorted(f.data["offers"]["by_language"].items(), key=lambda i: -i[1])
        return charts.bar_chart(
            [(f.language(k), v) for k, v in items],
            translate(_("Active offers by language"), context=self.request),
        )

    def coverage_chart(self):
        from integrationsportal.browser.cards import language_name

        coverage = self.figures.data["translation_coverage"]
        return charts.bar_chart(
            [
                (language_name(code), v["percent_current"])
                for code, v in coverage.items()
            ],
            translate(_("Translation coverage"), context=self.request),
        )

    def housing_chart(self):
        from integrationsportal.housing.views import state_titles

        titles = state_titles(self.request)
        counts = self.figures.data["housing"]["counts"]
        return charts.bar_chart(
            [(titles[s], counts.get(s, 0)) for s in STATES],
            translate(_("Housing: flats by status"), context=self.request),
        )

    def language_gaps(self):
        """Per category, the languages no active offer of it is held in."""
        f = self.figures
        grouped = {}
        for category, language in f.data["offers"]["language_gaps"]:
            grouped.setdefault(category, []).append(f.language(language))
        return [(f.category(c), ", ".join(names)) for c, names in grouped.items()]

    def municipality_gaps(self):
        """Per category, the municipalities without an active offer of it."""
        f = self.figures
        grouped = {}
        for category, place in f.data["offers"]["gaps"]:
            grouped.setdefault(category, []).append(f.place(place))
        return [(f.category(c), ", ".join(names)) for c, names in grouped.items()]

    def housing_rows(self):
        from integrationsportal.housing.views import state_titles

        titles = state_titles(self.request)
        counts = self.figures.data["housing"]["counts"]
        return [(titles[s], counts.get(s, 0)) for s in STATES]

    def demand_chart(self):
        f = self.figures
        top = [r for r in f.demand_gaps if r["gap"]][:10]
        return charts.bar_chart(
            [
                (
                    f"{f.category(r['category'])} · {f.place(r['municipality'])}",
                    r["gap"],
                )
                for r in top
            ],
            translate(_("Largest gaps: people without a place"), context=self.request),
            label_width=300,
        )


class KeyFiguresCSV(BrowserView):
    """One figure as a CSV file (UTF-8 with BOM, for spreadsheet programs)."""

    def __call__(self):
        filters, problems = parse_filters(self.request.form)
        figure = _one(self.request.form.get("figure"))
        response = self.request.response
        if problems:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return "Unusable parameters: " + ", ".join(
                translate(p, context=self.request) for p in problems
            )
        tables = {
            t[0]: t for t in KeyFigures(self.context, self.request, filters).tables()
        }
        if figure not in tables:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return f"Unknown figure. Known: {', '.join(tables)}"
        _id, _title, header, rows = tables[figure]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{figure}.csv"'
        )
        response.setHeader("Cache-Control", "private, no-store")
        return "\ufeff" + out.getvalue()


class DemandPlanningView(BrowserView):
    """Staff enter, per quarter, how many people look for what and which
    German level they have, per municipality. Numbers only."""

    def __call__(self):
        self.errors = []
        self.values = {}
        form = self.request.form
        known = demand.quarters()
        quarter = _one(form.get("quarter")).strip() or (
            known[-1] if known else demand.quarter_of(date.today())
        )
        if not demand.QUARTER.match(quarter):
            self.errors.append(
                translate(
                    _(
                        "“${value}” is not a quarter like 2026-Q4.",
                        mapping={"value": quarter[:20]},
                    ),
                    context=self.request,
                )
            )
            quarter = demand.quarter_of(date.today())
            self.request.response.setStatus(400)
        self.quarter = quarter
        if self.request.method == "POST" and not self.errors:
            CheckAuthenticator(self.request)
            self.save()
        self.entries = demand.get_demand(self.quarter)
        return self.index()

    def municipalities(self):
        return list(compute.municipality_tokens().items())

    def levels(self):
        titles = vocabulary_titles("integrationsportal.GermanLevels", self.context)
        return [(t, titles.get(t, t)) for t in compute.tokens("german_levels")]

    def categories(self):
        titles = vocabulary_titles("integrationsportal.OfferCategories", self.context)
        return [(t, titles.get(t, t)) for t in compute.tokens("categories")]

    def quarters(self):
        """Quarters with figures, the coming one and the last four."""
        known = set(demand.quarters())
        today = date.today()
        year, number = today.year, (today.month - 1) // 3 + 2
        if number == 5:
            year, number = year + 1, 1
        for _step in range(5):
            known.add(f"{year}-Q{number}")
            year, number = (year - 1, 4) if number == 1 else (year, number - 1)
        return sorted(known, reverse=True)

    def field(self, kind, place, token):
        return f"{kind}.{place}.{token}"

    def value(self, kind, place, token):
        name = self.field(kind, place, token)
        if name in self.values:
            return self.values[name]
        number = self.entries.get(place, {}).get(kind, {}).get(token)
        return str(number) if number else ""

    def save(self):
        entries = {}
        for place, name in self.municipalities():
            for kind, items in (
                ("levels", self.levels()),
                ("categories", self.categories()),
            ):
                for token, title in items:
                    field = self.field(kind, place, token)
                    raw = _one(self.request.form.get(field)).strip()
                    self.values[field] = raw
                    if not raw:
                        continue
                    try:
                        number = int(raw)
                    except ValueError:
                        number = -1
                    if not 0 <= number <= demand.MAX_PEOPLE:
                        self.errors.append(
                            translate(
                                _(
                                    "${municipality}, ${what}: “${value}” is not a "
                                    "number of people (0 to 100000).",
                                    mapping={
                                        "municipality": name,
                                        "what": title,
                                        "value": raw[:20],
                                    },
                                ),
                                context=self.request,
                            )
                        )
                        continue
                    entries.setdefault(place, {"levels": {}, "categories": {}})[kind][
                        token
                    ] = number
        if self.errors:
            self.request.response.setStatus(400)
            return
        demand.set_demand(self.quarter, entries, user=api.user.get_current().getId())
        self.values = {}
        api.portal.show_message(
            _("The demand for ${quarter} is saved.", mapping={"quarter": self.quarter}),
            request=self.request,
        )
