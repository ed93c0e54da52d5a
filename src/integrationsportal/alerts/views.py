"""@@finder-alert (the form), @@finder-alert-confirm and @@finder-alert-end
on a language root.

The form asks for an address and a stated consent, and sends a mail with a
link to confirm; nothing runs before that. The links of the mails carry the
alert's secret token: whoever holds it may confirm or end that one alert,
which is why those two answer a POST without the form token (mail
programs end an alert with a bare POST, RFC 8058)."""

from integrationsportal import _
from integrationsportal import logger
from integrationsportal.alerts import mails
from integrationsportal.alerts.state import current_offers
from integrationsportal.alerts.state import finder_url
from integrationsportal.alerts.state import query_of
from integrationsportal.alerts.state import summary
from integrationsportal.alerts.state import summary_parts
from integrationsportal.alerts.store import Alerts
from integrationsportal.alerts.store import MAX_PER_ADDRESS
from integrationsportal.alerts.store import normal_address
from integrationsportal.alerts.store import now
from integrationsportal.finder.parameters import PARAMETERS
from integrationsportal.finder.query import finder_root
from integrationsportal.hardening.guard import ClientError
from integrationsportal.shared.languages import direction
from integrationsportal.translation import language_of
from plone import api
from plone.autoform.form import AutoExtensibleForm
from plone.protect.interfaces import IDisableCSRFProtection
from plone.supermodel import model
from plone.z3cform.layout import FormWrapper
from Products.Five.browser import BrowserView
from smtplib import SMTPException
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import form
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import WidgetActionExecutionError
from zope import schema
from zope.interface import alsoProvides
from zope.interface import Invalid
import re


EMAIL = re.compile(
    r"^[^@\s<>()\[\],;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$"
)


def valid_email(value):
    if not EMAIL.match(value or ""):
        raise Invalid(_("Please give an e-mail address such as name@example.org."))
    return True


def agreed(value):
    if value is not True:
        raise Invalid(_("Please agree, or no alert can be sent."))
    return True


class IAlertRequest(model.Schema):
    email = schema.TextLine(
        title=_("Your e-mail address"),
        max_length=254,
        constraint=valid_email,
    )
    consent = schema.Bool(
        title=_(
            "I agree that my address is kept to send me new offers for this "
            "search, until I end the alert."
        ),
        required=False,
        constraint=agreed,
    )
    state = schema.TextLine(title="state", required=False, max_length=2000)
    # a field people never see and bots fill in
    website = schema.TextLine(title=_("Leave this field empty"), required=False)


def _strings(value):
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def public_root_url(root):
    """The address of a language root for mails: under the portal's public
    address when the district set one (Site Setup), else as visited."""
    public = api.portal.get_registry_record("integrationsportal.public_url", default="")
    if not public:
        return root.absolute_url()
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    return public.rstrip("/") + "/".join(root.getPhysicalPath())[len(portal_path) :]


def _language(context):
    root, language = finder_root(context)
    return root, language or language_of(context) or "de"


def _state_pairs(text, root):
    """The finder state of the hidden field, checked by the finder's rules."""
    pairs = parse_qsl(text or "", keep_blank_values=False)[:40]
    query = query_of(pairs, root)
    if query.problems:
        raise ClientError(
            _("This search cannot be followed; please start from the finder again.")
        )
    return query


class AlertForm(AutoExtensibleForm, form.Form):
    schema = IAlertRequest
    ignoreContext = True
    enableCSRFProtection = True
    sent_to = None

    def updateWidgets(self):
        super().updateWidgets()
        self.widgets["state"].mode = HIDDEN_MODE
        if "form.buttons.subscribe" not in self.request.form:
            # the finder state the page was opened with: its finder
            # parameters (others, such as a campaign tag, are left aside)
            root, _language_code = _language(self.context)
            pairs = [
                (name, value)
                for name in self.request.form
                if name in PARAMETERS and name != "page"
                for value in _strings(self.request.form[name])
            ]
            query = query_of(pairs, root)
            if query.problems:
                raise ClientError(
                    _(
                        "This search cannot be followed; please start from "
                        "the finder again."
                    )
                )
            self.widgets["state"].value = urlencode(query.params())
        self.widgets["website"].addClass("ip-honeypot")

    def updateActions(self):
        super().updateActions()
        self.actions["subscribe"].klass = "submit-widget btn btn-primary"

    @button.buttonAndHandler(_("Send me the link to confirm"), name="subscribe")
    def handle_subscribe(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        if data.get("consent") is not True:
            raise WidgetActionExecutionError(
                "consent", Invalid(_("Please agree, or no alert can be sent."))
            )
        root, language = _language(self.context)
        query = _state_pairs(data.get("state"), root)
        email = normal_address(data["email"])
        self.sent_to = data["email"].strip()
        if data.get("website"):
            return  # a bot: it is told the same, and nothing is sent
        alerts = Alerts(api.portal.get())
        when = now()
        if not alerts.client_may_ask(self.request.getClientAddr(), when):
            raise ClientError(
                _(
                    "Too many alerts were asked for from here. Please try "
                    "again in an hour."
                ),
                status=429,
            )
        if len(alerts.of_address(email)) >= MAX_PER_ADDRESS or not alerts.may_mail(
            email, when
        ):
            return  # said the same as a success: the form tells no one who subscribed
        pairs = query.params()
        base = public_root_url(root)
        token = alerts.add(email, language, pairs, when, base)
        try:
            mails.send_confirmation(
                email,
                language,
                summary(query, language, root, words=False),
                f"{base}/@@finder-alert-confirm?token={token}",
            )
        except (OSError, SMTPException) as error:
            # nothing is kept (the error undoes the transaction), and the
            # reader is told, instead of waiting for a mail that never comes
            logger.warning("Search alert: the mail server refused: %r", error)
            raise ClientError(
                _(
                    "The mail could not be sent just now, so no alert was "
                    "made. Please try again later."
                ),
                status=503,
            ) from error


class AlertFormView(FormWrapper):
    """The form on its page, with what the alert is for and how long the
    address is kept."""

    form = AlertForm

    def search_summary(self):
        """[part] of the state in the reader's words, each shown isolated."""
        root, language = _language(self.context)
        state = self.form_instance.widgets["state"].value
        query = query_of(parse_qsl(state or ""), root)
        return summary_parts(query, language, root) or [
            self.context.translate(_("all offers"))
        ]

    def separator(self):
        _root, language = _language(self.context)
        return "، " if direction(language) == "rtl" else ", "

    def finder_url(self):
        root, _language_code = _language(self.context)
        state = self.form_instance.widgets["state"].value
        return finder_url(root.absolute_url(), parse_qsl(state or ""))


class TokenView(BrowserView):
    """A page reached from a mail's link: a button that confirms or ends
    the alert the token names."""

    def alert(self):
        token = self.request.form.get("token")
        self.token = token if isinstance(token, str) else ""
        alert = Alerts(api.portal.get()).get(self.token)
        if alert is None:
            raise ClientError(
                _(
                    "This link is no longer valid. The alert was ended, or "
                    "never confirmed in time."
                ),
                status=404,
            )
        return alert


class ConfirmView(TokenView):
    def __call__(self):
        alert = self.alert()
        self.done = alert.confirmed is not None
        if self.request.get("REQUEST_METHOD") == "POST" and not self.done:
            alsoProvides(self.request, IDisableCSRFProtection)  # the token is the proof
            root, _language_code = _language(self.context)
            found = current_offers(root, query_of(alert.params, root), alert.language)
            alert.seen.update(
                {uid: modified for uid, (modified, _t, _u) in found.items()}
            )
            alert.confirmed = now()
            self.done = True
        self.end_url = (
            f"{self.context.absolute_url()}/@@finder-alert-end?token={self.token}"
        )
        self.finder = finder_url(alert.base, alert.params)
        return self.index()


class EndView(TokenView):
    def __call__(self):
        if self.request.get("REQUEST_METHOD") == "POST":
            token = self.request.form.get("token")
            alsoProvides(self.request, IDisableCSRFProtection)  # the token is the proof
            if isinstance(token, str) and Alerts(api.portal.get()).remove(token):
                self.ended = True
                return self.index()
        self.alert()
        self.ended = False
        return self.index()
