"""GET @offer-finder: the offer finder as JSON.

Same parameters as the page @@offer-finder (see integrationsportal.finder.parameters):
category, target_group, language, municipality (repeatable), residence_status,
german_level, age, free, barrier_free, q, near, radius, page. With ``near``
each item carries ``distance_km`` (None for an offer without a place) and
the items are in the order of distance. Answers 400 with the list of
problems when a parameter cannot be used.
"""

from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.items import offer_item
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import finder_root
from integrationsportal.finder.query import OfferFinder
from integrationsportal.finder.query import PAGE_SIZE
from integrationsportal.shared.formatting import vocabulary
from plone.restapi.services import Service
from urllib.parse import urlencode
from zope.i18n import translate


class OfferFinderGet(Service):
    def reply(self):
        query = FinderQuery.from_form(self.request.form, self.context)
        if query.problems:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "BadRequest",
                    "message": "Some parameters cannot be used.",
                    "problems": query.problems,
                }
            }
        root, language = finder_root(self.context)
        finder = OfferFinder(root, query, language=language)
        brains, total, page, pages = finder.results()
        titles = {
            facet.name: {
                term.value: term.title for term in vocabulary(facet.vocabulary)
            }
            for facet in FACETS
        }
        base = f"{self.context.absolute_url()}/@offer-finder"
        result = {
            "@id": self._url(base, query.params(page=page)),
            "language": language,
            "items_total": total,
            "page": page,
            "pages": pages,
            "page_size": PAGE_SIZE,
            "query": {name: list(values) for name, values in query.selected.items()}
            | dict.fromkeys(query.flags, True)
            | ({"age": query.age} if query.age is not None else {})
            | ({"q": query.text} if query.text else {})
            | ({"near": query.near.token} if query.near is not None else {})
            | ({"radius": query.radius} if query.radius else {}),
            "items": [self._item(finder, brain, titles) for brain in brains],
            **self._search_notes(finder),
            "facets": [
                {
                    "name": facet["name"],
                    "title": translate(facet["label"], context=self.request),
                    "options": [
                        dict(
                            option,
                            title=translate(option["title"], context=self.request),
                        )
                        for option in facet["options"]
                    ],
                }
                for facet in finder.facets(self.context)
            ],
        }
        if page < pages:
            result["next"] = self._url(base, query.params(page=page + 1))
        if page > 1:
            result["previous"] = self._url(base, query.params(page=page - 1))
        return result

    @staticmethod
    def _item(finder, brain, titles):
        item = offer_item(brain, titles)
        if finder.query.near is not None:
            km = finder.distance(brain)
            item["distance_km"] = round(km, 1) if km is not None else None
        return item

    @staticmethod
    def _search_notes(finder):
        """How the words were read: a corrected query to offer, whether the
        results have only some of the words, the words left out as too
        common."""
        outcome = finder.outcome
        if outcome is None:
            return {}
        notes = {}
        if outcome.corrections:
            notes["did_you_mean"] = finder.corrected_text()
        if outcome.fallback:
            notes["some_words_only"] = True
        if outcome.empty and outcome.stopwords:
            notes["ignored_words"] = list(outcome.stopwords)
        return {"search": notes} if notes else {}

    @staticmethod
    def _url(base, params):
        return f"{base}?{urlencode(params)}" if params else base
