"""``@@key-figures`` (the steering group's dashboard), its CSV downloads and
``@@demand-planning`` (staff enter aggregated demand per quarter)."""

from datetime import date
from integrationsportal import _
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.flats import states
from integrationsportal.keyfigures import charts
from integrationsportal.keyfigures import compute
from integrationsportal.keyfigures import demand
from integrationsportal.keyfigures.figures import KeyFigures
from integrationsportal.keyfigures.figures import parse_filters
from integrationsportal.shared.formatting import language_name
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.municipalities import municipalities
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate
import csv
import io


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

        coverage = self.figures.data["translation_coverage"]
        return charts.bar_chart(
            [
                (language_name(code), v["percent_current"])
                for code, v in coverage.items()
            ],
            translate(_("Translation coverage"), context=self.request),
        )

    def housing_chart(self):
        titles = state_titles(self.request)
        counts = self.figures.data["housing"]["counts"]
        return charts.bar_chart(
            [(titles[s], counts.get(s, 0)) for s in states()],
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
        titles = state_titles(self.request)
        counts = self.figures.data["housing"]["counts"]
        return [(titles[s], counts.get(s, 0)) for s in states()]

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
        figure = last_value(self.request.form.get("figure"))
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
        quarter = last_value(form.get("quarter")).strip() or (
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
        return municipalities()

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
                    raw = last_value(self.request.form.get(field)).strip()
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
