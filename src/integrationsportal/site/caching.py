"""plone.app.caching for the embedded portal (``make start``: browsers keep
static resources) and for a portal behind a cache proxy (``make cluster``)."""

from integrationsportal.light.pagecache import ETAGS as PAGE_ETAGS
from integrationsportal.shared.types import INTERNAL_TYPES
from plone import api
from plone.base.utils import get_installer
from plone.registry import FieldRef
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def setup_caching_proxy(portal, proxy_url):
    """plone.app.caching for a portal behind a cache proxy (make cluster):
    the rule set for a caching proxy, and purging of changed pages at
    ``proxy_url``. Runs again without harm."""

    installer = get_installer(portal)
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:with-caching-proxy")
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", True
    )
    # pages and listings live in the proxy; a change purges the item's own
    # addresses at once, a listing that shows it is at most 10 minutes old
    mapping_record = "plone.caching.interfaces.ICacheSettings.operationMapping"
    mapping = dict(api.portal.get_registry_record(mapping_record))
    for rule in ("plone.content.itemView", "plone.content.folderView"):
        mapping[rule] = "plone.app.caching.moderateCaching"
    mapping[FINDER] = "plone.app.caching.terseCaching"
    api.portal.set_registry_record(mapping_record, mapping)
    api.portal.set_registry_record("plone.app.caching.moderateCaching.smaxage", 600)
    # the finder (plone.content.dynamic): a minute in the proxy
    api.portal.set_registry_record("plone.app.caching.terseCaching.smaxage", 60)
    # every public type is purged when it changes (Plone's default: files,
    # images and news only)
    public_types = tuple(
        sorted(
            fti.getId()
            for fti in api.portal.get_tool("portal_types").listTypeInfo()
            if fti.getId() not in INTERNAL_TYPES
        )
    )
    api.portal.set_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes",
        public_types,
    )
    prefix = "plone.cachepurging.interfaces.ICachePurgingSettings."
    api.portal.set_registry_record(prefix + "enabled", True)
    api.portal.set_registry_record(prefix + "cachingProxies", (proxy_url,))
    # behind the TLS front (deploy/nginx) pages are cached under their
    # VirtualHostMonster addresses: purge those; without one, nothing changes
    api.portal.set_registry_record(prefix + "virtualHosting", True)


# a year: the resources' URLs change with their content (++webresource++)
ONE_YEAR = 31536000
ONE_DAY = 86400
FINDER = "integrationsportal.finder"
EMBEDDED_RULES = {
    "plone.stableResource": "plone.app.caching.strongCaching",
    "plone.resource": "plone.app.caching.strongCaching",
    "plone.content.itemView": "plone.app.caching.weakCaching",
    "plone.content.folderView": "plone.app.caching.weakCaching",
    FINDER: "plone.app.caching.weakCaching",
}
EMBEDDED_OPTIONS = {
    "plone.app.caching.strongCaching.plone.stableResource.maxage": ONE_YEAR,
    "plone.app.caching.strongCaching.plone.resource.maxage": ONE_DAY,
    **{
        f"plone.app.caching.weakCaching.{ruleset}.{option}": value
        for ruleset in ("plone.content.itemView", "plone.content.folderView", FINDER)
        for option, value in (("ramCache", True), ("etags", PAGE_ETAGS))
    },
}


def setup_embedded_caching(portal):
    """plone.app.caching for the embedded portal (``make start``, no proxy):

    - browsers keep the versioned resources (``++webresource++`` URLs, the
      ``plone.stableResource`` rule set) for a year and other static
      resources for a day, so a repeat visit downloads only the page;
    - the pages of anonymous readers (items, folders, the finder) are kept
      in RAM, found by their address and an ETag that changes with any
      content change, the hour and the reader's language
      (``light/pagecache.py``); browsers revalidate them at once.

    Turns plone.app.caching on (Plone installs it switched off) and adds
    only what is missing: rule sets an administrator mapped and options they
    set stay. A portal behind a cache proxy (``setup_caching_proxy``, a
    proxy to purge) keeps the proxy's rules; its finder gets the proxy's rule
    for dynamic pages."""

    installer = get_installer(portal)
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    # Plone installs plone.app.caching switched off
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", True
    )
    mapping_record = "plone.caching.interfaces.ICacheSettings.operationMapping"
    mapping = dict(api.portal.get_registry_record(mapping_record) or {})
    if behind_cache_proxy():
        mapping.setdefault(FINDER, "plone.app.caching.terseCaching")
        api.portal.set_registry_record(mapping_record, mapping)
        return
    for ruleset, operation in EMBEDDED_RULES.items():
        mapping.setdefault(ruleset, operation)
    api.portal.set_registry_record(mapping_record, mapping)
    for name, value in EMBEDDED_OPTIONS.items():
        add_rule_option(name, value)


def behind_cache_proxy():
    """Whether a cache proxy is set to be purged (``setup_caching_proxy``)."""
    return bool(
        api.portal.get_registry_record(
            "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
            default=(),
        )
    )


def add_rule_option(name, value):
    """Add ``operation.ruleset.option``, a rule set's own value of an
    operation's option, as the control panel does, unless it is there."""
    registry = getUtility(IRegistry)
    if name in registry.records:
        return
    parts = name.split(".")
    generic = ".".join(parts[:4] + parts[-1:])  # the operation's own option
    registry.records[name] = Record(
        FieldRef(generic, registry.records[generic].field), value
    )
