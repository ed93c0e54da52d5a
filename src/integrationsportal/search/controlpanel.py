"""Control panel *Search glossary*: the glossary in the registry
(``integrationsportal.search_glossary``), checked line by line on save."""

from integrationsportal import _
from integrationsportal.search.glossary import GlossaryError
from integrationsportal.search.glossary import parse
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid


def _readable(value):
    try:
        parse(value)
    except GlossaryError as error:
        raise Invalid(str(error)) from error
    return True


class ISearchSettings(Interface):
    """The search settings, in the registry under the prefix
    ``integrationsportal``."""

    search_glossary = schema.Text(
        title=_("Search glossary"),
        description=_(
            "One group of words per line. Words joined by '=' find each other "
            "in every language of the site; words left of '->' also find the "
            "words on its right, not the other way round. A word may start with "
            "a language code and a colon (en:, tr:) to say how it is read; "
            "without one, Latin letters are read as German, Arabic letters as "
            "Arabic and Farsi, Cyrillic as Ukrainian. Lines starting with # are "
            "notes. Changes apply to the next search."
        ),
        required=False,
        default="",
        constraint=_readable,
    )


class SearchSettingsForm(RegistryEditForm):
    schema = ISearchSettings
    schema_prefix = "integrationsportal"
    label = _("Search glossary")
    description = _(
        "Words readers type and the words the portal's pages use: the search "
        "finds either. A search in Arabic also finds offers that exist only in "
        "German when the glossary joins their words."
    )


class SearchSettingsControlPanel(ControlPanelFormWrapper):
    form = SearchSettingsForm
