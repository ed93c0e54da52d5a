"""Control panel: the district's identity (name, colours, contact, legal
links); colours whose text contrast is below 4.5:1 are refused. Logo and
favicon are set in Plone's own "Site" control panel."""

from integrationsportal import _
from integrationsportal.interfaces import IIdentitySettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class IdentityForm(RegistryEditForm):
    schema = IIdentitySettings
    schema_prefix = "integrationsportal.identity"
    label = _("Identity")
    description = _(
        "How the district appears on every page. The logo and the favicon "
        "are set in the control panel 'Site'."
    )


class IdentityControlPanel(ControlPanelFormWrapper):
    form = IdentityForm
