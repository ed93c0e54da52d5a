"""The round table's pages: its start page, members, action items and
the meetings as a calendar."""

from integrationsportal import _
from integrationsportal.permissions import ManageRoundTableMembers
from integrationsportal.roundtables.content import ACTION_ITEM_STATUSES
from integrationsportal.roundtables.content import DONE
from integrationsportal.roundtables.groups import action_items
from integrationsportal.roundtables.groups import members
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import Forbidden


class MembersView(BrowserView):
    """``@@members``: who belongs to the table; managers add and remove."""

    def __call__(self):
        self.messages = []
        self.problems = []
        if self.request.method == "POST":
            if not self.may_manage():
                raise Forbidden("Only the table's managers change its members.")
            try:
                CheckAuthenticator(self.request)
            except Forbidden:
                self.request.response.setStatus(403)
                self.problems.append(
                    _("The form has expired. Please load the page again.")
                )
                return self.index()
            self.apply(self.request.form)
        return self.index()

    def may_manage(self):
        return api.user.has_permission(ManageRoundTableMembers.title, obj=self.context)

    def apply(self, form):
        group = self.context.member_group
        add = (form.get("add") or "").strip()
        remove = form.get("remove") or ""
        manager = form.get("manager") or ""
        if manager:
            if manager not in {user.getId() for user in members(self.context)}:
                self.problems.append(_("Only members can manage the table."))
            else:
                self.context.manage_addLocalRoles(manager, ["Owner"])
                self.context.reindexObjectSecurity()
                self.messages.append(
                    _("${name} now manages the table.", mapping={"name": manager})
                )
        if add:
            user = api.user.get(username=add)
            if user is None:
                self.problems.append(
                    _("No user “${name}” exists.", mapping={"name": add[:60]})
                )
            else:
                api.group.add_user(groupname=group, user=user)
                self.messages.append(
                    _("${name} is now a member.", mapping={"name": user.getId()})
                )
        if remove:
            if api.user.get(username=remove) is None:
                self.problems.append(
                    _("No user “${name}” exists.", mapping={"name": str(remove)[:60]})
                )
            else:
                api.group.remove_user(groupname=group, username=remove)
                self.messages.append(
                    _("${name} is no longer a member.", mapping={"name": remove})
                )

    def members(self):
        managers = {
            user_id
            for user_id, roles in self.context.get_local_roles()
            if "Owner" in roles
        }
        return [
            {
                "id": user.getId(),
                "name": user.getProperty("fullname") or user.getId(),
                "manager": user.getId() in managers,
            }
            for user in members(self.context)
        ]


class ActionItemsView(BrowserView):
    """``@@action-items`` on a table (all of its items, overdue first) or on
    the portal (the current user's items across their tables)."""

    def __call__(self):
        return self.index()

    def mine_only(self):
        from plone.base.interfaces import IPloneSiteRoot

        return IPloneSiteRoot.providedBy(self.context) or self.request.get("mine")

    def items(self):
        from datetime import date

        today = date.today()
        user = api.user.get_current().getId()
        statuses = dict(ACTION_ITEM_STATUSES)
        rows = []
        for brain in action_items(self.context, sort_on="sortable_title"):
            item = brain.getObject()
            if self.mine_only() and item.responsible != user:
                continue
            overdue = bool(item.due and item.due < today and item.status != DONE)
            rows.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "table": item.__parent__.Title(),
                    "responsible": item.responsible or "",
                    "due": item.due,
                    "due_text": item.due.strftime("%d.%m.%Y") if item.due else "",
                    "status": statuses.get(item.status, item.status),
                    "done": item.status == DONE,
                    "overdue": overdue,
                }
            )
        rows.sort(key=lambda r: (not r["overdue"], r["done"], r["due"] or date.max))
        return rows


class MeetingsCalendar(BrowserView):
    """``@@meetings.ics``: the table's meetings as an iCalendar file."""

    def __call__(self):
        import vobject

        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//Integrationsportal//Round table//DE"
        calendar.add("x-wr-calname").value = self.context.Title()
        for brain in api.content.find(
            context=self.context, portal_type="Meeting", sort_on="created"
        ):
            meeting = brain.getObject()
            event = calendar.add("vevent")
            event.add("uid").value = f"{meeting.UID()}@integrationsportal"
            event.add("summary").value = meeting.Title()
            event.add("dtstart").value = meeting.start
            if meeting.end:
                event.add("dtend").value = meeting.end
            if meeting.place:
                event.add("location").value = meeting.place
            event.add("url").value = meeting.absolute_url()
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}.ics"'
        )
        return calendar.serialize().encode("utf-8")


class RoundTableView(BrowserView):
    """The table's page: latest minutes first, open tasks, files, members."""

    def __call__(self):
        return self.index()

    def meetings(self):
        rows = []
        for brain in api.content.find(context=self.context, portal_type="Meeting"):
            meeting = brain.getObject()
            rows.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "start": meeting.start,
                    "when": api.portal.get_localized_time(
                        meeting.start, long_format=True
                    ),
                    "has_minutes": bool(
                        meeting.minutes and meeting.minutes.raw.strip()
                    ),
                }
            )
        rows.sort(key=lambda row: row["start"], reverse=True)
        return rows

    def files(self):
        return api.content.find(
            context=self.context,
            portal_type=["File", "Image"],
            sort_on="sortable_title",
        )

    def open_items(self):
        return [
            brain
            for brain in action_items(self.context, sort_on="sortable_title")
            if brain.getObject().status != DONE
        ]
