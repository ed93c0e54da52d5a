"""The readers' side: the box below every offer, organisation, contact,
chain and step (and the finder's empty result), and ``@@feedback``, the
form it posts to; the editors' count of open reports on each page.

The box is a plain form: it works without JavaScript, and one click says
"helpful" or "not helpful". ``@@feedback`` is a z3c.form that checks the
form token itself, so that a page kept for hours (in a cache or offline on a
phone) whose token has expired loses nothing: the reader gets the form back
with what they wrote and a fresh token. Nothing a reader sends is shown to
anyone but the editorial staff."""

from hashlib import sha1
from integrationsportal import _
from integrationsportal import logger
from integrationsportal.feedback import store
from integrationsportal.feedback.content import EMAIL_DAYS
from integrationsportal.feedback.content import FINDER
from integrationsportal.feedback.content import KINDS
from integrationsportal.feedback.content import MAX_EMAIL
from integrationsportal.feedback.content import MAX_TEXT
from integrationsportal.feedback.content import REASONS
from integrationsportal.finder.query import finder_root
from integrationsportal.permissions import ReviewFeedback
from integrationsportal.shared.request import last_value
from integrationsportal.translation import language_of
from plone import api
from plone.app.layout.navigation.root import getNavigationRootObject
from plone.app.layout.viewlets.common import ViewletBase
from plone.autoform.form import AutoExtensibleForm
from plone.base.interfaces import INavigationRoot
from plone.protect.authenticator import _getKeyring
from plone.protect.authenticator import _getUserName
from plone.protect.authenticator import check as check_token
from plone.protect.authenticator import createToken
from plone.supermodel import model
from plone.z3cform.layout import FormWrapper
from Products.Five.browser import BrowserView
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import form
from z3c.form.browser.radio import RadioFieldWidget
from z3c.form.interfaces import HIDDEN_MODE
from zExceptions import Forbidden
from zope import schema
from zope.interface import Invalid
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import hmac
import re


EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@provider(IContextSourceBinder)
def reasons(context):
    return SimpleVocabulary(
        [SimpleTerm(token, token, title) for token, title in REASONS.items()]
    )


def valid_email(value):
    if not EMAIL.match(value or ""):
        raise Invalid(_("Please give an e-mail address such as name@example.org."))
    return True


class IFeedbackForm(model.Schema):
    reason = schema.Choice(title=_("What is wrong?"), source=reasons, required=False)
    text = schema.Text(
        title=_("Tell us more (optional)"),
        description=_(
            "Please do not write your name or other details about yourself here."
        ),
        required=False,
        max_length=MAX_TEXT,
    )
    email = schema.TextLine(
        title=_("Your e-mail address, if you want an answer (optional)"),
        required=False,
        max_length=MAX_EMAIL,
        constraint=valid_email,
    )
    consent = schema.Bool(
        title=_(
            "The editors may write to me about this report. My address is "
            "deleted after ${days} days at the latest.",
            mapping={"days": EMAIL_DAYS},
        ),
        required=False,
    )
    page = schema.TextLine(title="page", required=False, max_length=2000)
    # a field people never see and robots fill in
    website = schema.TextLine(title=_("Leave this field empty"), required=False)


def reviewer():
    """Whether the current user works with the readers' reports. Asked on
    the portal, where the reports are kept: a translator, an editor of one
    language root only, does not."""
    return api.user.has_permission(ReviewFeedback.title, obj=api.portal.get())


def kind_of(context):
    if INavigationRoot.providedBy(context):
        return FINDER
    return KINDS.get(getattr(context, "portal_type", None))


def section_of(context):
    """The title of the folder below the language root the page is in
    (the section a district's editors share out), or ""."""
    root = getNavigationRootObject(context, api.portal.get())
    node = context
    while node is not None and getattr(node, "aq_parent", None) is not None:
        parent = node.aq_parent
        if parent is root:
            return node.Title() if node is not context else ""
        node = parent
    return ""


def _clean(text):
    if not isinstance(text, str):
        return ""
    return CONTROL.sub("", text.replace("\r\n", "\n")).strip()


def finder_state(text):
    """The finder parameters a report from the finder's empty result is
    about, as a query string (at most 40 pairs, controls dropped)."""
    pairs = parse_qsl(_clean(text), keep_blank_values=False)[:40]
    return urlencode(pairs)


class FeedbackForm(AutoExtensibleForm, form.Form):
    schema = IFeedbackForm
    ignoreContext = True
    # the token is checked in ``_admitted``, which keeps the reader's input
    # when it fails; the form still carries one when it is shown
    enableCSRFProtection = True
    problem = None

    def update(self):
        # a browser counts a line break as one character (the textarea's
        # maxlength) and sends two (CR LF): the limit counts one
        text = self.request.form.get("form.widgets.text")
        if isinstance(text, str):
            self.request.form["form.widgets.text"] = text.replace("\r\n", "\n")
        self.enableCSRFProtection = False
        try:
            super().update()
        finally:
            self.enableCSRFProtection = True

    def updateFields(self):
        super().updateFields()
        self.fields["reason"].widgetFactory = RadioFieldWidget

    def updateWidgets(self):
        super().updateWidgets()
        self.widgets["page"].mode = HIDDEN_MODE
        self.widgets["website"].addClass("ip-honeypot")
        self.widgets["text"].rows = 4
        self.widgets["text"].addClass("ip-bidi-auto")
        if "form.widgets.page" not in self.request.form:
            self.widgets["page"].value = finder_state(
                last_value(self.request.form.get("page"))
            )

    def updateActions(self):
        super().updateActions()
        self.actions["report"].klass = "submit-widget btn btn-primary"
        # the page's one-click votes; on this form, only the report is shown
        for name in ("yes", "no"):
            self.actions[name].klass = "d-none"

    def _admitted(self):
        """Whether the post may file a report: a form token, and the
        sender's network within its hourly limit."""
        if self.request.get("REQUEST_METHOD") != "POST":
            self.problem = _("Please send the form with its button.")
            self.request.response.setStatus(405)
            return False
        try:
            check_token(self.request)
        except Forbidden:
            self.problem = _(
                "The form was open for too long. Please check what you wrote "
                "and send it again."
            )
            self.request.response.setStatus(403)
            return False
        return True

    def _file(self, helpful, data):
        if (data.get("website") or "").strip():
            logger.info("Feedback: honeypot filled, nothing filed")
            return self._thanks(helpful)
        folder = store.reports_folder(create=True)
        if not store.Limit(folder).admit(
            self.request.getClientAddr(), store.reports_per_hour()
        ):
            self.problem = _(
                "Many reports came from your connection in the last hour. "
                "Please try again later."
            )
            self.request.response.setStatus(429)
            return None
        context = self.context
        kind = kind_of(context)
        values = {
            "kind": kind,
            "reader_language": "" if kind == FINDER else language_of(context),
            "section": section_of(context),
            "helpful": helpful,
            "reason": data.get("reason"),
            "text": _clean(data.get("text")) or None,
            "email": (data.get("email") or "").strip() or None,
        }
        if kind == FINDER:
            root, language = finder_root(context)
            values["reader_language"] = language or ""
            state = finder_state(data.get("page"))
            values["target_url"] = (
                root.absolute_url() + "/@@offer-finder" + (f"?{state}" if state else "")
            )
            values["target_title"] = api.portal.translate(
                _("Offer finder without results"),
                lang=values["reader_language"] or None,
            )
        else:
            values["target_uid"] = context.UID()
            values["target_url"] = context.absolute_url()
            values["target_title"] = context.Title()
        store.file_report(folder, values)
        store.run_daily(folder)
        return self._thanks(helpful)

    def _vote_data(self):
        """What a one-click vote brings along: the trap, the finder state."""
        form = self.request.form
        return {
            "website": last_value(form.get("form.widgets.website")),
            "page": last_value(form.get("form.widgets.page")),
        }

    def _thanks(self, helpful):
        sent = "report" if helpful is None else ("yes" if helpful else "no")
        query = {"sent": sent}
        state = finder_state(last_value(self.request.form.get("form.widgets.page")))
        if state and kind_of(self.context) == FINDER:
            query["page"] = state
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@feedback?{urlencode(query)}", status=303
        )
        return sent

    @button.buttonAndHandler(_("Send the report"), name="report")
    def handle_report(self, action):
        data, errors = self.extractData()
        if errors:
            self.problem = _("Please check the fields marked below.")
            self.request.response.setStatus(400)
            return
        chosen = self.request.form.get("form.widgets.reason")
        if not data.get("reason"):
            self.problem = (
                _("Please choose one of the reasons.")
                if not chosen or chosen in ([""], "", ["--NOVALUE--"])
                else _("This reason is not one of the list. Please choose one.")
            )
            self.request.response.setStatus(400)
            return
        if data.get("email") and data.get("consent") is not True:
            self.problem = _(
                "Please tick the box if the editors may write to you, or leave "
                "the address out."
            )
            self.request.response.setStatus(400)
            return
        if not data.get("email"):
            data["email"] = None
        if self._admitted():
            self._file(None, data)

    @button.buttonAndHandler(_("Yes"), name="yes")
    def handle_yes(self, action):
        if self._admitted():
            self._file(True, self._vote_data())

    @button.buttonAndHandler(_("No"), name="no")
    def handle_no(self, action):
        if self._admitted():
            self._file(False, self._vote_data())


class FeedbackView(FormWrapper):
    """``@@feedback`` on a page: the whole form, and the thanks after."""

    form = FeedbackForm

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        return super().__call__()

    def retention_days(self):
        return store.retention_days()

    @property
    def sent(self):
        value = self.request.form.get("sent")
        return value if value in ("yes", "no", "report") else None

    def page_title(self):
        if kind_of(self.context) == FINDER:
            return api.portal.translate(_("Offer finder"))
        return self.context.Title()

    def page_url(self):
        if kind_of(self.context) == FINDER:
            state = finder_state(last_value(self.request.form.get("page")))
            return (
                self.context.absolute_url()
                + "/@@offer-finder"
                + (f"?{state}" if state else "")
            )
        return self.context.absolute_url()


def page_token():
    """The form token of the box, the same on every page for one user:
    plone.protect's ``createToken`` picks a random key of the keyring each
    time, which would make every anonymous page differ from the one kept
    in the page cache. This takes the ring's current key; plone.protect's
    check accepts every key of the ring, so the token stays valid until
    that key is rotated out."""
    user = _getUserName()
    ring = _getKeyring(user)
    key = ring.current or createToken()
    return hmac.new(key.encode("utf-8"), user.encode("utf-8"), sha1).hexdigest()


class BoxParts:
    """What the box's template needs, on a page and in the finder."""

    staff = False
    open_count = 0
    page_state = ""

    def available(self):
        return True

    def action_url(self):
        return self.context.absolute_url() + "/@@feedback"

    def token(self):
        return page_token()

    def reasons(self):
        return [{"token": t, "title": title} for t, title in REASONS.items()]

    def prefix(self):
        return "ip-feedback-" + (self.kind or "page")


class FeedbackBoxViewlet(BoxParts, ViewletBase):
    """Below an offer, organisation, contact, chain or step: the box for
    readers, and for the editorial staff the number of open reports."""

    def update(self):
        super().update()
        self.kind = KINDS.get(getattr(self.context, "portal_type", None))
        self.staff = bool(self.kind) and reviewer()
        if self.staff:
            uid = self.context.UID()
            self.open_count = store.open_counts([uid]).get(uid, 0)
            root = getNavigationRootObject(self.context, api.portal.get())
            self.inbox_url = f"{root.absolute_url()}/@@feedback-inbox?" + urlencode(
                {"target": uid, "state": "open"}
            )

    def available(self):
        # on the page itself, not on its edit form or another view of it
        return bool(self.kind) and self.context_state.is_view_template()

    @property
    def context_state(self):
        return api.content.get_view("plone_context_state", self.context, self.request)


class FinderFeedbackBox(BoxParts, BrowserView):
    """``@@feedback-box`` on a language root: the box under the finder's
    empty result, about that search."""

    kind = FINDER

    def __call__(self, state=""):
        self.page_state = state
        return self.index()
