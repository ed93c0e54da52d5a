"""Permission names, as declared in permissions.zcml."""

ViewStaffFields = "integrationsportal.ViewStaffFields"
ModifyStaffFields = "integrationsportal.ModifyStaffFields"

# Housing: flats that landlords offer (permissions.zcml, rolemap.xml).
ManageHousing = "integrationsportal.ManageHousing"
ViewLandlordData = "integrationsportal.ViewLandlordData"
ManageRentLimits = "integrationsportal.ManageRentLimits"
ViewHousingFigures = "integrationsportal.ViewHousingFigures"
RunHousingRetention = "integrationsportal.RunHousingRetention"
