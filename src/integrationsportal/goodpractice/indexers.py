"""Catalog indexers of good-practice examples."""

from integrationsportal.goodpractice.content import IGoodPractice
from integrationsportal.shared.indexing import html_text
from integrationsportal.shared.indexing import joined
from plone.indexer import indexer


@indexer(IGoodPractice)
def good_practice_categories(obj):
    return list(obj.topics or [])


@indexer(IGoodPractice)
def good_practice_searchable_text(obj):
    return joined(
        obj.Title(),
        obj.Description(),
        obj.municipality,
        obj.actors,
        html_text(obj.text),
        obj.success_factors,
        obj.results,
        obj.source,
    )
