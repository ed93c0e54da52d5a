"""Control panel "Maps and places": tiles, geocoding, journey planner and
the district's gazetteer (IPlacesSettings in the registry)."""

from integrationsportal import _
from integrationsportal.places.interfaces import IPlacesSettings
from integrationsportal.places.interfaces import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class PlacesSettingsForm(RegistryEditForm):
    schema = IPlacesSettings
    schema_prefix = PREFIX
    label = _("Maps and places")
    description = _(
        "Where the map tiles come from, whether addresses may be looked up "
        "by another service, the journey planner, and the district's "
        "municipality centres, postal codes and outline."
    )


class PlacesControlPanel(ControlPanelFormWrapper):
    form = PlacesSettingsForm
