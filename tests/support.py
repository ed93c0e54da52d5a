"""Helpers the tests of several folders share (tests/ is on pytest's
pythonpath, see pyproject.toml): relations, requests to a portal over HTTP
(as the site owner, through the login form, with the CSRF token), edits as
the edit form reports them, and the portal process of `make start`.

Fixtures live in the conftest.py of the folder whose tests share them; what
several folders share is in tests/conftest.py."""

from contextlib import contextmanager
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import base64
import os
import pytest
import re
import requests
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
USER_PASSWORD = "Richtig-geheim-1"
"""The password of the users of the login tests and the cluster."""


def rel(obj):
    """A relation value pointing to ``obj``."""
    return RelationValue(getUtility(IIntIds).getId(obj))


def create_published(container, portal_type, **fields):
    """Create content and publish it, as the user of the moment."""
    obj = api.content.create(container, portal_type, **fields)
    api.content.transition(obj, to_state="published")
    return obj


def edit(obj, minor=False, **values):
    """Change fields and report it as the edit form does."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.minor_change = minor
    notify(ObjectModifiedEvent(obj, Attributes(None, *values, "minor_change")))


def outdated_in_catalog(obj):
    """Whether the catalog lists ``obj`` as an outdated translation."""
    catalog = api.portal.get_tool("portal_catalog")
    return bool(
        catalog.unrestrictedSearchResults(UID=obj.UID(), translation_outdated=True)
    )


# over HTTP ------------------------------------------------------------------


def url_of(target):
    """The address of a portal (or any content object), or the address given."""
    return target if isinstance(target, str) else target.absolute_url()


def get_ok(target, path="", auth=None, **kwargs):
    """The answer to a GET of the address (or object), or of ``path`` below
    it, which must be a 200."""
    url = url_of(target) + (f"/{path}" if path else "")
    response = requests.get(url, auth=auth, timeout=30, **kwargs)
    assert response.status_code == 200, (response.url, response.text[-2000:])
    return response


def csrf_token(html):
    """The CSRF token (``_authenticator``) of the form in ``html``, or None."""
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else None


def post_login_form(
    session,
    portal,
    login,
    password,
    token=None,
    button="Log in",
    allow_redirects=False,
    **fields,
):
    """Log in through the portal's login form as a browser does: with the
    token of the form (fetched in ``session`` unless given) and ``fields``
    besides. The answer to the POST; the login cookie is in ``session``."""
    url = url_of(portal) + "/login"
    if token is None:
        token = csrf_token(session.get(url, timeout=30).text)
    return session.post(
        url,
        data={
            "__ac_name": login,
            "__ac_password": password,
            "_authenticator": token,
            **fields,
            "buttons.login": button,
        },
        allow_redirects=allow_redirects,
        timeout=30,
    )


def whoami(portal, login, password):
    """The status of the user's own REST record with basic authentication."""
    return requests.get(
        f"{url_of(portal)}/@users/{login}",
        headers={"Accept": "application/json"},
        auth=(login, password),
        timeout=30,
    ).status_code


def rest_login(portal, login, password):
    """The status of a login through the REST API."""
    return requests.post(
        f"{url_of(portal)}/@login",
        json={"login": login, "password": password},
        headers={"Accept": "application/json"},
        timeout=30,
    ).status_code


def control_panel(portal, login, password):
    """The status of a Manager-only page with basic authentication."""
    return requests.get(
        f"{url_of(portal)}/@@overview-controlpanel",
        auth=(login, password),
        allow_redirects=False,
        timeout=30,
    ).status_code


# processes ------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make(*args, env=None, timeout=300):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.geturl(), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, url, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, url, ""


def authenticated_status(url, login, password):
    token = base64.b64encode(f"{login}:{password}".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    """`make start` in the background, stopped on exit."""

    def __init__(self, instance, port, env=None):
        self.port = port
        self.log = Path(instance).parent / f"start-{port}.log"
        self.process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "start",
                f"INSTANCE={instance}",
                f"PORT={port}",
                "HOST=localhost",
            ],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_for(self, path, timeout=240):
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            status, url, body = get(f"http://localhost:{self.port}{path}")
            if status == 200:
                return time.monotonic() - started, url, body
            if self.process.poll() is not None:
                break
            time.sleep(0.25)
        raise AssertionError(
            f"no 200 from {path} within {timeout} s:\n{self.log.read_text()[-3000:]}"
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def output(self):
        return self.log.read_text()


@contextmanager
def started_portal(instance, env=None, timeout=240):
    """The portal of `make start` on a free port, for the ``with`` block: its
    address (…/Plone), once its German root folder answers."""
    server = Server(instance, free_port(), env=env)
    try:
        server.wait_for("/Plone/de", timeout=timeout)
        yield f"http://localhost:{server.port}/Plone"
    finally:
        server.stop()


def ci():
    """Whether the tests run under CI (``CI`` is true, 1 or yes): there a
    missing system part fails its test instead of skipping it."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_cluster_parts(what, binaries=("haproxy", "varnishd")):
    """Skip a test of the cluster when PostgreSQL (``PG_DSN``) or one of the
    proxies' ``binaries`` is missing; under CI, fail it instead."""
    dsn = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")
    problems = []
    try:
        import psycopg2

        psycopg2.connect(f"{dsn} dbname=postgres", connect_timeout=5).close()
    except Exception as error:  # not installed, not running, not reachable
        problems.append(f"PostgreSQL is not reachable with '{dsn}' ({error})")
    for binary in binaries:
        if not shutil.which(binary) and not Path(f"/usr/sbin/{binary}").exists():
            problems.append(f"{binary} is not installed (make system-packages TESTS=1)")
    if problems:
        message = f"{what} needs: " + "; ".join(problems)
        if ci():
            pytest.fail(message)
        pytest.skip(message)


def require_pdf_output():
    """WeasyPrint needs Debian's Pango libraries (make system-packages); a
    machine without them skips the PDF tests, CI never does."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PDF output needs Pango (sudo make system-packages): {exc}")
