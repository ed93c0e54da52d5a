"""The add-on's permissions as the code uses them: the id (zcml
``permission=`` attributes, plone.autoform's ``read_permission`` and
``write_permission``) and the title (the Zope permission name:
``checkPermission``, ``api.user.has_permission``, rolemap.xml, workflows).

The zcml registers them with Zope: permissions.zcml, and each content type's
add permission in its feature folder, with its default roles. A test checks
that every permission is declared once, that each constant here matches its
declaration, and that no code writes a title out. Plone's own permissions
come from ``Products.CMFCore.permissions`` and ``plone.base.permissions``."""

from typing import NamedTuple


class Permission(NamedTuple):
    id: str
    title: str


# Round tables: who may add and remove a table's members.
ManageRoundTableMembers = Permission(
    "integrationsportal.ManageRoundTableMembers",
    "integrationsportal: Manage round table members",
)

# Publishing one's own submission, past the four-eyes rule (Manager only).
PublishWithoutReview = Permission(
    "integrationsportal.PublishWithoutReview",
    "integrationsportal: Publish without second review",
)

# Staff-only fields (a contact's internal phone and notes).
ViewStaffFields = Permission(
    "integrationsportal.ViewStaffFields", "integrationsportal: View staff-only fields"
)
ModifyStaffFields = Permission(
    "integrationsportal.ModifyStaffFields",
    "integrationsportal: Modify staff-only fields",
)

# Housing: the flats landlords offer through the public form. (The other
# types' add permissions are declared with their types and used by no code.)
AddHousingOffer = Permission(
    "integrationsportal.AddHousingOffer", "integrationsportal: Add HousingOffer"
)
ManageHousing = Permission(
    "integrationsportal.ManageHousing", "integrationsportal: Manage housing offers"
)
ViewLandlordData = Permission(
    "integrationsportal.ViewLandlordData", "integrationsportal: View landlord data"
)
ManageRentLimits = Permission(
    "integrationsportal.ManageRentLimits", "integrationsportal: Manage rent limits"
)
ViewHousingFigures = Permission(
    "integrationsportal.ViewHousingFigures", "integrationsportal: View housing figures"
)
RunHousingRetention = Permission(
    "integrationsportal.RunHousingRetention",
    "integrationsportal: Run housing data retention",
)

# Key figures and demand planning (steering group).
ViewKeyFigures = Permission(
    "integrationsportal.ViewKeyFigures", "integrationsportal: View key figures"
)
EnterDemand = Permission(
    "integrationsportal.EnterDemand", "integrationsportal: Enter demand figures"
)

# Feedback: the readers' reports, their inbox and counts (editorial staff).
ReviewFeedback = Permission(
    "integrationsportal.ReviewFeedback", "integrationsportal: Review feedback"
)


# Every permission above, in order.
ALL = tuple(
    value for value in dict(globals()).values() if isinstance(value, Permission)
)
