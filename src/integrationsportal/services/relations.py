"""plone.restapi: relation fields (an offer's provider and contacts, a
contact's organisation, a chain step's actors) expand into summaries a client
can use without a second request: kind, place, phone and email of an
organisation; position, organisation, phone and email of a contact person.

Only targets the reader may view are listed: a relation to a private contact
shows nothing to an anonymous visitor (plone.restapi's default would show its
title). Staff-only fields are never part of a summary.
"""

from integrationsportal.interfaces import IIntegrationsportalLayer
from plone import api
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.interface import implementer


def _visible(relation):
    if relation is None or relation.isBroken():
        return None
    target = relation.to_object
    if target is None or not api.user.has_permission("View", obj=target):
        return None
    return target


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def relation_summary(obj):
    summary = {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": obj.UID(),
        "title": obj.Title(),
        "description": obj.Description(),
        "review_state": api.content.get_state(obj, default=None),
    }
    if obj.portal_type == "Organisation":
        for name in ("kind", "municipality", "city", "phone", "email", "website"):
            summary[name] = getattr(obj, name, None)
    elif obj.portal_type == "Contact":
        organisation = _visible(getattr(obj, "organisation", None))
        summary["position"] = getattr(obj, "position", None)
        summary["organisation"] = organisation.Title() if organisation else None
        for name in ("phone", "email"):
            summary[name] = getattr(obj, name, None)
    elif obj.portal_type == "Offer":
        summary["categories"] = list(getattr(obj, "categories", None) or [])
        summary["municipality"] = getattr(obj, "municipality", None)
        summary["offer_status"] = getattr(obj, "offer_status", None)
        summary["start"] = _iso(getattr(obj, "start", None))
        summary["end"] = _iso(getattr(obj, "end", None))
    return summary


@adapter(IRelationChoice, IDexterityContent, IIntegrationsportalLayer)
@implementer(IFieldSerializer)
class RelationChoiceSummarySerializer(DefaultFieldSerializer):
    def __call__(self):
        target = _visible(self.get_value())
        return relation_summary(target) if target is not None else None


@adapter(IRelationList, IDexterityContent, IIntegrationsportalLayer)
@implementer(IFieldSerializer)
class RelationListSummarySerializer(DefaultFieldSerializer):
    def __call__(self):
        targets = (_visible(relation) for relation in self.get_value() or [])
        return [relation_summary(t) for t in targets if t is not None]
