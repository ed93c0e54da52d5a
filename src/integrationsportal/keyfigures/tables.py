"""Every key figure as a table with named parts: the CSV downloads and the
tables beside the dashboard's charts come from here."""

from dataclasses import dataclass
from integrationsportal import _
from integrationsportal.housing.flats import states
from zope.i18n import translate


@dataclass(frozen=True)
class FigureTable:
    id: str  # the CSV file's name and the ``figure`` parameter
    title: str  # translated
    header: list  # the CSV's column names
    rows: list  # lists of cells, in the order of ``header``


def figure_tables(figures, request):
    """{id: FigureTable} of a ``KeyFigures``, in the dashboard's order."""

    def t(msg):
        return translate(msg, context=request)

    d = figures.data
    matrix = d["offers"]["by_category_municipality"]
    housing = d["housing"]
    tables = [
        FigureTable(
            "offers_by_category_municipality",
            t(_("Active offers by category and municipality")),
            ["category", "municipality", "active_offers"],
            [
                [figures.category(c), figures.place(m), n]
                for c, cells in matrix.items()
                for m, n in cells.items()
            ],
        ),
        FigureTable(
            "offers_by_language",
            t(_("Active offers by language")),
            ["language", "active_offers"],
            [
                [figures.language(lang), n]
                for lang, n in d["offers"]["by_language"].items()
            ],
        ),
        FigureTable(
            "gaps",
            t(_("Categories without an active offer, by municipality")),
            ["category", "municipality"],
            [[figures.category(c), figures.place(m)] for c, m in d["offers"]["gaps"]],
        ),
        FigureTable(
            "language_gaps",
            t(_("Categories without an active offer, by language")),
            ["category", "language"],
            [
                [figures.category(c), figures.language(lang)]
                for c, lang in d["offers"]["language_gaps"]
            ],
        ),
        FigureTable(
            "not_verified",
            t(_("Offers not verified")),
            ["title", "url", "municipality", "last_verified"],
            [
                [
                    o["title"],
                    o["url"],
                    figures.place(o["municipality"]),
                    o["last_verified"] or "",
                ]
                for o in d["not_verified"]["offers"]
            ],
        ),
        FigureTable(
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
        FigureTable(
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
        FigureTable(
            "feedback_by_month",
            t(_("Feedback from readers by month")),
            ["month", "helpful_yes", "helpful_no", "helpful_percent", "reports"],
            [
                [
                    month,
                    v["votes_yes"],
                    v["votes_no"],
                    "" if v["helpful_percent"] is None else v["helpful_percent"],
                    v["reports"],
                ]
                for month, v in d["feedback"]["months"].items()
            ],
        ),
        FigureTable(
            "feedback_by_kind_reason_language",
            t(_("Feedback from readers by kind of page, reason and language")),
            ["dimension", "value", "count"],
            [["kind", k, n] for k, n in d["feedback"]["by_kind"].items()]
            + [["reason", k, n] for k, n in d["feedback"]["by_reason"].items()]
            + [["language", k, n] for k, n in d["feedback"]["by_language"].items()],
        ),
        FigureTable(
            "steps_without_responsible",
            t(_("Chain steps nobody is responsible for")),
            ["chain", "step", "url"],
            [
                [s["chain"], s["title"], s["url"]]
                for s in d["steps_without_responsible"]
            ],
        ),
        FigureTable(
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
                    figures.quarter,
                    figures.place(r["municipality"]),
                    figures.category(r["category"]),
                    r["demand"],
                    r["offers"],
                    r["places"],
                    r["gap"],
                ]
                for r in figures.demand_gaps
            ],
        ),
        FigureTable(
            "demand_by_level",
            t(_("Demand and open offers by German level")),
            ["quarter", "german_level", "demand", "open_offers", "places"],
            [
                [
                    figures.quarter,
                    figures.level(r["level"]),
                    r["demand"],
                    r["offers"],
                    r["places"],
                ]
                for r in figures.demand_levels
            ],
        ),
    ]
    return {table.id: table for table in tables}
