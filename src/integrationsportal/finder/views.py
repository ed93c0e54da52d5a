"""@@offer-finder and @@offer-finder-guide: the public offer finder."""

from dataclasses import replace
from integrationsportal import _
from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.facets import FLAGS
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import finder_root
from integrationsportal.finder.query import OfferFinder
from integrationsportal.finder.query import PAGE_SIZE
from integrationsportal.places import gazetteer
from integrationsportal.places.geo import to_point
from integrationsportal.places.maps import distance_text
from integrationsportal.places.maps import place_map
from integrationsportal.places.maps import render_map
from integrationsportal.places.maps import static_url
from integrationsportal.search.highlight import word_spans
from integrationsportal.shared.bidi import marked
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.icons import Icons
from integrationsportal.shared.summaries import offer_card
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode


RADII_KM = (5, 10, 25, 50)  # the radius choices of the form (any km is read)


class OfferFinderView(BrowserView):
    """The finder: filters with counts, paged results, a shareable GET URL."""

    card_macros = ViewPageTemplateFile("../shared/cards.pt")
    page_size = PAGE_SIZE

    def __call__(self):
        form = self.request.form
        self.query = FinderQuery.from_form(form, self.context)
        root, language = finder_root(self.context)
        self.language = language
        self.finder = OfferFinder(root, self.query, language=language)
        self.brains, self.total, self.page, self.pages = self.finder.results()
        self.facet_list = self.finder.facets(self.context)
        for facet in self.facet_list:  # place names stay German on any page
            for option in facet["options"]:
                option["title"] = marked(option["title"], language)
        self.titles = {
            facet.name: {
                term.value: term.title for term in vocabulary(facet.vocabulary)
            }
            for facet in FACETS
        }
        self.cards = [self.card(brain) for brain in self.brains]
        self.map_html = self.results_map()
        return self.index()

    @property
    def base_url(self):
        return f"{self.context.absolute_url()}/@@offer-finder"

    def url(self, **changes):
        params = self.query.params(**changes)
        return f"{self.base_url}?{urlencode(params)}" if params else self.base_url

    def state_query(self):
        """This finder state as a query string, without the page number
        (what a reader's report on an empty result is about: feedback/)."""
        return urlencode(self.query.params())

    def feed_url(self, kind):
        """This finder state as an Atom feed ('atom'), a calendar ('ics'), a
        counselling sheet ('sheet', mylist/) or the form of an e-mail alert
        ('alert', alerts/), without the page number."""
        view = {
            "atom": "@@offer-finder.atom",
            "ics": "@@offer-finder.ics",
            "sheet": "@@counselling-sheet.pdf",
            "alert": "@@finder-alert",
        }[kind]
        params = self.query.params()
        base = f"{self.context.absolute_url()}/{view}"
        return f"{base}?{urlencode(params)}" if params else base

    @property
    def first_number(self):
        """The position of this page's first result in the whole list."""
        return (self.page - 1) * PAGE_SIZE + 1

    def page_url(self, page):
        return self.url(page=page)

    def page_numbers(self):
        """Pages to link: first, last and two around the current one."""
        shown = {1, self.pages, *range(self.page - 2, self.page + 3)}
        numbers = sorted(n for n in shown if 1 <= n <= self.pages)
        result, previous = [], 0
        for number in numbers:
            if number - previous > 1:
                result.append(None)
            result.append(number)
            previous = number
        return result

    def facet_kind(self, name):
        facet = next(f for f in FACETS + FLAGS if f.name == name)
        if facet in FLAGS:
            return "flag"
        return "multiple" if facet.multiple else "single"

    def flag_list(self):
        """The yes-or-no filters: [{name, label, selected, count}]."""
        flags = []
        for facet in self.facet_list:
            if self.facet_kind(facet["name"]) != "flag":
                continue
            option = (facet["options"] or [{"selected": False, "count": 0}])[0]
            flags.append(
                {
                    "name": facet["name"],
                    "label": facet["label"],
                    "selected": option["selected"],
                    "count": option["count"],
                }
            )
        return flags

    def facet_open(self, facet):
        return any(option["selected"] for option in facet["options"])

    def active_filters(self):
        """[{'name', 'value', 'remove_url'}] for each chosen value: the
        filter's name, the value in the reader's language (None for a
        yes-or-no filter) and the same search without that value."""
        if getattr(self, "_active", None) is not None:
            return self._active
        active = []
        for facet in FACETS:
            chosen = self.query.selected.get(facet.name, ())
            for token in chosen:
                rest = tuple(t for t in chosen if t != token)
                active.append(
                    {
                        "name": facet.name_of_value,
                        "value": marked(
                            self.titles[facet.name].get(token, token), self.language
                        ),
                        "remove_url": self.url(**{facet.name: rest}),
                    }
                )
        for flag in FLAGS:
            if flag.name in self.query.flags:
                active.append(
                    {
                        "name": flag.label,
                        "value": None,
                        "remove_url": self.url(**{flag.name: False}),
                    }
                )
        if self.query.age is not None:
            active.append(
                {
                    "name": _("Your age"),
                    "value": str(self.query.age),
                    "remove_url": self.url(age=None),
                }
            )
        if self.query.near is not None:
            active.append(
                {
                    "name": _("Near"),
                    "value": marked(self.query.near.name, self.language),
                    "remove_url": self.url(near=None),
                }
            )
        if self.query.radius:
            active.append(
                {
                    "name": _("Distance"),
                    "value": self.radius_text(self.query.radius),
                    "remove_url": self.url(radius=None),
                }
            )
        if self.query.text:
            active.append(
                {
                    "name": _("Search words"),
                    "value": self.query.text,
                    "remove_url": self.url(q=""),
                }
            )
        self._active = active
        return active

    @property
    def filter_summary(self):
        """The disclosure's label: "Filter", or "Filter (3)" with 3 chosen."""
        count = len(self.active_filters())
        if not count:
            return _("label_finder_filters", default="Filter")
        return _("Filter (${count})", mapping={"count": count})

    @property
    def icons(self):
        if getattr(self, "_icons", None) is None:
            self._icons = Icons(self.context, self.request)
        return self._icons

    def card(self, brain):
        """What a result shows, from the brain's metadata only; the words
        the search met are marked. With ``near``, how far it is."""
        distance = ""
        if self.query.near is not None:
            distance = distance_text(
                self.finder.distance(brain),
                getattr(brain, "place_precision", None),
                online=brain.online == "online",
                language=self.language,
            )
        card = offer_card(brain, self.titles, self.language, distance=distance)
        card["point"] = to_point(getattr(brain, "place_point", None) or None)
        outcome = self.finder.outcome
        if outcome is not None and outcome.matched:
            for key in ("title", "description"):
                text = card[key]
                spans = word_spans(text.text, brain.Language, outcome.matched)
                card[key] = replace(text, marks=spans)
        return card

    # near and the map --------------------------------------------------------

    def radius_text(self, km):
        return _("up to ${km} km", mapping={"km": f"{km:g}"})

    def near_options(self):
        """The place choices: {'municipalities': [...], 'postal_codes': [...]},
        each [{value, name, lat, lon, selected}]; the centres let "Use my
        location" choose in the browser."""
        chosen = self.query.near.token if self.query.near is not None else ""

        def options(places):
            return [
                {
                    "value": place.token,
                    "name": place.name,
                    "lat": f"{place.point.lat:.4f}",
                    "lon": f"{place.point.lon:.4f}",
                    "selected": place.token == chosen,
                }
                for place in places.values()
            ]

        return {
            "municipalities": options(gazetteer.municipality_places()),
            "postal_codes": options(gazetteer.postal_code_places()),
        }

    def radius_options(self):
        """[{value, title, selected}] of the radius choice, with one read
        from the address that is not among them."""
        chosen = self.query.radius
        values = sorted({*RADII_KM, *([chosen] if chosen else [])})
        return [
            {
                "value": f"{km:g}",
                "title": self.radius_text(km),
                "selected": km == chosen,
            }
            for km in values
        ]

    def results_map(self):
        """The results of this page on a map, numbered as in the list (""
        when none of them has a place)."""
        points = [
            {
                "number": self.first_number + index,
                "lat": card["point"].lat,
                "lon": card["point"].lon,
                "title": card["title"].text,
                "url": card["url"],
                "distance_text": card["distance"],
            }
            for index, card in enumerate(self.cards)
            if card["point"] is not None
        ]
        near = self.query.near
        last = self.first_number + len(self.cards) - 1
        numbers = {"first": self.first_number, "last": last}
        if near is not None:
            caption = _(
                "Offers ${first} to ${last} of the list near ${place}, with the "
                "numbers of the list. Offers without an address of their own are "
                "shown at the centre of their postal code or municipality.",
                mapping={**numbers, "place": near.name},
            )
        else:
            caption = _(
                "Offers ${first} to ${last} of the list, with the numbers of "
                "the list. Offers without an address of their own are shown at "
                "the centre of their postal code or municipality.",
                mapping=numbers,
            )
        found = place_map(
            points,
            label=_("Map of the district with the offers of this page"),
            caption=caption,
            origin=near,
            radius_km=self.query.radius,
        )
        return render_map(self.context, self.request, found)

    @property
    def places_script_url(self):
        """places.js for "Use my location" on a page without a map (a map
        brings it along)."""
        if self.map_html:
            return ""
        return static_url(api.portal.get().absolute_url(), "places.js")

    def search_notes(self):
        """What the reader should know about how their words were read:
        {'suggestion': (text, url) or None, 'fallback', 'common', 'truncated'}."""
        outcome = self.finder.outcome
        if outcome is None:
            return None
        suggestion = None
        corrected = self.finder.corrected_text()
        if corrected:
            suggestion = {"text": corrected, "url": self.url(q=corrected)}
        notes = {
            "suggestion": suggestion,
            "fallback": outcome.fallback,
            "common": ", ".join(outcome.stopwords) if outcome.empty else "",
            "truncated": outcome.truncated,
        }
        return notes if any(notes.values()) else None

    def counselling(self):
        """Counselling offers to suggest when nothing matches."""
        root, language = finder_root(self.context)
        query = {
            "portal_type": "Offer",
            "categories": "counselling",
            "review_state": "published",
            "offer_status": "active",
            "path": "/".join(root.getPhysicalPath()),
            "sort_on": "sortable_title",
            "sort_limit": 5,
        }
        if language:
            query["Language"] = language
        return [self.card(brain) for brain in api.content.find(**query)[:5]]


class OfferFinderGuideView(BrowserView):
    """Four plain questions that lead to the finder with matching filters."""

    def __call__(self):
        return self.index()

    def finder_url(self):
        return f"{self.context.absolute_url()}/@@offer-finder"

    def options(self, name):
        return list(vocabulary(name, self.context))
