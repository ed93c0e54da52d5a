"""GET @key-figures: the steering group's figures as JSON (staff only).

Parameters as on the page @@key-figures: municipality (token), from and to
(ISO dates), months, quarter (2026-Q4). Answers 400 with the problems when a
parameter cannot be used.
"""

from integrationsportal.keyfigures.figures import KeyFigures
from integrationsportal.keyfigures.filters import parse_filters
from plone.restapi.services import Service
from zope.i18n import translate


class KeyFiguresGet(Service):
    def reply(self):
        filters, problems = parse_filters(self.request.form)
        if problems:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "BadRequest",
                    "message": "Some parameters cannot be used.",
                    "problems": [translate(p, context=self.request) for p in problems],
                }
            }
        figures = KeyFigures(self.context, self.request, filters)
        result = dict(figures.data)
        result["@id"] = f"{self.context.absolute_url()}/@key-figures"
        result["demand"] = {
            "quarter": figures.quarter,
            "gaps": figures.demand_gaps,
            "by_level": figures.demand_levels,
        }
        return result
