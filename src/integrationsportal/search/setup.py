"""Installing the reader search on a portal: the ``SearchableText`` index
becomes a ``ReaderTextIndex`` and is filled, the glossary gets its default
text. Used by the site profile and by upgrade 1011; both can run again."""

from integrationsportal import logger
from integrationsportal.search.controlpanel import ISearchSettings
from integrationsportal.search.glossary import default_text
from integrationsportal.search.glossary import RECORD
from integrationsportal.search.index import ReaderTextIndex
from plone import api
from plone.registry.interfaces import IRegistry
from Products.ZCatalog.ProgressHandler import ZLogHandler
from zope.component import getUtility
import time


INDEX = "SearchableText"


def install_reader_index(portal, steps=500):
    """Replace the catalog's text index and reindex it, logging progress
    every ``steps`` items. Returns the number of seconds it took, or None if
    the index was in place already."""
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.indexes.get(INDEX)
    if isinstance(index, ReaderTextIndex):
        return None
    started = time.monotonic()
    if index is not None:
        catalog.delIndex(INDEX)
    catalog.addIndex(INDEX, ReaderTextIndex(INDEX))
    total = len(catalog)
    logger.info("Reader search: indexing the text of %d items …", total)
    catalog.reindexIndex(INDEX, None, pghandler=ZLogHandler(steps))
    seconds = time.monotonic() - started
    logger.info("Reader search: %d items indexed in %.1f s.", total, seconds)
    return seconds


def install_glossary(portal):
    """The glossary record, with the default glossary if it is empty."""
    registry = getUtility(IRegistry)
    registry.registerInterface(ISearchSettings, prefix="integrationsportal")
    if not registry.get(RECORD):
        registry[RECORD] = default_text()


def install(portal):
    install_glossary(portal)
    install_reader_index(portal)
