"""@@key-figures: the steering group's dashboard, charts with the numbers
beside them as tables."""

from integrationsportal import _
from integrationsportal.accessibility.direction import direction
from integrationsportal.feedback.content import KIND_TITLES
from integrationsportal.feedback.content import REASONS
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.flats import states
from integrationsportal.keyfigures import charts
from integrationsportal.keyfigures import demand
from integrationsportal.keyfigures.figures import KeyFigures
from integrationsportal.keyfigures.filters import parse_filters
from integrationsportal.keyfigures.tables import figure_tables
from integrationsportal.shared.formatting import language_name
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


NOT_VERIFIED_SHOWN = 15


class KeyFiguresView(BrowserView):
    """The steering group's dashboard: charts with their tables."""

    def __call__(self):
        filters, problems = parse_filters(self.request.form)
        self.problems = [translate(p, context=self.request) for p in problems]
        self.figures = KeyFigures(self.context, self.request, filters)
        self.filters = filters
        self.tables = figure_tables(self.figures, self.request)
        return self.index()

    def municipalities(self):
        """The filter's choices: [{token, name, selected}]."""
        chosen = self.filters["municipality"]
        return [
            {"token": token, "name": name, "selected": token == chosen}
            for token, name in self.figures.places.items()
        ]

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

    # tables --------------------------------------------------------------

    def category_matrix(self):
        """Active offers by category and municipality: {columns: [place],
        rows: [{category, counts}]}, counts in the order of the columns."""
        f = self.figures
        matrix = f.data["offers"]["by_category_municipality"]
        columns = list(next(iter(matrix.values()), {}).keys())
        return {
            "columns": [f.place(m) for m in columns],
            "rows": [
                {
                    "category": f.category(c),
                    "counts": [matrix[c][m] for m in columns],
                }
                for c in matrix
            ],
        }

    def language_rows(self):
        """[{language, count}]: active offers held in each language."""
        f = self.figures
        return [
            {"language": f.language(code), "count": count}
            for code, count in f.data["offers"]["by_language"].items()
        ]

    def coverage_rows(self):
        """[{language, current, outdated, missing, percent_current}]."""
        return [
            {"language": code} | numbers
            for code, numbers in self.figures.data["translation_coverage"].items()
        ]

    def housing_rows(self):
        """[{title, count}]: flats per status, in the workflow's order."""
        titles = state_titles(self.request)
        counts = self.figures.data["housing"]["counts"]
        return [{"title": titles[s], "count": counts.get(s, 0)} for s in states()]

    def feedback_rows(self):
        """[{month, yes, no, percent, reports}] of the readers' feedback."""
        return [
            {
                "month": month,
                "yes": v["votes_yes"],
                "no": v["votes_no"],
                "percent": "–"
                if v["helpful_percent"] is None
                else v["helpful_percent"],
                "reports": v["reports"],
            }
            for month, v in self.figures.data["feedback"]["months"].items()
        ]

    def feedback_parts(self):
        """[{title, rows: [{title, count}]}]: reports and votes per kind of
        page and language, reports per reason."""
        d = self.figures.data["feedback"]
        return [
            {
                "title": _("By kind of page"),
                "rows": [
                    {"title": KIND_TITLES.get(k, k), "count": n}
                    for k, n in d["by_kind"].items()
                ],
            },
            {
                "title": _("By reason"),
                "rows": [
                    {"title": REASONS.get(k, k), "count": n}
                    for k, n in d["by_reason"].items()
                ],
            },
            {
                "title": _("By language"),
                "rows": [
                    {"title": self.figures.language(k) if k else "–", "count": n}
                    for k, n in d["by_language"].items()
                ],
            },
        ]

    def _gaps_by_category(self, pairs, name_of):
        """(category, token) pairs grouped by category: [{category, names}]."""
        grouped = {}
        for category, token in pairs:
            grouped.setdefault(category, []).append(name_of(token))
        return [
            {"category": self.figures.category(c), "names": ", ".join(names)}
            for c, names in grouped.items()
        ]

    def language_gaps(self):
        """Per category, the languages no active offer of it is held in."""
        f = self.figures
        return self._gaps_by_category(f.data["offers"]["language_gaps"], f.language)

    def municipality_gaps(self):
        """Per category, the municipalities without an active offer of it."""
        f = self.figures
        return self._gaps_by_category(f.data["offers"]["gaps"], f.place)

    def demand_gap_rows(self):
        """The demand per municipality and category against the supply,
        with the municipality's and the category's titles."""
        f = self.figures
        return [
            dict(
                row,
                municipality=f.place(row["municipality"]),
                category=f.category(row["category"]),
            )
            for row in f.demand_gaps
        ]

    def demand_level_rows(self):
        """The demand per German level, with the level's title."""
        f = self.figures
        return [dict(row, level=f.level(row["level"])) for row in f.demand_levels]

    def not_verified_offers(self):
        """The first offers not verified for too long (the CSV has all)."""
        return self.figures.data["not_verified"]["offers"][:NOT_VERIFIED_SHOWN]

    # charts --------------------------------------------------------------

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
            rtl=direction(api.portal.get_current_language(self.context)) == "rtl",
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
        return charts.bar_chart(
            [(row["title"], row["count"]) for row in self.housing_rows()],
            translate(_("Housing: flats by status"), context=self.request),
        )

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
