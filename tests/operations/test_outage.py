"""A database connection lost in the middle of a request (outage.py): the
exception view answers 503 with Retry-After and a page in the reader's
language instead of Plone's 500 error page, through Zope's real publisher.
What counts as a lost connection is decided on errors a real PostgreSQL
raises. The loss before traversal, the retries and HAProxy's and Varnish's
part are tested on a real cluster whose database goes away
(test_health.py)."""

from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.operations.outage import is_disconnection
from plone.base.interfaces import IPloneSiteRoot
from Products.Five.browser import BrowserView
from support import free_port
from support import require_cluster_parts
from zope.component import getGlobalSiteManager
from zope.interface import Interface
import os
import psycopg2
import pytest
import requests


DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")


class LosesTheDatabase(BrowserView):
    """A page whose database connection ends while it is being published: the
    error a real PostgreSQL gives when an administrator ends the session."""

    error = None

    def __call__(self):
        raise self.error


@pytest.fixture
def page_losing_the_database():
    """``<portal>/@@verbindung-verloren`` raises the error the test gives."""
    registry = getGlobalSiteManager()
    registry.registerAdapter(
        LosesTheDatabase,
        (IPloneSiteRoot, IIntegrationsportalLayer),
        Interface,
        "verbindung-verloren",
    )
    yield LosesTheDatabase
    registry.unregisterAdapter(
        LosesTheDatabase,
        (IPloneSiteRoot, IIntegrationsportalLayer),
        Interface,
        "verbindung-verloren",
    )


def terminated_by_the_administrator():
    """The OperationalError psycopg2 raises when PostgreSQL ends the session
    (pg_terminate_backend, as a restart does)."""
    require_cluster_parts("A lost connection", binaries=())
    victim = psycopg2.connect(f"{DSN} dbname=postgres")
    pid = victim.get_backend_pid()
    admin = psycopg2.connect(f"{DSN} dbname=postgres")
    admin.autocommit = True
    admin.cursor().execute("SELECT pg_terminate_backend(%s)", (pid,))
    admin.close()
    try:
        victim.cursor().execute("SELECT 1")
    except psycopg2.Error as error:
        return error
    finally:
        victim.close()
    raise AssertionError("the ended session still answered")


def test_real_disconnections_count_and_other_database_errors_do_not():
    require_cluster_parts("Errors of a real PostgreSQL", binaries=())
    ended = terminated_by_the_administrator()
    assert is_disconnection(ended), (ended.pgcode, ended)
    # nobody listens on a free port: the connection cannot be opened
    with pytest.raises(psycopg2.OperationalError) as refused:
        psycopg2.connect(f"host=127.0.0.1 port={free_port()} user=postgres")
    assert is_disconnection(refused.value)
    closed = psycopg2.connect(f"{DSN} dbname=postgres")
    closed.close()
    with pytest.raises(psycopg2.InterfaceError) as gone:
        closed.cursor()
    assert is_disconnection(gone.value)
    # the server answered: a statement that ran too long is not an outage
    connection = psycopg2.connect(f"{DSN} dbname=postgres")
    try:
        cursor = connection.cursor()
        cursor.execute("SET statement_timeout = 50")
        with pytest.raises(psycopg2.OperationalError) as slow:
            cursor.execute("SELECT pg_sleep(1)")
        assert slow.value.pgcode == "57014"
        assert not is_disconnection(slow.value)
        connection.rollback()
        cursor = connection.cursor()
        cursor.close()
        with pytest.raises(psycopg2.InterfaceError) as bug:
            cursor.execute("SELECT 1")  # a cursor used after closing: a bug
        assert not is_disconnection(bug.value)
    finally:
        connection.close()
    assert not is_disconnection(ValueError("x"))


def test_a_connection_lost_inside_a_request_gives_the_503_page(
    functional_portal, page_losing_the_database
):
    page_losing_the_database.error = terminated_by_the_administrator()
    url = f"{functional_portal.absolute_url()}/@@verbindung-verloren"
    answer = requests.get(url, headers={"Cookie": "I18N_LANGUAGE=ar"}, timeout=30)
    assert answer.status_code == 503, answer.text[:300]
    assert answer.headers["Retry-After"] == "10"
    assert "no-store" in answer.headers["Cache-Control"]
    assert 'lang="ar" dir="rtl"' in answer.text
    assert "البوابة غير متاحة لفترة قصيرة" in answer.text
    assert "terminating" not in answer.text and "Traceback" not in answer.text
    # a form sent: nothing saved, and the way back keeps what was typed
    sent = requests.post(url + "?x=1", data={"q": "1"}, timeout=30)
    assert sent.status_code == 503
    assert "wurde nicht gespeichert" in sent.text
    assert "Zurück zum Formular" in sent.text and "history.back()" in sent.text
    # the REST API: plone.restapi's error shape, in the reader's language
    rest = requests.get(
        url,
        headers={"Accept": "application/json", "Accept-Language": "tr, de;q=0.5"},
        timeout=30,
    )
    assert rest.status_code == 503
    assert rest.json()["type"] == "ServiceUnavailable"
    assert rest.json()["message"].startswith("Portal şu anda verilerine ulaşamıyor.")


def test_other_errors_keep_plones_error_page(
    functional_portal, page_losing_the_database
):
    page_losing_the_database.error = ValueError("etwas anderes")
    url = f"{functional_portal.absolute_url()}/@@verbindung-verloren"
    answer = requests.get(url, timeout=30)
    assert answer.status_code == 500
    assert "Retry-After" not in answer.headers


def test_the_outage_page_says_so_in_every_reader_language():
    from integrationsportal.operations.outage import unavailable_answer
    from integrationsportal.shared.languages import SUPPORTED_CODES

    titles = set()
    for code in SUPPORTED_CODES:
        headers, body = unavailable_answer(
            {"PATH_INFO": f"/Plone/{code}/", "REQUEST_METHOD": "GET"}
        )
        assert dict(headers)["Content-Language"] == code
        titles.add(body.decode().split("<title>")[1].split("</title>")[0])
    assert len(titles) == len(SUPPORTED_CODES), titles
