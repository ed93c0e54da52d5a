"""The real embedded instance (`make start`, waitress configured from
zope.ini): no response header names the software behind the portal, and the
login lock survives a restart. The test layer's server is not configured
from zope.ini, so these start the portal as test_commands.py does."""

from integrationsportal import wsgi
from support import control_panel as support_control_panel
from support import free_port
from support import ROOT
from support import Server
import hashlib
import pytest
import requests
import sys


sys.path.insert(0, str(ROOT / "scripts"))
import write_instance  # noqa: E402 - a script, found through scripts/


ADMIN = {
    "ADMIN_USER": "chefin",
    "ADMIN_PASSWORD": "geheim-456",
    "PROFILE": "profiles/minimal.toml",
}
SOFTWARE_HEADERS = ("Server", "X-Powered-By", "Via")


def test_the_filter_drops_x_powered_by():
    def app(environ, start_response):
        start_response(
            "200 OK",
            [("Content-Type", "text/plain"), ("X-Powered-By", "Zope, Python")],
        )
        return [b"ok"]

    sent = {}

    def start_response(status, headers, exc_info=None):
        sent["headers"] = headers

    filtered = wsgi.filter_factory({})(app)
    assert filtered({}, start_response) == [b"ok"]
    assert sent["headers"] == [("Content-Type", "text/plain")]


def test_an_unedited_zope_ini_of_an_earlier_template_is_replaced(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    earlier = "[server:main]\nuse = egg:waitress#main\n# @@INSTANCE@@/var\n"
    digest = hashlib.sha256(earlier.encode()).hexdigest()
    monkeypatch.setitem(write_instance.EARLIER, "zope.ini", {digest})
    instance.mkdir()
    (instance / "zope.ini").write_text(earlier.replace("@@INSTANCE@@", str(instance)))
    assert "zope.ini" in write_instance.write_instance(instance)
    text = (instance / "zope.ini").read_text()
    assert "ident =" in text
    assert "integrationsportal.wsgi:filter_factory" in text
    # edited by hand: kept
    (instance / "zope.ini").write_text(text + "# mine\n")
    assert "zope.ini" not in write_instance.write_instance(instance)
    assert (instance / "zope.ini").read_text().endswith("# mine\n")


def test_the_previous_template_is_known_as_earlier():
    """Instances written before the header hardening get it on their next
    `make start` (the template changed, so make runs write_instance)."""
    current = (ROOT / "instance" / "templates" / "zope.ini.in").read_text()
    digest = hashlib.sha256(current.encode()).hexdigest()
    assert digest not in write_instance.EARLIER["zope.ini"]


@pytest.mark.slow
def test_no_header_names_the_software(instance):
    port = free_port()
    server = Server(instance, port, env=ADMIN)
    base = f"http://localhost:{port}"
    try:
        server.wait_for("/Plone")
        responses = {
            path: requests.get(
                base + path, headers=headers, allow_redirects=False, timeout=30
            )
            for path, headers in (
                ("/Plone/de", {}),
                ("/Plone/gibt-es-nicht", {}),
                ("/Plone/@@overview-controlpanel", {}),
                ("/Plone/@search", {"Accept": "application/json"}),
                ("/", {}),
            )
        }
    finally:
        server.stop()
    assert responses["/Plone/gibt-es-nicht"].status_code == 404
    for path, response in responses.items():
        for name in SOFTWARE_HEADERS:
            assert name not in response.headers, (path, name, response.headers)


def control_panel(base, password):
    return support_control_panel(base + "/Plone", ADMIN["ADMIN_USER"], password)


@pytest.mark.slow
def test_the_login_lock_survives_a_restart(instance):
    """The instance's admin lives in the Zope root's user folder: five wrong
    passwords lock it on the portal's addresses, and after a restart the
    right one is still refused."""
    password = ADMIN["ADMIN_PASSWORD"]
    port = free_port()
    base = f"http://localhost:{port}"
    server = Server(instance, port, env=ADMIN)
    try:
        server.wait_for("/Plone")
        assert control_panel(base, password) == 200
        for _ in range(5):
            assert control_panel(base, "falsch") != 200
        assert control_panel(base, password) != 200
    finally:
        server.stop()
    port = free_port()
    base = f"http://localhost:{port}"
    server = Server(instance, port, env=ADMIN)
    try:
        server.wait_for("/Plone")
        assert control_panel(base, password) != 200
    finally:
        server.stop()
