"""plone.restapi: relation fields (an offer's provider and contacts, a
contact's organisation, a chain step's actors) expand into summaries a client
can use without a second request: kind, place, phone and email of an
organisation; position, organisation, phone and email of a contact person.

Only targets the reader may view are listed: a relation to a private contact
shows nothing to an anonymous visitor (plone.restapi's default would show its
title). Staff-only fields are never part of a summary.
"""

from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.relations import visible_target
from integrationsportal.shared.summaries import relation_summary
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.interface import implementer


@adapter(IRelationChoice, IDexterityContent, IIntegrationsportalLayer)
@implementer(IFieldSerializer)
class RelationChoiceSummarySerializer(DefaultFieldSerializer):
    def __call__(self):
        target = visible_target(self.get_value())
        return relation_summary(target) if target is not None else None


@adapter(IRelationList, IDexterityContent, IIntegrationsportalLayer)
@implementer(IFieldSerializer)
class RelationListSummarySerializer(DefaultFieldSerializer):
    def __call__(self):
        targets = (visible_target(relation) for relation in self.get_value() or [])
        return [relation_summary(t) for t in targets if t is not None]
