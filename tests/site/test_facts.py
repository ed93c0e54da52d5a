"""Facts the features share, each kept in one place: the district's
municipalities, the internal types, the action items' statuses."""

from integrationsportal.roundtables.content import ACTION_ITEM_STATUSES
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.municipalities import municipalities
from integrationsportal.shared.municipalities import municipality_name
from integrationsportal.shared.types import INTERNAL_TYPES
from plone import api


def test_municipalities_in_the_districts_order_each_once(portal):
    api.portal.set_registry_record(
        "integrationsportal.municipalities",
        ["Neudorf am See", "Altstadt", "Neudorf  am See", "Übersee"],
    )
    assert municipalities() == [
        ("neudorf-am-see", "Neudorf am See"),
        ("altstadt", "Altstadt"),
        ("ubersee", "Übersee"),
    ]
    assert municipality_name("ubersee") == "Übersee"
    assert municipality_name("weggezogen") == "weggezogen"  # no longer listed
    terms = vocabulary("integrationsportal.Municipalities", portal)
    assert [(t.value, t.title) for t in terms] == municipalities()


def test_internal_types_are_never_public_nor_translated(portal):
    workflows = api.portal.get_tool("portal_workflow")
    types = api.portal.get_tool("portal_types")
    for portal_type in INTERNAL_TYPES:
        (chain,) = workflows.getChainForPortalType(portal_type)
        assert "publication" not in chain, portal_type
        assert "plone.translatable" not in types[portal_type].behaviors


def test_action_item_statuses_are_the_vocabulary(portal):
    terms = vocabulary("integrationsportal.ActionItemStatus", portal)
    assert [(t.value, t.title) for t in terms] == list(ACTION_ITEM_STATUSES)
