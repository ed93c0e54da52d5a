"""plone.restapi: a process chain comes with its ordered steps and, per
step, the responsible organisations and contact persons."""

from integrationsportal.chains.content import IProcessChain
from integrationsportal.chains.content import parse_branches
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.relations import may_view
from integrationsportal.shared.relations import related_list
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.component import adapter
from zope.interface import implementer


def _reference(obj):
    return {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": obj.UID(),
        "title": obj.Title(),
    }


@implementer(ISerializeToJson)
@adapter(IProcessChain, IIntegrationsportalLayer)
class SerializeProcessChainToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        steps = []
        for number, step in enumerate(
            (
                obj
                for obj in self.context.contentValues()
                if obj.portal_type == "ProcessStep" and may_view(obj)
            ),
            start=1,
        ):
            steps.append(
                {
                    **_reference(step),
                    "number": number,
                    "phase": step.phase,
                    "duration": step.duration or "",
                    "branches": parse_branches(step.branches),
                    "responsible_organisations": [
                        _reference(obj)
                        for obj in related_list(step, "responsible_organisations")
                    ],
                    "contacts": [
                        _reference(obj) for obj in related_list(step, "contacts")
                    ],
                }
            )
        result["steps"] = steps
        return result
