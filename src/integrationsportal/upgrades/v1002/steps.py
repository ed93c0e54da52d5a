"""Upgrade steps to profile version 1002."""

from integrationsportal import logger
from integrationsportal.vocabularies import editable
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
import re


PROFILE = "profile-integrationsportal:default"
OLD_PREFIX = "integrationsportal.vocabulary."


def parse_entry(entry):
    """'token|Deutsch|English|ar=…' -> (token, {'de': …, 'en': …, 'ar': …}),
    as the vocabularies read the pipe format up to version 1001. Empty
    titles are left out: they never showed."""
    parts = [part.strip() for part in entry.split("|")]
    token = parts[0]
    titles = {}
    if len(parts) > 1 and parts[1]:
        titles["de"] = parts[1]
    if len(parts) > 2 and parts[2] and "=" not in parts[2]:
        titles["en"] = parts[2]
    for part in parts[2:]:
        if "=" in part:
            language, _sep, title = part.partition("=")
            language = language.strip().lower().replace("_", "-")
            if title.strip():
                titles[language] = title.strip()
    return token, titles


def terms_from_entries(name, entries):
    """The JSON terms of a pipe-format record. Entries the old vocabulary
    skipped (no token, a repeated token) are skipped here too; anything the
    new format cannot hold stops the upgrade with the entry named, so that
    nothing is lost silently."""
    terms = []
    seen = set()
    for entry in entries or []:
        token, titles = parse_entry(entry)
        if not token or token in seen:
            continue
        seen.add(token)
        problems = []
        if not re.match(editable.TOKEN_PATTERN, token):
            problems.append("the token may hold only letters, digits, '-', '_', '.'")
        if not titles.get("de"):
            titles["de"] = titles.get("en") or token
        for language in titles:
            if not re.match(editable.LANGUAGE_PATTERN, language):
                problems.append(f"'{language}' is not a language code")
        if problems:
            raise ValueError(
                f"{OLD_PREFIX}{name}: cannot convert '{entry}': "
                + "; ".join(problems)
                + ". Correct it in the configuration registry and upgrade again."
            )
        terms.append({"token": token, "title": titles})
    return terms


def vocabularies_as_json(context):
    """Convert every ``integrationsportal.vocabulary.<name>`` record (lines
    ``token|Deutsch|English|ar=…``) into the JSON record
    ``integrationsportal.vocabularies.<name>``, keeping every title, and
    remove the old records. Adds the control panel "Vocabularies"."""
    registry = getUtility(IRegistry)
    converted = {}
    for name in editable.NAMES:
        old = OLD_PREFIX + name
        if old in registry.records:
            converted[name] = terms_from_entries(name, registry.records[old].value)
    setup = api.portal.get_tool("portal_setup")
    # creates the JSON records with the defaults, then the district's own
    setup.runImportStepFromProfile(
        PROFILE, "plone.app.registry", run_dependencies=False
    )
    setup.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
    for name, terms in converted.items():
        editable.set_terms(name, terms)
    for name in editable.NAMES:
        old = OLD_PREFIX + name
        if old in registry.records:
            del registry.records[old]
    logger.info("Upgrade 1002: %d vocabularies converted to JSON.", len(converted))
