"""Permission names, as declared in permissions.zcml."""

ViewStaffFields = "integrationsportal.ViewStaffFields"
ModifyStaffFields = "integrationsportal.ModifyStaffFields"
