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
    new = RECORD not in registry.records
    registry.registerInterface(ISearchSettings, prefix="integrationsportal")
    if new:  # an editor may have emptied it on purpose: that stays
        registry[RECORD] = default_text()


def uninstall(portal, steps=500):
    """Plone's own text index back in place of ours, filled (our class
    must not stay in the catalog once the add-on is gone)."""
    catalog = api.portal.get_tool("portal_catalog")
    if not isinstance(catalog._catalog.indexes.get(INDEX), ReaderTextIndex):
        return
    catalog.delIndex(INDEX)
    catalog.addIndex(INDEX, "ZCTextIndex", _PloneTextIndex())
    logger.info("Reader search removed: Plone's text index is filled again …")
    catalog.reindexIndex(INDEX, None, pghandler=ZLogHandler(steps))


class _PloneTextIndex:
    """The "extra" record of Plone's SearchableText (CMFPlone catalog.xml)."""

    doc_attr = INDEX
    index_type = "Okapi BM25 Rank"
    lexicon_id = "plone_lexicon"


def install(portal):
    install_glossary(portal)
    install_reader_index(portal)
