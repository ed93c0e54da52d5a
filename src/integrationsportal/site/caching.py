"""plone.app.caching for a portal behind a cache proxy (``make cluster``)."""

from integrationsportal.shared.types import INTERNAL_TYPES
from plone import api
from plone.base.utils import get_installer


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
    api.portal.set_registry_record(prefix + "virtualHosting", False)
