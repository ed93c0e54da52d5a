"""@@housing-figures: counts of flats per status and municipality, and the
median days from offer to placement."""

from integrationsportal.housing.figures import housing_figures
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.numbers import number_text
from integrationsportal.shared.municipalities import municipality_names
from Products.Five.browser import BrowserView


class HousingFiguresView(BrowserView):
    """Counts per state and the median days from offer to placement."""

    def __call__(self):
        self.figures = housing_figures()
        self.states = state_titles(self.request)
        self.names = municipality_names()
        return self.index()

    def state_rows(self):
        """[{state, title, count}] in the workflow's order."""
        counts = self.figures["counts"]
        return [
            {"state": state, "title": title, "count": counts.get(state, 0)}
            for state, title in self.states.items()
        ]

    def state_headings(self):
        return list(self.states.values())

    def municipality_rows(self):
        """[{name, counts}]: the counts in the order of ``state_headings``."""
        return [
            {
                "name": self.names.get(token, token),
                "counts": [counts.get(state, 0) for state in self.states],
            }
            for token, counts in self.figures["by_municipality"].items()
        ]

    def median_text(self):
        median = self.figures["median_days_to_placement"]
        return number_text(median) if median is not None else None
