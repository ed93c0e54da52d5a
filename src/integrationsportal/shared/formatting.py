"""Formatting for people: language names, vocabulary titles, dates."""

from datetime import date
from datetime import datetime
from plone import api
from plone.i18n.interfaces import ILanguageUtility
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


def vocabulary(name, context=None):
    """A named vocabulary, bound to ``context``."""
    return getUtility(IVocabularyFactory, name)(context)


def vocabulary_titles(name, context=None):
    """{token: title} of a named vocabulary, in the reader's language."""
    return {term.value: term.title for term in vocabulary(name, context)}


def language_name(code, native=True):
    """The name of a language: native ('Deutsch' for 'de') or English."""
    info = getUtility(ILanguageUtility).getAvailableLanguageInformation().get(code)
    return (info or {}).get("native" if native else "name") or code


def months_before(day, months):
    """The same day ``months`` earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def localized_date(day):
    """A date in the portal's local format, or "" for none."""
    if day is None:
        return ""
    return api.portal.get_localized_time(
        datetime=datetime(day.year, day.month, day.day)
    )
