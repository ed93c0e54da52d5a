"""Repeated failed logins lock the login: over HTTP, with the login form,
HTTP basic authentication and the REST API, for users of the portal and of
the Zope root's user folder; the counts live in the database, written in
transactions of their own."""

from integrationsportal import loginthrottle
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from support import control_panel
from support import post_login_form
from support import rest_login
from support import USER_PASSWORD as PASSWORD
from support import whoami
from ZODB.FileStorage import FileStorage
import pytest
import requests
import threading
import transaction
import ZODB


KEY = ("/plone", "petra")


def form_login(portal, login, password):
    """Log in through the login form as a browser does (with the form's
    token); whether the browser got the login cookie."""
    session = requests.Session()
    post_login_form(session, portal, login, password)
    return "__ac" in session.cookies


def test_five_wrong_passwords_lock_the_login_and_not_others(portal_with_users):
    assert whoami(portal_with_users, "petra", PASSWORD) == 200
    for _ in range(loginthrottle.MAX_FAILURES):
        assert whoami(portal_with_users, "petra", "falsch") == 401
    # now even the right password is refused, for this login only
    assert whoami(portal_with_users, "petra", PASSWORD) == 401
    assert not form_login(portal_with_users, "petra", PASSWORD)
    assert rest_login(portal_with_users, "petra", PASSWORD) == 401
    assert whoami(portal_with_users, "paul", PASSWORD) == 200


def test_the_login_form_is_locked_too(portal_with_users):
    assert form_login(portal_with_users, "paul", PASSWORD)
    for _ in range(loginthrottle.MAX_FAILURES):
        assert not form_login(portal_with_users, "paul", "falsch")
    assert not form_login(portal_with_users, "paul", PASSWORD)
    assert whoami(portal_with_users, "paul", PASSWORD) == 401


def test_the_rest_login_counts_and_is_locked(portal_with_users):
    assert rest_login(portal_with_users, "paul", PASSWORD) == 200
    for _ in range(loginthrottle.MAX_FAILURES):
        assert rest_login(portal_with_users, "paul", "falsch") == 401
    assert rest_login(portal_with_users, "paul", PASSWORD) == 401
    assert whoami(portal_with_users, "paul", PASSWORD) == 401


def test_a_right_password_without_permission_is_no_failure(portal_with_users):
    for _ in range(loginthrottle.MAX_FAILURES + 2):
        assert control_panel(portal_with_users, "paul", PASSWORD) in (302, 401, 403)
    assert whoami(portal_with_users, "paul", PASSWORD) == 200


# ------------------------------------------------- the Zope root's user folder


def test_a_root_user_is_locked_on_portal_addresses(portal_with_users):
    """SITE_OWNER_NAME lives in the Zope root's user folder, not the
    portal's PAS: five wrong passwords lock it on the portal's addresses."""
    assert SITE_OWNER_NAME not in portal_with_users.acl_users.source_users.getUserIds()
    assert control_panel(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD) == 200
    for _ in range(loginthrottle.MAX_FAILURES):
        assert control_panel(portal_with_users, SITE_OWNER_NAME, "falsch") != 200
    # the right password is refused: basic authentication, the login form,
    # the REST API
    assert control_panel(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD) != 200
    response = requests.get(
        portal_with_users.absolute_url() + "/@users",
        headers={"Accept": "application/json"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 401
    assert not form_login(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert rest_login(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD) == 401


def test_wrong_passwords_of_a_root_user_count_through_every_door(portal_with_users):
    assert form_login(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert not form_login(portal_with_users, SITE_OWNER_NAME, "falsch")
    assert not form_login(portal_with_users, SITE_OWNER_NAME, "falsch")
    assert rest_login(portal_with_users, SITE_OWNER_NAME, "falsch") == 401
    assert rest_login(portal_with_users, SITE_OWNER_NAME, "falsch") == 401
    assert control_panel(portal_with_users, SITE_OWNER_NAME, "falsch") != 200
    assert rest_login(portal_with_users, SITE_OWNER_NAME, SITE_OWNER_PASSWORD) == 401


def test_a_locked_root_user_loses_its_login_cookie(portal_with_users):
    session = requests.Session()
    post_login_form(
        session,
        portal_with_users,
        SITE_OWNER_NAME,
        SITE_OWNER_PASSWORD,
        allow_redirects=True,
    )
    overview = portal_with_users.absolute_url() + "/@@overview-controlpanel"
    assert session.get(overview, allow_redirects=False, timeout=30).status_code == 200
    for _ in range(loginthrottle.MAX_FAILURES):
        control_panel(portal_with_users, SITE_OWNER_NAME, "falsch")
    refused = session.get(overview, allow_redirects=False, timeout=30)
    assert refused.status_code != 200
    assert "__ac" not in session.cookies  # ended, not refused on every page
    assert session.get(portal_with_users.absolute_url(), timeout=30).status_code == 200


def test_the_check_after_traversal_is_bound_to_the_layer(portal, app):
    """A request without the add-on's browser layer (a site without it) is
    never refused by the check after traversal, locked or not."""
    from integrationsportal.interfaces import IIntegrationsportalLayer
    from zExceptions import Unauthorized
    from zope.interface import alsoProvides
    from zope.interface import noLongerProvides
    from ZPublisher.pubevents import PubAfterTraversal

    request = portal.REQUEST
    owner = app.acl_users.getUserById(SITE_OWNER_NAME).__of__(app.acl_users)
    request["AUTHENTICATED_USER"] = owner
    connection = portal._p_jar
    db = connection.db()
    key = loginthrottle.login_key(portal, SITE_OWNER_NAME)
    for _ in range(loginthrottle.MAX_FAILURES):
        loginthrottle.record_failure(db, key)
    transaction.abort()  # see what the other transactions wrote
    assert loginthrottle.is_locked(connection, key)
    noLongerProvides(request, IIntegrationsportalLayer)
    loginthrottle.refuse_locked_login(PubAfterTraversal(request))  # no refusal
    alsoProvides(request, IIntegrationsportalLayer)
    with pytest.raises(Unauthorized):
        loginthrottle.refuse_locked_login(PubAfterTraversal(request))
    loginthrottle.reset(key, db)


# ------------------------------------------------------------------ the store


@pytest.fixture
def filestorage(tmp_path):
    path = tmp_path / "Data.fs"

    def open_db():
        return ZODB.DB(FileStorage(str(path)))

    return open_db


def test_the_lock_ends_after_the_window(filestorage):
    db = filestorage()
    past = 1_000_000.0
    for n in range(loginthrottle.MAX_FAILURES):
        loginthrottle.record_failure(db, KEY, now=past + n)
    connection = db.open()
    assert loginthrottle.is_locked(connection, KEY, now=past + 10)
    assert not loginthrottle.is_locked(
        connection, KEY, now=past + loginthrottle.WINDOW + 10
    )
    connection.close()
    db.close()


def test_the_counts_survive_reopening_the_database(filestorage):
    """What a restart of the embedded instance does to the FileStorage."""
    db = filestorage()
    for _ in range(loginthrottle.MAX_FAILURES):
        loginthrottle.record_failure(db, KEY)
    db.close()
    db = filestorage()
    connection = db.open()
    assert loginthrottle.is_locked(connection, KEY)
    assert not loginthrottle.is_locked(connection, ("/plone", "paul"))
    connection.close()
    loginthrottle.reset(KEY, db)
    connection = db.open()
    assert not loginthrottle.is_locked(connection, KEY)
    connection.close()
    db.close()


def test_a_failure_is_written_though_the_request_aborts(filestorage):
    db = filestorage()
    manager = transaction.TransactionManager()
    request_connection = db.open(transaction_manager=manager)
    request_connection.root()["something"] = "of the request"
    loginthrottle.record_failure(db, KEY)
    manager.abort()  # the request ends in Unauthorized
    request_connection.close()
    connection = db.open()
    assert len(loginthrottle.recent_failures(connection, KEY)) == 1
    assert "something" not in connection.root()
    connection.close()
    db.close()


def test_concurrent_failures_are_all_counted(filestorage):
    """Two instances (connections) count the same login at the same moment:
    the record merges both, no failure is lost, nobody sees a conflict."""
    db = filestorage()
    loginthrottle.record_failure(db, KEY, now=1_000_000.0)  # the record exists
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=m) for m in managers]
    for n, (manager, connection) in enumerate(zip(managers, connections, strict=True)):
        manager.begin()
        record = connection.root()[loginthrottle.STORE].records[KEY]
        record.add(1_000_001.0 + n)
    for manager in managers:
        manager.commit()
    for connection in connections:
        connection.close()
    connection = db.open()
    assert len(loginthrottle.recent_failures(connection, KEY, now=1_000_010.0)) == 3
    connection.close()
    db.close()


def test_many_threads_lose_no_failure(filestorage):
    db = filestorage()
    logins = [("/plone", f"user-{n}") for n in range(4)]

    def fail(key):
        for _ in range(3):
            loginthrottle.record_failure(db, key)

    threads = [threading.Thread(target=fail, args=(key,)) for key in logins * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    connection = db.open()
    assert [len(loginthrottle.recent_failures(connection, k)) for k in logins] == [
        loginthrottle.MAX_FAILURES
    ] * 4  # six failures each, the newest five kept
    connection.close()
    db.close()
