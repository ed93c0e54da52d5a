"""Upgrade steps to profile version 1001."""

from integrationsportal import logger
from integrationsportal import translation
from integrationsportal.hardening import errorlog
from plone import api


PROFILE = "profile-integrationsportal:default"


def field_security(context):
    """The local adapters that hide protected fields from marshalling and
    image metadata, and WebDAV access for Managers and Site Administrators
    only."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "componentregistry")
    setup.runImportStepFromProfile(PROFILE, "rolemap")
    logger.info("Upgrade 1001: protected fields hidden from marshalling.")


def related_items(context):
    """Offers, organisations, contacts, good practice and chains get the
    related-items behavior (the field and the viewlet under the content)."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "typeinfo")
    logger.info("Upgrade 1001: related items on the public types.")


def translation_fingerprints(context):
    """Originals remember the fingerprint of their text, and translations
    that are current remember it too, so that a save that changes nothing
    no longer outdates them. Outdated translations stay outdated."""
    catalog = api.portal.get_tool("portal_catalog")
    default = translation.default_language()
    migrated = 0
    for brain in catalog.unrestrictedSearchResults(Language=default):
        original = brain._unrestrictedGetObject()
        translations = translation.translations_of(original)
        if not translations:
            continue
        for item in translations.values():
            if translation.status(item, original) == translation.CURRENT:
                translation.remember_source(item, original)
                migrated += 1
        translation.made_from(original)
    logger.info("Upgrade 1001: %d current translations keep their state.", migrated)


def quiet_error_log(context):
    """The error log leaves out requests refused as the reader's mistake."""
    errorlog.ignore_client_errors(api.portal.get())
    logger.info("Upgrade 1001: the error log leaves out refused requests.")
