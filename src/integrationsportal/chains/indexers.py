"""Catalog indexers of process chains and their steps."""

from integrationsportal.chains.content import IProcessChain
from integrationsportal.chains.content import IProcessStep
from integrationsportal.shared.indexing import html_text
from integrationsportal.shared.indexing import joined
from integrationsportal.shared.indexing import to_object
from integrationsportal.shared.indexing import uid_of
from plone.indexer import indexer


def _uids(relations):
    return [uid for uid in (uid_of(to_object(r)) for r in relations or []) if uid]


@indexer(IProcessStep)
def step_responsible_uids(obj):
    """Organisations and contact persons responsible for the step."""
    return _uids(obj.responsible_organisations) + _uids(obj.contacts)


@indexer(IProcessStep)
def step_related_offer_uids(obj):
    return _uids(obj.related_offers)


@indexer(IProcessStep)
def step_searchable_text(obj):
    return joined(
        obj.Title(),
        obj.Description(),
        html_text(obj.text),
        obj.prerequisites,
        obj.branches,
        obj.duration,
    )


@indexer(IProcessChain)
def chain_searchable_text(obj):
    return joined(obj.Title(), obj.Description(), html_text(obj.text), obj.region)


@indexer(IProcessChain)
def chain_categories(obj):
    return [obj.goal] if obj.goal else []
