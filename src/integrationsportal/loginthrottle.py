"""Repeated failed logins lock the login for a while, on every instance and
across restarts.

After MAX_FAILURES failed attempts for one login within WINDOW seconds at a
portal with this add-on, every further attempt with that login is refused
until the oldest of those failures is older than WINDOW, so even the right
password does not get in. A failure is an attempt with a login and a password
that neither the portal's PAS nor any user folder above it (the Zope root's,
where the instance's admin lives) accepts; it is counted once a request,
whatever the answer to the request is. A right password without the
permission for the page is no failure. Sessions that logged in before the
lock are not ended by it.

Three guards, all bound to sites with the add-on:

- ``LoginThrottle``, a PAS plugin first among the portal's authenticators
  (setuphandlers). It never authenticates anybody: it counts failures and
  empties the credentials of a locked login, so no plugin after it checks
  them.
- ``refuse_locked_login``, after traversal on requests with the add-on's
  browser layer (registered in login/configure.zcml): a user from a user
  folder above the portal (which the PAS plugin cannot stop) whose login is
  locked is refused with Unauthorized on every portal address (basic
  authentication, the login form), and the browser's login cookie is ended.
- the REST API's ``@login`` for the layer (login/rest.py), which asks the
  root's user folder directly for root users: it refuses locked logins and
  counts the failures the plugin did not see.

Where the counts live: in the ZODB, in the database's root mapping under
STORE, one record per (portal path, login). The ZODB is the one store that
every instance shares and that outlives a restart in both set-ups without a
further server: the embedded portal's FileStorage and the cluster's
RelStorage on PostgreSQL. (Redis is not part of the default portal, so it
cannot be the store.) A failed login usually ends in Unauthorized, which
aborts the request's transaction; failures are therefore written in a
transaction of their own, on a separate connection with its own transaction
manager. Two instances counting the same login at once do not lose a count:
a record merges concurrent additions (``_p_resolveConflict``), and the rest
(a new record in the same BTree bucket, the first write of the store) is
retried. Reading a lock goes through the request's own connection, so a
request that carries no password costs nothing and a login with a password
costs one BTree lookup. Records older than WINDOW are swept once a WINDOW,
on the next failure; packing the database reclaims their space.

Why not Products.LoginLockout 0.5.0 (it installs with our pins): it keeps its
counts in the ZODB too, but writes them in the request's own transaction (in
``createAnonymousUser``), so every failure answered with 401 (basic
authentication, the REST API) is rolled back and never counted; it only
counts what the site's PAS sees and answers anonymous for, so users of the
Zope root's user folder are not refused (and their right passwords count as
failures); it monkey-patches PAS process-wide (collective.monkeypatcher),
stores a hash of each wrong password, pulls in the Python 2 backport
``ipaddress`` and declares Plone up to 6.0 only.

This module's path is part of the stored data (the plugin's class), so it
stays where it is.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from AccessControl.SpecialUsers import nobody
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from integrationsportal.interfaces import IIntegrationsportalLayer
from persistent import Persistent
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zExceptions import Unauthorized
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.interface import implementer
import logging
import time
import transaction


logger = logging.getLogger("integrationsportal.login")
PLUGIN_ID = "integrationsportal_login_throttle"
MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds
STORE = "integrationsportal.login_failures"  # key in the database root mapping
ATTEMPTS = 5  # commits tried when two instances write the store at once
CHECKED = "integrationsportal.login_checked"
REFUSED = "integrationsportal.login_refused"


# ---------------------------------------------------------------- the store


class Failures(Persistent):
    """The times (seconds since the epoch) of the last failures of one login."""

    def __init__(self):
        self.times = ()

    def recent(self, now):
        return tuple(t for t in self.times if now - t < WINDOW)

    def add(self, now):
        self.times = (*self.recent(now), now)[-MAX_FAILURES:]

    def _p_resolveConflict(self, old, committed, new):
        # Two transactions added failures at once: keep what the committed one
        # holds and add what the new one added. Only the newest MAX_FAILURES
        # decide a lock.
        seen = set(old.get("times", ())) if old else set()
        added = [t for t in new.get("times", ()) if t not in seen]
        times = sorted({*committed.get("times", ()), *added})[-MAX_FAILURES:]
        return {**committed, "times": tuple(times)}


class LoginFailures(Persistent):
    """All failures of a database: (portal path, login) -> Failures."""

    def __init__(self):
        self.records = OOBTree()
        self.swept = 0.0

    def sweep(self, now):
        """Forget records whose newest failure is older than WINDOW."""
        if now - self.swept < WINDOW:
            return
        expired = [
            key
            for key, record in self.records.items()
            if not record.times or now - record.times[-1] >= WINDOW
        ]
        for key in expired:
            del self.records[key]
        self.swept = now


def _store(connection, create=False):
    root = connection.root()
    store = root.get(STORE)
    if store is None and create:
        store = root[STORE] = LoginFailures()
    return store


def _in_own_transaction(db, change, create=True):
    """Run change(store) in a transaction of its own on a new connection and
    commit it, whatever becomes of the request's transaction."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        for attempt in range(1, ATTEMPTS + 1):
            manager.begin()
            try:
                store = _store(connection, create=create)
                if store is None:
                    return None
                result = change(store)
                manager.commit()
                return result
            except ConflictError:
                manager.abort()
                if attempt == ATTEMPTS:
                    raise
    finally:
        manager.abort()
        connection.close()


def login_key(site, login):
    return ("/".join(site.getPhysicalPath()), (login or "").strip().lower())


def recent_failures(connection, key, now=None):
    """The failures of a login within WINDOW, as the connection sees them."""
    store = _store(connection) if connection is not None else None
    record = store.records.get(key) if store is not None else None
    if record is None:
        return ()
    return record.recent(time.time() if now is None else now)


def is_locked(connection, key, now=None):
    return len(recent_failures(connection, key, now)) >= MAX_FAILURES


def record_failure(db, key, now=None):
    """Count a failure; returns how many failures the login has now."""
    now = time.time() if now is None else now

    def add(store):
        store.sweep(now)
        record = store.records.get(key)
        if record is None:
            record = store.records[key] = Failures()
        record.add(now)
        return len(record.times)

    count = _in_own_transaction(db, add)
    if count == MAX_FAILURES:
        logger.warning("Login %r locked for %d minutes", key[1], WINDOW // 60)
    return count


def first_time(request, key):
    """True the first time a request asks about a login; failures are
    counted once a request, whoever checks the password."""
    if request is None:
        return True
    checked = request.get(CHECKED)
    if checked is None:
        checked = set()
        request.set(CHECKED, checked)
    if key in checked:
        return False
    checked.add(key)
    return True


def count_failure(connection, key):
    try:
        record_failure(connection.db(), key)
    except Exception:  # not counting is no reason to fail the request
        logger.exception("Could not count a failed login for %r", key[1])


def reset(key=None, db=None):
    """Forget the failures of one (portal path, login), or all of them.

    Without a database, the one Zope serves (tests: the test layer's); for an
    administrator in `zconsole debug`: ``reset(("/Plone", "anna"), app._p_jar.db())``.
    """
    if db is None:
        import Zope2  # the database Zope opened at start-up, if it did

        db = getattr(Zope2, "DB", None)
        if db is None:
            return

    def forget(store):
        if key is None:
            store.records.clear()
        elif key in store.records:
            del store.records[key]

    _in_own_transaction(db, forget, create=False)


def forget_site(site):
    """Forget the failures counted at a portal (in the caller's transaction)."""
    store = _store(site._p_jar) if site._p_jar is not None else None
    if store is None:
        return
    path = "/".join(site.getPhysicalPath())
    for key in [key for key in store.records if key[0] == path]:
        del store.records[key]


# ---------------------------------------------------------------- the guards


def _user_folders_above(site):
    """The user folders of the containers above the portal, nearest first."""
    for container in aq_chain(aq_inner(site))[1:]:
        if getattr(aq_base(container), "acl_users", None) is not None:
            yield container.acl_users


@implementer(IAuthenticationPlugin)
class LoginThrottle(BasePlugin):
    meta_type = "Integrationsportal Login Throttle"
    security = ClassSecurityInfo()

    def __init__(self, id=PLUGIN_ID, title="Locks a login after failed attempts"):
        self._setId(id)
        self.title = title

    def _site(self):
        return aq_parent(aq_inner(self._getPAS()))

    @security.private
    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        if not login or credentials.get("password") is None:
            return None
        connection = self._p_jar
        if connection is None:  # not stored yet: the portal is being created
            return None
        request = getattr(self, "REQUEST", None)
        key = login_key(self._site(), login)
        if is_locked(connection, key):
            credentials.clear()  # nobody after us gets to check them
            return None
        # a wrong password counts once a request, whoever checks it later
        if first_time(request, key) and not self._accepted(credentials, request):
            count_failure(connection, key)
        return None

    def _accepted(self, credentials, request):
        """Whether another authentication plugin of this PAS, or a user
        folder above the portal, accepts the credentials."""
        for plugin_id, plugin in self._getPAS().plugins.listPlugins(
            IAuthenticationPlugin
        ):
            if plugin_id == self.getId():
                continue
            try:
                if plugin.authenticateCredentials(dict(credentials)):
                    return True
            except Exception:  # a broken plugin is no reason to lock anybody
                logger.exception("Authentication plugin %s failed", plugin_id)
        for folder in _user_folders_above(self._site()):
            try:
                if folder.authenticate(
                    credentials["login"], credentials["password"], request
                ):
                    return True
            except Exception:
                logger.exception("User folder %s failed", folder.absolute_url())
        return False


InitializeClass(LoginThrottle)


def refuse_locked_login(event):
    """After traversal: refuse a user of a user folder above the portal whose
    login is locked (users of the portal's own PAS never get this far)."""
    request = event.request
    if not IIntegrationsportalLayer.providedBy(request):
        return
    user = request.get("AUTHENTICATED_USER")
    site = getSite()
    if user is None or site is None or site._p_jar is None:
        return
    login = user.getUserName()
    if aq_base(user) is nobody or login == nobody.getUserName():
        return
    folder = aq_parent(aq_inner(user))
    portal_folder = getattr(aq_base(site), "acl_users", None)
    if folder is None or aq_base(folder) is portal_folder:
        return
    if PLUGIN_ID not in site.acl_users.objectIds():
        return
    if is_locked(site._p_jar, login_key(site, login)):
        logger.info("Refused the locked login %r", login)
        request.set(REFUSED, site.acl_users)
        raise Unauthorized("This login is locked for a while.")


def end_refused_login(event):
    """Before a refused request is aborted: end the browser's login cookie.
    A root user's cookie holds the password; kept, it would have every page
    refused and the browser sent round in circles between them and the login
    form. Not earlier: the challenge that answers Unauthorized drops a cookie
    the request set before it."""
    portal_folder = event.request.get(REFUSED)
    if portal_folder is not None:
        portal_folder.resetCredentials(event.request, event.request.response)


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
    forget_site(portal)
