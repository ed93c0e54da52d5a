"""Each round table has its own member group. The group holds the local role
RoundTableMember on the table, which alone (with the site's administrators
and the table's owners) sees and changes what is inside. Table managers
(owners of the table) add and remove members from the table's page."""

from plone import api


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
    from plone.base.interfaces import IPloneSiteRoot

    if IPloneSiteRoot.providedBy(event.object):  # the whole site goes
        return
    group = getattr(table, "member_group", None)
    if group and api.group.get(groupname=group) is not None:
        api.group.delete(groupname=group)


def members(table):
    group = getattr(table, "member_group", None)
    if not group:
        return []
    return sorted(api.user.get_users(groupname=group), key=lambda user: user.getId())


def action_items(context, **query):
    """Action items under ``context`` that the current user may see."""
    return api.content.find(context=context, portal_type="ActionItem", **query)
