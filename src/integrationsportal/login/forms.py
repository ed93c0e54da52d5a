"""No other site can log a visitor's browser in (login CSRF).

Plone 6.2's login form carries no token for anonymous visitors: plone.protect
adds ``_authenticator`` to forms only for logged-in users, and checks it only
when a request writes, as the logged-in user. The form's own z3c.form check
(``enableCSRFProtection``) cannot be switched on either: it compares the token
with the user the request has just authenticated, not with the anonymous
visitor the form was made for, and would refuse every login. So a page on
another site can post its own credentials to the portal and the visitor's
browser is logged in to the attacker's account; what the visitor then types
in (a housing offer, a message) lands there.

Here, on sites with the add-on (its browser layer):

- the login forms (login, login_form, failsafe_login, failsafe_login_form)
  carry a hidden ``_authenticator``: a plone.protect token made for the
  anonymous visitor, with its own purpose, whoever views the form;
- a request that logs in with the login form's fields (``__ac_password`` in
  the form data) is refused with 403 after traversal, before anything is
  published, unless it brings such a token back. That covers the forms and
  also ``acl_users/credentials_cookie_auth/login``, which sets the login
  cookie for any request carrying the form's fields.

HTTP basic authentication and the REST API's ``@login`` (a JSON body) are
not form logins and are not affected.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from integrationsportal.interfaces import IIntegrationsportalLayer
from pathlib import Path
from plone.protect.authenticator import check
from plone.protect.authenticator import createToken
from Products.CMFPlone.browser.login import login
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import field
from z3c.form.interfaces import HIDDEN_MODE
from zExceptions import Forbidden
from zope import schema
from zope.interface import Interface


TOKEN_FIELD = "_authenticator"  # noqa: S105 - a field name
PASSWORD_FIELD = "__ac_password"  # noqa: S105 - a field name
PURPOSE = "integrationsportal.login"
PLONE_TEMPLATES = str(Path(login.__file__).parent / "templates")


@contextmanager
def _as_anonymous():
    """Make and check tokens for the anonymous visitor the form was made for,
    not for the user the request authenticates."""
    manager = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(manager)


def login_token():
    with _as_anonymous():
        return createToken(extra=PURPOSE)


def has_login_token(request):
    with _as_anonymous():
        try:
            check(request, extra=PURPOSE, name=TOKEN_FIELD)
        except Forbidden:
            return False
    return True


def require_login_token(event):
    """After traversal: refuse a form login that brings no token of ours."""
    request = event.request
    if not IIntegrationsportalLayer.providedBy(request):
        return
    if PASSWORD_FIELD not in request.form or has_login_token(request):
        return
    raise Forbidden("Log in with the portal's login form.")


class ILoginToken(Interface):
    token = schema.ASCIILine(required=False)


class WithLoginToken:
    """The login form's fields plus the hidden token."""

    fields = login.LoginForm.fields + field.Fields(ILoginToken)

    def updateWidgets(self):
        super().updateWidgets()
        widget = self.widgets["token"]
        widget.name = widget.id = TOKEN_FIELD
        widget.mode = HIDDEN_MODE
        widget.value = login_token()


class LoginForm(WithLoginToken, login.LoginForm):
    index = ViewPageTemplateFile("login.pt", _prefix=PLONE_TEMPLATES)


class FailsafeLoginForm(WithLoginToken, login.FailsafeLoginForm):
    index = ViewPageTemplateFile("login_failsafe.pt", _prefix=PLONE_TEMPLATES)
