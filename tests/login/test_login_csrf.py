"""Login CSRF: another site cannot log a visitor's browser in. The login
forms carry a token made for the anonymous visitor; a login with the form's
fields is refused without it, whichever address it is sent to."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from support import csrf_token as token_of
from support import post_login_form
from support import USER_PASSWORD as PASSWORD
import pytest
import requests


EVIL = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}


def logged_in(portal, session):
    response = session.get(
        portal.absolute_url() + "/@@personal-information",
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code == 200


@pytest.mark.parametrize(
    "form", ["login", "login_form", "failsafe_login", "failsafe_login_form"]
)
def test_every_login_form_carries_a_token(portal_with_users, form):
    response = requests.get(f"{portal_with_users.absolute_url()}/{form}", timeout=30)
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
    portal_with_users, login, password, address
):
    session = requests.Session()
    response = session.post(
        portal_with_users.absolute_url() + address,
        data={"__ac_name": login, "__ac_password": password, "buttons.login": "Log in"},
        headers=EVIL,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403
    assert "__ac" not in session.cookies
    assert not logged_in(portal_with_users, session)


def test_a_wrong_token_does_not_log_in(portal_with_users):
    session = requests.Session()
    session.post(
        portal_with_users.absolute_url() + "/login",
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


def test_the_form_with_its_token_logs_in(portal_with_users):
    session = requests.Session()
    response = post_login_form(session, portal_with_users, "petra", PASSWORD)
    assert response.status_code == 302
    assert logged_in(portal_with_users, session)


def test_the_token_does_not_depend_on_who_views_the_form(portal_with_users):
    """A logged-in user who opens the login form can log in again (the
    token is made for the anonymous visitor, not the current user)."""
    page = requests.get(
        portal_with_users.absolute_url() + "/login",
        auth=("petra", PASSWORD),
        timeout=30,
    ).text
    session = requests.Session()
    post_login_form(session, portal_with_users, "petra", PASSWORD, token=token_of(page))
    assert logged_in(portal_with_users, session)


def test_basic_authentication_and_the_rest_login_need_no_token(portal_with_users):
    assert (
        requests.get(
            portal_with_users.absolute_url() + "/@users/petra",
            headers={"Accept": "application/json"},
            auth=("petra", PASSWORD),
            timeout=30,
        ).status_code
        == 200
    )
    response = requests.post(
        portal_with_users.absolute_url() + "/@login",
        json={"login": "petra", "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["token"]
