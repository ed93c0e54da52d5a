"""TaskTile: one large tile on a language's start page (a task a reader
wants to do), kept in the language root in the editor's order."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Bootstrap icons that Plone's icon resolver serves (plone.staticresources),
# each with what it stands for on a tile.
TILE_ICONS = (
    ("ui-checks-grid", _("Questions (checklist)")),
    ("search", _("Search")),
    ("signpost-split", _("Way (signpost)")),
    ("people", _("People")),
    ("person-raised-hand", _("Counselling (raised hand)")),
    ("building", _("Office (building)")),
    ("universal-access", _("Accessibility")),
    ("book", _("Easy language (book)")),
    ("ear", _("Sign language (ear)")),
    ("house-add", _("Offer a flat (house)")),
    ("briefcase", _("Work (briefcase)")),
    ("mortarboard", _("Training (mortarboard)")),
    ("translate", _("Languages")),
    ("geo-alt", _("Place (map pin)")),
    ("telephone", _("Telephone")),
    ("newspaper", _("News")),
    ("info-circle", _("Information")),
)
ICON_NAMES = tuple(name for name, _title in TILE_ICONS)


@provider(IVocabularyFactory)
def TileIconsVocabulary(context):
    return SimpleVocabulary(
        [SimpleTerm(name, name, title) for name, title in TILE_ICONS]
    )


class ITaskTile(model.Schema):
    """A title (the task, short), one plain sentence (the description) and
    where the tile leads: a page of the portal or an address."""

    target = RelationChoice(
        title=_("Leads to a page of the portal"),
        description=_("Choose the page the tile opens, or give an address below."),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.widget(
        "target",
        ContentBrowserFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"maximumSelectionSize": 1},
    )
    target_url = schema.TextLine(
        title=_("Or leads to this address"),
        description=_(
            "Used when no page is chosen above. ${navigation_root_url} stands "
            "for the start of this language, ${portal_url} for the portal, "
            "e.g. ${navigation_root_url}/@@offer-finder."
        ),
        required=False,
    )
    icon = schema.Choice(
        title=_("Icon"),
        vocabulary="integrationsportal.TileIcons",
        required=True,
        default="info-circle",
    )

    languageindependent("icon")

    @invariant
    def has_target(data):
        if (
            not getattr(data, "target", None)
            and not (getattr(data, "target_url", None) or "").strip()
        ):
            raise Invalid(_("Choose a page or give an address."))


@implementer(ITaskTile)
class TaskTile(Item):
    """A task tile on a start page."""
