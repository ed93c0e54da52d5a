"""Every permission of the add-on: its id (zcml ``permission=`` attributes,
plone.autoform's ``read_permission``/``write_permission``, FTIs) and its
title (the Zope permission name: ``checkPermission``,
``api.user.has_permission``, rolemap.xml and the workflows).

permissions.zcml registers them with Zope; a test checks that it declares
exactly these. Plone's own permissions come from ``Products.CMFCore.permissions``
and ``plone.base.permissions``."""

from typing import NamedTuple


class Permission(NamedTuple):
    id: str
    title: str


# Adding the portal's types (one add permission per type; the FTIs name the
# ids, profiles/default/rolemap.xml grants the titles).
AddOffer = Permission("integrationsportal.AddOffer", "integrationsportal: Add Offer")
AddOrganisation = Permission(
    "integrationsportal.AddOrganisation", "integrationsportal: Add Organisation"
)
AddContact = Permission(
    "integrationsportal.AddContact", "integrationsportal: Add Contact"
)
AddGoodPractice = Permission(
    "integrationsportal.AddGoodPractice", "integrationsportal: Add GoodPractice"
)
AddProcessChain = Permission(
    "integrationsportal.AddProcessChain", "integrationsportal: Add ProcessChain"
)
AddProcessStep = Permission(
    "integrationsportal.AddProcessStep", "integrationsportal: Add ProcessStep"
)
AddRoundTable = Permission(
    "integrationsportal.AddRoundTable", "integrationsportal: Add RoundTable"
)
AddMeeting = Permission(
    "integrationsportal.AddMeeting", "integrationsportal: Add Meeting"
)
AddActionItem = Permission(
    "integrationsportal.AddActionItem", "integrationsportal: Add ActionItem"
)

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

# Housing: the flats landlords offer through the public form.
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


# Every permission above, in order.
ALL = tuple(
    value for value in dict(globals()).values() if isinstance(value, Permission)
)
