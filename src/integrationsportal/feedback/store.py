"""Filing, counting and deleting the readers' reports.

The reports live in one staff-only folder at the portal root (made with the
first report). Its memory of recent senders, hashed networks only, holds
the per-address limit; being ZODB data, it holds across the instances of a
cluster. Reports marked done are deleted after the configured number of
days, and a reader's address on the date promised to them, by a job that
runs at most once a day on an occasion that writes anyway (a new report),
as the housing tool's retention does."""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
from datetime import timedelta
from integrationsportal import logger
from integrationsportal.feedback.content import EMAIL_DAYS
from integrationsportal.feedback.content import FOLDER_ID
from integrationsportal.shared.request import network_of
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.WorkflowCore import WorkflowException
import hashlib
import secrets
import time
import transaction


WORKFLOW = "integrationsportal_feedback_workflow"
OPEN = "open"
DONE = "done"
WINDOW = 3600  # seconds: the per-address limit counts one hour
DAY = 24 * 3600
RETENTION_RECORD = "integrationsportal.feedback_retention_days"
LIMIT_RECORD = "integrationsportal.feedback_reports_per_hour"
DEFAULT_RETENTION_DAYS = 365
DEFAULT_REPORTS_PER_HOUR = 10


def reports_folder(create=False):
    """The folder of the reports; made (by the system) when ``create``."""
    portal = api.portal.get()
    folder = portal.get(FOLDER_ID)
    if folder is None and create:
        # not addable anywhere by hand (global_allow is off): made here only
        with api.env.adopt_roles(["Manager"]):
            folder = createContentInContainer(
                portal,
                "FeedbackReports",
                checkConstraints=False,
                id=FOLDER_ID,
                title="Rückmeldungen",
                exclude_from_nav=True,
            )
        folder.manage_delLocalRoles([u for u, _roles in folder.get_local_roles()])
        folder.reindexObjectSecurity()
    return folder


def _record(name, default):
    value = api.portal.get_registry_record(name, default=default)
    return value if isinstance(value, int) and value > 0 else default


def retention_days():
    return _record(RETENTION_RECORD, DEFAULT_RETENTION_DAYS)


def reports_per_hour():
    return _record(LIMIT_RECORD, DEFAULT_REPORTS_PER_HOUR)


class Limit:
    """The folder's memory of recent senders: hashed networks and times."""

    def __init__(self, folder):
        self.folder = folder
        if getattr(folder, "_recent_senders", None) is None:
            folder._recent_senders = OOBTree()
        if not getattr(folder, "_limit_salt", None):
            folder._limit_salt = secrets.token_hex(16)

    def _key(self, client):
        text = f"{self.folder._limit_salt}|{network_of(client)}"
        return hashlib.sha256(text.encode()).hexdigest()

    def admit(self, client, limit, now=None):
        """Count one more report from ``client`` unless ``limit`` came from
        its network within the hour; whether it was admitted."""
        now = now or time.time()
        tree = self.folder._recent_senders
        for key in [k for k, times in tree.items() if now - times[-1] > WINDOW]:
            del tree[key]
        key = self._key(client)
        times = tuple(t for t in tree.get(key, ()) if now - t < WINDOW)
        if len(times) >= limit:
            return False
        tree[key] = (*times, now)
        return True


def file_report(folder, values, today=None):
    """File one report (``values``: the fields of ``IFeedback``); returns it.
    A plain "helpful" vote needs no work and is filed as done."""
    today = today or date.today()
    if values.get("email"):
        values["email_until"] = today + timedelta(days=EMAIL_DAYS)
    title = values.get("target_title") or values.get("target_url") or ""
    with api.env.adopt_roles(["Manager"]):
        report = api.content.create(
            container=folder,
            type="Feedback",
            id=f"r-{datetime.now():%Y%m%d%H%M%S}-{secrets.token_hex(3)}",
            title=title[:200],
            safe_id=False,
            **values,
        )
        report.manage_delLocalRoles([u for u, _roles in report.get_local_roles()])
        if values.get("helpful") is True and not values.get("reason"):
            api.content.transition(report, transition="resolve")
            report.done_since = datetime.now().astimezone()
        report.reindexObject()
    return report


def open_counts(uids):
    """{page UID: number of open reports (with a reason)} for the given
    pages, as the current user may see them (nothing for readers)."""
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    counts = {}
    for brain in catalog(
        portal_type="Feedback", review_state=OPEN, feedback_target=list(uids)
    ):
        if not brain.feedback_reason:
            continue  # a "not helpful" vote: in the inbox, not a report
        counts[brain.feedback_target] = counts.get(brain.feedback_target, 0) + 1
    return counts


def mark_done(report, note, user_id):
    report.done_note = (note or "").strip()[:1000] or None
    report.done_since = datetime.now().astimezone()
    report.done_by = user_id
    if api.content.get_state(report) != DONE:
        api.content.transition(report, to_state=DONE)
    report.reindexObject()


def reopen(report):
    report.done_since = None
    if api.content.get_state(report) != OPEN:
        api.content.transition(report, to_state=OPEN)
    report.reindexObject()


def _done_since(report):
    if report.done_since is not None:
        return report.done_since
    history = (getattr(report, "workflow_history", {}) or {}).get(WORKFLOW, ())
    if history and history[-1].get("review_state") == DONE:
        return history[-1]["time"].asdatetime()
    return None


def expire(folder, days=None, now=None, today=None):
    """The retention job: delete reports done ``days`` days ago or longer,
    and readers' addresses past the date they were promised. Returns
    (reports deleted, addresses erased)."""
    days = retention_days() if days is None else days
    now = now or datetime.now().astimezone()
    today = today or date.today()
    gone, erased = [], 0
    for report in list(folder.objectValues()):
        if report.portal_type != "Feedback":
            continue
        done = _done_since(report)
        if done is not None and now - done >= timedelta(days=days):
            gone.append(report.getId())
            continue
        if report.email and report.email_until and report.email_until <= today:
            report.email = None
            report.email_until = None
            report.reindexObject()
            erased += 1
    if gone:
        with api.env.adopt_roles(["Manager"]):
            folder.manage_delObjects(list(gone))  # it empties the list it gets
    if gone or erased:
        logger.info(
            "Feedback retention: %d reports deleted, %d addresses erased",
            len(gone),
            erased,
        )
    return len(gone), erased


def run_daily(folder, now=None):
    """The retention job once a day at most; a problem here never costs
    the report that set it off."""
    now = now or time.time()
    if now - (folder.last_retention_run or 0) < DAY:
        return None
    savepoint = transaction.savepoint()
    try:
        result = expire(folder)
    except (WorkflowException, AttributeError, KeyError, ValueError):
        savepoint.rollback()
        logger.exception("Feedback retention failed; it runs again tomorrow")
        return None
    folder.last_retention_run = now
    return result
