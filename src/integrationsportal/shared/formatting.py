"""Formatting for people: language names, vocabulary titles, dates."""

from datetime import date
from datetime import datetime
from integrationsportal.shared import languages
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


def other_language(code, page_language):
    """How an item in another language than the page's is marked:
    {'code', 'name' (its own name), 'dir'}; None for the page's language."""
    if not code or not page_language or code == page_language:
        return None
    supported = languages.language(code)
    return {
        "code": code,
        "name": language_name(code),
        "dir": supported.direction if supported is not None else "ltr",
    }


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
