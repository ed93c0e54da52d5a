"""@@housing-offers: the housing team's table of flats, filtered and sorted
by the reader (default view of the housing folder)."""

from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.filters import apply_filters
from integrationsportal.housing.filters import parse_filters
from integrationsportal.housing.flats import flat_rows
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.numbers import euro
from integrationsportal.housing.numbers import number_text
from integrationsportal.permissions import AddHousingOffer
from integrationsportal.places.geo import to_point
from integrationsportal.places.maps import place_map
from integrationsportal.places.maps import render_map
from integrationsportal.shared.municipalities import municipality_names
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


COLUMNS = (
    {"key": "reference", "title": _("Reference")},
    {"key": "municipality", "title": _("Municipality")},
    {"key": "rooms", "title": _("Rooms")},
    {"key": "persons", "title": _("Persons")},
    {"key": "rent", "title": _("Gross cold rent")},
    {"key": "available", "title": _("Free from")},
    {"key": "state", "title": _("Status")},
)


class HousingListingView(BrowserView):
    """The housing team's table of flats (default view of the folder)."""

    columns = COLUMNS

    def __call__(self):
        self.filters, problems = parse_filters(self.request.form)
        self.problems = [translate(p, context=self.request) for p in problems]
        self.limits = kdu.get_limits()
        self.states = state_titles(self.request)
        self.names = municipality_names()
        rows = apply_filters(flat_rows(), self.filters, self.limits)
        for row in rows:
            row["sizes"] = kdu.sizes_within_limit(row, self.limits)
            row["sizes_text"] = ", ".join(str(n) for n in row["sizes"])
            row["rent_text"] = euro(row.get("gross_cold_rent"))
            row["rooms_text"] = number_text(row.get("rooms"))
            row["state_title"] = self.states.get(row["state"], row["state"])
            place = row.get("municipality")
            row["place"] = self.names.get(place, place)
        self.rows = rows
        self.map_html = self.flats_map()
        return self.index()

    def flats_map(self):
        """The listed flats on a map, numbered as in the table, each at the
        centre of its postal code or municipality (``place_point``, never
        the landlord's address)."""
        catalog = api.portal.get_tool("portal_catalog")
        points = {
            brain.getURL(): to_point(brain.place_point or None)
            for brain in catalog.searchResults(
                portal_type="HousingOffer",
                path="/".join(self.context.getPhysicalPath()),
            )
        }
        listed = []
        for number, row in enumerate(self.rows, start=1):
            row["number"] = number
            point = points.get(row["url"])
            if point is not None:
                listed.append(
                    {
                        "number": number,
                        "lat": point.lat,
                        "lon": point.lon,
                        "title": row.get("reference") or "",
                        "url": row["url"],
                    }
                )
        found = place_map(
            listed,
            label=_("Map of the listed flats"),
            caption=_(
                "Each flat is shown at the centre of its postal code or "
                "municipality, never at its address. The numbers are those of "
                "the table."
            ),
        )
        return render_map(self.context, self.request, found)

    def municipalities(self):
        """The filter's choices: [{token, name, selected}]."""
        chosen = self.filters.get("municipality")
        return [
            {"token": token, "name": name, "selected": token == chosen}
            for token, name in self.names.items()
        ]

    def state_options(self):
        """The filter's choices: [{state, title, selected}]."""
        chosen = self.filters.get("state")
        return [
            {"state": state, "title": title, "selected": state == chosen}
            for state, title in self.states.items()
        ]

    def sort_url(self, key):
        form = {
            k: v for k, v in self.request.form.items() if k not in ("sort", "order")
        }
        same = self.filters["sort"] == key and not self.filters["reverse"]
        form.update(sort=key, order="desc" if same else "asc")
        return f"{self.context.absolute_url()}?{urlencode(form, doseq=True)}"

    def aria_sort(self, key):
        if self.filters["sort"] != key:
            return None
        return "descending" if self.filters["reverse"] else "ascending"

    def may_add(self):
        return api.user.has_permission(AddHousingOffer.title, obj=self.context)
