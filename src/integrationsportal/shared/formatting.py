"""Formatting for people: language names, vocabulary titles, dates."""

from babel.core import UnknownLocaleError
from babel.dates import format_date
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


def localized_date(day, language=None):
    """A date (or the day of a datetime), "" for none.

    With the page's ``language``: in that language's long format from the
    Unicode CLDR ("5 مارس 2026", "5 березня 2026 р.", "5. März 2026"), the
    month named, so the order of day and month is never in doubt. Digits
    are Latin in every language, as CLDR has them for Arabic and as on phone
    numbers, letters and forms in Germany (CLDR's default for Farsi would be
    Persian digits). Without a language: the portal's local format."""
    if not day:
        return ""
    if hasattr(day, "asdatetime"):  # Zope's DateTime
        day = day.asdatetime()
    if isinstance(day, datetime):
        day = day.date()
    if language:
        try:
            return format_date(day, format="long", locale=language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            pass
    return api.portal.get_localized_time(
        datetime=datetime(day.year, day.month, day.day)
    )
