"""The key figures for one set of filters: computed once and titled for
people. Used by the dashboard, its CSV downloads and the REST service."""

from integrationsportal.keyfigures import compute
from integrationsportal.keyfigures import demand
from integrationsportal.keyfigures import sources
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.municipalities import municipality_names


class KeyFigures:
    """The figures for one set of filters, with titles for people."""

    def __init__(self, context, request, filters):
        self.context = context
        self.request = request
        self.filters = filters
        all_offers = sources.offer_rows()  # one catalog pass for every figure
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
        levels = sources.tokens("german_levels")
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
