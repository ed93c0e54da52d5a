"""``@@feedback-inbox`` on the portal and on each language root: the
editors' list of the readers' reports, with filters (state, kind of page,
reason, language, section, one page), and marking a report done with a
note, or open again. On a language root the list starts with that
language's reports."""

from AccessControl import Unauthorized
from integrationsportal import _
from integrationsportal.feedback import store
from integrationsportal.feedback.content import KIND_TITLES
from integrationsportal.feedback.content import REASONS
from integrationsportal.feedback.views import reviewer
from integrationsportal.hardening.guard import ClientError
from integrationsportal.shared.formatting import language_name
from integrationsportal.shared.languages import direction
from integrationsportal.shared.request import last_value
from integrationsportal.translation import language_of
from plone import api
from plone.base.batch import Batch
from plone.base.interfaces import IPloneSiteRoot
from plone.protect.authenticator import check as check_token
from Products.CMFCore.permissions import View
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import Forbidden


PAGE_SIZE = 30
STATES = ("open", "done", "all")
FILTERS = ("state", "kind", "reason", "language", "section", "target")


class FeedbackInbox(BrowserView):
    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        if not reviewer():
            # the view's permission holds on this language root (an Editor
            # there, such as a translator), but not where the reports are
            raise Unauthorized("The readers' reports are for the editorial staff.")
        if self.request.get("REQUEST_METHOD") == "POST":
            return self.act()
        self.problems = []
        self.filters = self.read_filters()
        return self.index()

    # -- filters ---------------------------------------------------------

    def languages(self):
        return list(
            api.portal.get_registry_record("plone.available_languages", default=[])
            or []
        )

    def sections(self):
        catalog = api.portal.get_tool("portal_catalog")
        return sorted(v for v in catalog.uniqueValuesFor("feedback_section") if v)

    def read_filters(self):
        form = self.request.form
        chosen = {name: last_value(form.get(name)).strip() for name in FILTERS}
        allowed = {
            "state": STATES,
            "kind": tuple(KIND_TITLES),
            "reason": (*REASONS, "helpful", "not-helpful"),
            "language": (*self.languages(), "all"),
        }
        for name, values in allowed.items():
            if chosen[name] and chosen[name] not in values:
                self.problems.append(
                    _(
                        "The filter “${name}” has no value “${value}”; it is left out.",
                        mapping={"name": name, "value": chosen[name][:40]},
                    )
                )
                chosen[name] = ""
        if len(chosen["section"]) > 200 or len(chosen["target"]) > 40:
            chosen["section"] = chosen["target"] = ""
        chosen["state"] = chosen["state"] or "open"
        if not chosen["language"] and not IPloneSiteRoot.providedBy(self.context):
            chosen["language"] = language_of(self.context) or "all"
        return chosen

    def query(self):
        f = self.filters
        query = {
            "portal_type": "Feedback",
            "sort_on": "created",
            "sort_order": "descending",
        }
        if f["state"] != "all":
            query["review_state"] = f["state"]
        if f["kind"]:
            query["feedback_kind"] = f["kind"]
        if f["reason"] in REASONS:
            query["feedback_reason"] = f["reason"]
        elif f["reason"] == "helpful":
            query["feedback_helpful"] = "yes"
        elif f["reason"] == "not-helpful":
            query["feedback_helpful"] = "no"
        if f["language"] and f["language"] != "all":
            query["feedback_language"] = f["language"]
        if f["section"]:
            query["feedback_section"] = f["section"]
        if f["target"]:
            query["feedback_target"] = f["target"]
        return query

    def batch(self):
        catalog = api.portal.get_tool("portal_catalog")
        try:
            start = max(0, int(last_value(self.request.form.get("b_start")) or 0))
        except ValueError:
            start = 0
        return Batch(catalog(**self.query()), PAGE_SIZE, start)

    def item(self, brain):
        report = brain.getObject()
        helpful = {True: _("Yes"), False: _("No"), None: ""}[report.helpful]
        return {
            "id": report.getId(),
            "page_url": report.target_url or "",
            "page_title": report.target_title or report.target_url or "",
            "kind": KIND_TITLES.get(report.kind, report.kind or ""),
            "section": report.section or "",
            "language": language_name(report.reader_language, native=False)
            if report.reader_language
            else "",
            "code": report.reader_language or "",
            "dir": direction(report.reader_language or "de"),
            "reason": REASONS.get(report.reason, ""),
            "helpful": helpful,
            "text": report.text or "",
            "email": report.email or "",
            "email_until": api.portal.get_localized_time(report.email_until)
            if report.email_until
            else "",
            "open": api.content.get_state(report) == store.OPEN,
            "created": api.portal.get_localized_time(brain.created, long_format=True),
            "done_note": report.done_note or "",
        }

    def url_with(self, **changes):
        values = {**self.filters, **changes}
        return f"{self.context.absolute_url()}/@@feedback-inbox?" + urlencode(
            {k: v for k, v in values.items() if v}
        )

    def kind_options(self):
        return [{"value": k, "title": t} for k, t in KIND_TITLES.items()]

    def reason_options(self):
        return [{"value": k, "title": t} for k, t in REASONS.items()] + [
            {"value": "helpful", "title": _("Helpful: yes")},
            {"value": "not-helpful", "title": _("Helpful: no")},
        ]

    def state_options(self):
        return [
            {"value": "open", "title": _("Open")},
            {"value": "done", "title": _("Done")},
            {"value": "all", "title": _("All")},
        ]

    # -- marking done ----------------------------------------------------

    def act(self):
        try:
            check_token(self.request)
        except Forbidden:
            raise Forbidden(
                "The form token is missing or expired; reload the inbox."
            ) from None
        report_id = last_value(self.request.form.get("report"))
        action = last_value(self.request.form.get("action"))
        folder = store.reports_folder()
        report = folder.get(report_id) if folder is not None and report_id else None
        if report is None or report.portal_type != "Feedback":
            raise ClientError(_("This report does not exist any more."), status=404)
        if not api.user.has_permission(View, obj=report):
            raise Unauthorized("The readers' reports are for the editorial staff.")
        if action == "done":
            note = last_value(self.request.form.get("note"))
            store.mark_done(report, note, api.user.get_current().getId())
            message = _("The report is marked done.")
        elif action == "reopen":
            store.reopen(report)
            message = _("The report is open again.")
        else:
            raise ClientError(_("Choose “Mark done” or “Open again”."))
        api.portal.show_message(message, request=self.request)
        back = last_value(self.request.form.get("came_from"))
        inbox = f"{self.context.absolute_url()}/@@feedback-inbox"
        if not back.startswith(inbox):
            back = inbox
        self.request.response.redirect(back, status=303)
        return ""


class ToTheInbox(BrowserView):
    """The reports' folder leads to the portal's inbox."""

    def __call__(self):
        portal = api.portal.get()
        self.request.response.redirect(f"{portal.absolute_url()}/@@feedback-inbox")
        return ""
