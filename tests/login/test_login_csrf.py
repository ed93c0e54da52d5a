"""Login CSRF: another site cannot log a visitor's browser in. The login
forms carry a token made for the anonymous visitor; a login with the form's
fields is refused without it, whichever address it is sent to."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import re
import requests
import transaction


PASSWORD = "Richtig-geheim-1"
EVIL = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}


@pytest.fixture
def site(functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(username="petra", email="petra@example.org", password=PASSWORD)
    transaction.commit()
    return functional_portal


def token_of(html):
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else None


def logged_in(site, session):
    response = session.get(
        site.absolute_url() + "/@@personal-information",
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code == 200


@pytest.mark.parametrize(
    "form", ["login", "login_form", "failsafe_login", "failsafe_login_form"]
)
def test_every_login_form_carries_a_token(site, form):
    response = requests.get(f"{site.absolute_url()}/{form}", timeout=30)
    assert response.status_code == 200
    assert token_of(response.text)


@pytest.mark.parametrize(
    ("login", "password"),
    [("petra", PASSWORD), (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)],
    ids=["portal user", "Zope root user"],
)
@pytest.mark.parametrize(
    "address", ["/login", "/failsafe_login", "/acl_users/credentials_cookie_auth/login"]
)
def test_a_cross_site_post_without_the_token_does_not_log_in(
    site, login, password, address
):
    session = requests.Session()
    response = session.post(
        site.absolute_url() + address,
        data={"__ac_name": login, "__ac_password": password, "buttons.login": "Log in"},
        headers=EVIL,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403
    assert "__ac" not in session.cookies
    assert not logged_in(site, session)


def test_a_wrong_token_does_not_log_in(site):
    session = requests.Session()
    session.post(
        site.absolute_url() + "/login",
        data={
            "__ac_name": "petra",
            "__ac_password": PASSWORD,
            "_authenticator": "0" * 40,
            "buttons.login": "Log in",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert "__ac" not in session.cookies


def test_the_form_with_its_token_logs_in(site):
    session = requests.Session()
    page = session.get(site.absolute_url() + "/login", timeout=30).text
    response = session.post(
        site.absolute_url() + "/login",
        data={
            "__ac_name": "petra",
            "__ac_password": PASSWORD,
            "_authenticator": token_of(page),
            "buttons.login": "Log in",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    assert logged_in(site, session)


def test_the_token_does_not_depend_on_who_views_the_form(site):
    """A logged-in user who opens the login form can log in again (the
    token is made for the anonymous visitor, not the current user)."""
    page = requests.get(
        site.absolute_url() + "/login", auth=("petra", PASSWORD), timeout=30
    ).text
    session = requests.Session()
    session.post(
        site.absolute_url() + "/login",
        data={
            "__ac_name": "petra",
            "__ac_password": PASSWORD,
            "_authenticator": token_of(page),
            "buttons.login": "Log in",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert logged_in(site, session)


def test_basic_authentication_and_the_rest_login_need_no_token(site):
    assert (
        requests.get(
            site.absolute_url() + "/@users/petra",
            headers={"Accept": "application/json"},
            auth=("petra", PASSWORD),
            timeout=30,
        ).status_code
        == 200
    )
    response = requests.post(
        site.absolute_url() + "/@login",
        json={"login": "petra", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["token"]
