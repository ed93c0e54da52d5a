"""Repeated failed logins lock the login for a while.

A PAS plugin, first among the authentication plugins: after MAX_FAILURES
failed attempts for one login within WINDOW seconds, it empties the
credentials of every further attempt for that login until the oldest failure
is older than WINDOW, so even the right password does not get in. It never
authenticates anybody itself. A failure is an attempt with a login and a
password that no other authentication plugin accepts (checked once a
request). The counts live in the memory of each instance; nothing is
written to the database on a failed login.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer
import logging
import threading
import time


logger = logging.getLogger("integrationsportal.login")
PLUGIN_ID = "integrationsportal_login_throttle"
MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds
COUNTED = "integrationsportal.login_failure_counted"

_failures = {}
_lock = threading.Lock()


def _recent(key, now):
    return [t for t in _failures.get(key, ()) if now - t < WINDOW]


def is_locked(key, now=None):
    now = now or time.time()
    with _lock:
        return len(_recent(key, now)) >= MAX_FAILURES


def record_failure(key, now=None):
    now = now or time.time()
    with _lock:
        recent = _recent(key, now)
        recent.append(now)
        _failures[key] = recent
        if len(recent) == MAX_FAILURES:
            logger.warning("Login %r locked for %d minutes", key[1], WINDOW // 60)


def reset(key=None):
    with _lock:
        if key is None:
            _failures.clear()
        else:
            _failures.pop(key, None)


@implementer(IAuthenticationPlugin)
class LoginThrottle(BasePlugin):
    meta_type = "Integrationsportal Login Throttle"
    security = ClassSecurityInfo()

    def __init__(self, id=PLUGIN_ID, title="Locks a login after failed attempts"):
        self._setId(id)
        self.title = title

    def _key(self, login):
        return ("/".join(self.getPhysicalPath()), (login or "").strip().lower())

    @security.private
    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        if not login or credentials.get("password") is None:
            return None
        request = getattr(self, "REQUEST", None)
        key = self._key(login)
        if is_locked(key):
            credentials.clear()  # nobody after us gets to check them
            if request is not None:
                request.set("integrationsportal.login_locked", True)
            return None
        # a wrong password counts once a request, whoever checks it later
        if request is None or not request.get(COUNTED):
            if request is not None:
                request.set(COUNTED, True)
            if not self._valid(credentials):
                record_failure(key)
        return None

    def _valid(self, credentials):
        """Whether another authentication plugin accepts the credentials."""
        plugins = self._getPAS().plugins
        for plugin_id, plugin in plugins.listPlugins(IAuthenticationPlugin):
            if plugin_id == self.getId():
                continue
            try:
                if plugin.authenticateCredentials(dict(credentials)):
                    return True
            except Exception:  # a broken plugin is no reason to lock anybody
                logger.exception("Authentication plugin %s failed", plugin_id)
        return False


InitializeClass(LoginThrottle)


def install(portal):
    """Add the plugin to the portal's PAS, first for authentication."""
    pas = portal.acl_users
    if PLUGIN_ID not in pas.objectIds():
        pas._setObject(PLUGIN_ID, LoginThrottle())
    plugin = pas[PLUGIN_ID]
    plugin.manage_activateInterfaces(["IAuthenticationPlugin"])
    registry = pas.plugins
    while registry.listPluginIds(IAuthenticationPlugin).index(PLUGIN_ID) > 0:
        registry.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])


def uninstall(portal):
    pas = portal.acl_users
    if PLUGIN_ID in pas.objectIds():
        pas._delObject(PLUGIN_ID)
