"""@@key-figures.csv: one key figure as a CSV file (UTF-8 with BOM, for
spreadsheet programs)."""

from integrationsportal.keyfigures.figures import KeyFigures
from integrationsportal.keyfigures.filters import parse_filters
from integrationsportal.keyfigures.tables import figure_tables
from integrationsportal.shared.request import last_value
from Products.Five.browser import BrowserView
from zope.i18n import translate
import csv
import io


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
        tables = figure_tables(
            KeyFigures(self.context, self.request, filters), self.request
        )
        if figure not in tables:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return f"Unknown figure. Known: {', '.join(tables)}"
        table = tables[figure]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(table.header)
        writer.writerows(table.rows)
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{figure}.csv"'
        )
        response.setHeader("Cache-Control", "private, no-store")
        return "\ufeff" + out.getvalue()
