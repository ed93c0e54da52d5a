"""Control panel: the district's settings (ISiteSettings in the registry)."""

from integrationsportal import _
from integrationsportal.interfaces import ISiteSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class SiteSettingsForm(RegistryEditForm):
    schema = ISiteSettings
    schema_prefix = "integrationsportal"
    label = _("Integrationsportal settings")
    description = _(
        "The district, its municipalities and how often offers need checking. "
        "The lists of categories, target groups and other choices are edited "
        "in the control panel 'Vocabularies'."
    )


class SiteSettingsControlPanel(ControlPanelFormWrapper):
    form = SiteSettingsForm
