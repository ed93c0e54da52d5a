"""Each round table has its own member group. The group holds the local role
RoundTableMember on the table, which alone (with the site's administrators
and the table's owners) sees and changes what is inside. Table managers
(owners of the table) add and remove members from the table's page."""

from integrationsportal import _
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import Forbidden


MEMBER_ROLE = "RoundTableMember"


def group_id(table):
    return f"roundtable-{table.UID()[:12]}"


def table_created(table, event):
    group = group_id(table)
    if api.group.get(groupname=group) is None:
        api.group.create(
            groupname=group,
            title=f"Runder Tisch: {table.Title()}",
            description="Members of this round table.",
        )
    table.member_group = group
    table.manage_setLocalRoles(group, [MEMBER_ROLE])
    creator = table.Creator()
    if creator and api.user.get(username=creator) is not None:
        api.group.add_user(groupname=group, username=creator)
    table.reindexObjectSecurity()


def table_removed(table, event):
    group = getattr(table, "member_group", None)
    if group and api.group.get(groupname=group) is not None:
        api.group.delete(groupname=group)


def members(table):
    group = getattr(table, "member_group", None)
    if not group:
        return []
    return sorted(api.user.get_users(groupname=group), key=lambda user: user.getId())


class MembersView(BrowserView):
    """``@@members``: who belongs to the table; managers add and remove."""

    def __call__(self):
        self.messages = []
        self.problems = []
        if self.request.method == "POST":
            try:
                CheckAuthenticator(self.request)
            except Forbidden:
                self.problems.append(
                    _("The form has expired. Please load the page again.")
                )
                return self.index()
            if not self.may_manage():
                raise Forbidden("managing members")
            self.apply(self.request.form)
        return self.index()

    def may_manage(self):
        return api.user.has_permission(
            "integrationsportal: Manage round table members", obj=self.context
        )

    def apply(self, form):
        group = self.context.member_group
        add = (form.get("add") or "").strip()
        remove = form.get("remove") or ""
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
        return [
            {
                "id": user.getId(),
                "name": user.getProperty("fullname") or user.getId(),
            }
            for user in members(self.context)
        ]
