"""@@demand-planning: staff enter, per quarter and municipality, how many
people look for what and which German level they have. Numbers only."""

from datetime import date
from integrationsportal import _
from integrationsportal.keyfigures import demand
from integrationsportal.keyfigures import sources
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.municipalities import municipalities
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


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
        return [(t, titles.get(t, t)) for t in sources.tokens("german_levels")]

    def categories(self):
        titles = vocabulary_titles("integrationsportal.OfferCategories", self.context)
        return [(t, titles.get(t, t)) for t in sources.tokens("categories")]

    def kinds(self):
        """What is counted: (kind, [(token, title)]), German levels first."""
        return (("levels", self.levels()), ("categories", self.categories()))

    def tables(self):
        """The input tables, one per kind: [{kind, headings, rows}], each row
        {name, cells}, each cell {field, value, label}."""
        places = self.municipalities()
        return [
            {
                "kind": kind,
                "headings": [title for _token, title in items],
                "rows": [
                    {
                        "name": name,
                        "cells": [
                            {
                                "field": self.field(kind, place, token),
                                "value": self.value(kind, place, token),
                                "label": f"{name}, {title}",
                            }
                            for token, title in items
                        ],
                    }
                    for place, name in places
                ],
            }
            for kind, items in self.kinds()
        ]

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
            for kind, items in self.kinds():
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
