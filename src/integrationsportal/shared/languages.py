"""The languages the portal is written and translated in: the one list.

The site profile may offer any subset of these; the message catalogues
(``locales/``), the Makefile's ``i18n`` target, the vocabularies' title
columns and the writing direction all take their languages from here. Adding
a language means adding it here and running ``make i18n``. The site-creation
form's JSON schema (``site/distributions/integrationsportal/schema.json``,
static as plone.distribution reads it) lists them too; a test holds it to this
list.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    native: str  # the language's own name, for the switcher and forms
    direction: str = "ltr"  # "rtl" for right-to-left scripts
    script: str = "Latn"  # ISO 15924: words in another script stand out
    separator: str = ", "  # between the items of a list


SUPPORTED_LANGUAGES = (
    Language("de", "Deutsch"),
    Language("en", "English"),
    Language("ar", "العربية", "rtl", "Arab", "، "),
    Language("fa", "فارسی", "rtl", "Arab", "، "),
    Language("uk", "Українська", "ltr", "Cyrl"),
    Language("tr", "Türkçe"),
)

SUPPORTED_CODES = tuple(language.code for language in SUPPORTED_LANGUAGES)

# The source language of every text: offers are written in it first.
SOURCE_LANGUAGE = "de"


def language(code):
    """The ``Language`` for ``code`` (``None`` if the portal does not support it)."""
    code = (code or "").lower().replace("_", "-").split("-")[0]
    for candidate in SUPPORTED_LANGUAGES:
        if candidate.code == code:
            return candidate
    return None


# Further languages written right to left (ISO 639-1/-3 codes) that the
# portal is not translated into but that offer texts and pages may be written
# in (Pashto, Urdu, Kurdish …).
OTHER_RIGHT_TO_LEFT = frozenset(
    {"he", "ps", "ur", "ckb", "dv", "yi", "sd", "ug", "prs", "pnb"}
)


def direction(code):
    """ "rtl" or "ltr" for a language code (with or without a region)."""
    supported = language(code)
    if supported is not None:
        return supported.direction
    code = (code or "").lower().replace("_", "-").split("-")[0]
    return "rtl" if code in OTHER_RIGHT_TO_LEFT else "ltr"


def root_languages(portal):
    """Codes of the site's available languages that have a language root,
    in the site's order, the default language first."""
    from plone import api

    default = api.portal.get_registry_record("plone.default_language")
    codes = api.portal.get_registry_record("plone.available_languages") or []
    ordered = [default, *(code for code in codes if code != default)]
    return [
        code
        for code in ordered
        if code in portal.objectIds() and language(code) is not None
    ]


if __name__ == "__main__":  # the Makefile's i18n target reads the list from here
    print(" ".join(SUPPORTED_CODES))
