"""Catalog indexes of the readers' reports: the inbox filters by them and
each page counts its open reports without waking a report."""

from integrationsportal.feedback.content import IFeedback
from plone.indexer import indexer


@indexer(IFeedback)
def feedback_target(obj):
    return obj.target_uid or None


@indexer(IFeedback)
def feedback_kind(obj):
    return obj.kind or None


@indexer(IFeedback)
def feedback_reason(obj):
    return obj.reason or None


@indexer(IFeedback)
def feedback_language(obj):
    return obj.reader_language or None


@indexer(IFeedback)
def feedback_section(obj):
    return obj.section or None


@indexer(IFeedback)
def feedback_helpful(obj):
    return {True: "yes", False: "no"}.get(obj.helpful)
