"""Repeated failed logins lock the login: over HTTP, with the login form and
with HTTP basic authentication."""

from integrationsportal import loginthrottle
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import requests
import transaction


PASSWORD = "Richtig-geheim-1"


@pytest.fixture
def site(functional_portal):
    loginthrottle.reset()
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(username="petra", email="petra@example.org", password=PASSWORD)
        api.user.create(username="paul", email="paul@example.org", password=PASSWORD)
    transaction.commit()
    yield functional_portal
    loginthrottle.reset()


def whoami(site, login, password):
    response = requests.get(
        site.absolute_url() + "/@users/" + login,
        headers={"Accept": "application/json"},
        auth=(login, password),
        timeout=30,
    )
    return response.status_code


def test_five_wrong_passwords_lock_the_login_and_not_others(site):
    assert whoami(site, "petra", PASSWORD) == 200
    for _ in range(loginthrottle.MAX_FAILURES):
        assert whoami(site, "petra", "falsch") == 401
    # now even the right password is refused, for this login only
    assert whoami(site, "petra", PASSWORD) == 401
    assert whoami(site, "paul", PASSWORD) == 200


def test_the_login_form_is_locked_too(site):
    def form_login(password):
        session = requests.Session()
        session.post(
            site.absolute_url() + "/login",
            data={
                "__ac_name": "paul",
                "__ac_password": password,
                "buttons.login": "Log in",
            },
            timeout=30,
        )
        return "__ac" in session.cookies

    for _ in range(loginthrottle.MAX_FAILURES):
        assert not form_login("falsch")
    assert not form_login(PASSWORD)


def test_a_right_password_without_permission_is_no_failure(site):
    for _ in range(loginthrottle.MAX_FAILURES + 2):
        response = requests.get(
            site.absolute_url() + "/@@overview-controlpanel",
            auth=("paul", PASSWORD),
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code in (302, 401, 403)
    assert whoami(site, "paul", PASSWORD) == 200


def test_the_lock_ends_after_the_window(site):
    key = (
        "/".join(site.acl_users.getPhysicalPath()),
        "petra",
    )
    past = 1_000_000.0
    for n in range(loginthrottle.MAX_FAILURES):
        loginthrottle.record_failure(key, now=past + n)
    assert loginthrottle.is_locked(key, now=past + 10)
    assert not loginthrottle.is_locked(key, now=past + loginthrottle.WINDOW + 10)
