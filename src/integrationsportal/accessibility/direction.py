"""Writing direction on the ``<html>`` element.

Plone marks right-to-left pages with ``dir="rtl"`` on ``<body>`` only, from a
short list of languages. Browsers, screen readers and CSS logical properties
work best with the direction on the root element: this transform sets ``dir``
on ``<html>`` and ``<body>`` from the page's ``lang``."""

from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.languages import direction
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from repoze.xmliter.utils import getHTMLSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ITransform)
@adapter(Interface, IIntegrationsportalLayer)
class HTMLDirection:
    order = 8960  # after the theme (8850)

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return self.transformIterable([result], encoding)

    def transformUnicode(self, result, encoding):
        return self.transformIterable([result], encoding)

    def transformIterable(self, result, encoding):
        content_type = self.request.response.getHeader("Content-Type") or ""
        if not content_type.startswith("text/html"):
            return None
        if not isinstance(result, XMLSerializer):
            try:
                result = getHTMLSerializer(result, encoding=encoding)
            except (TypeError, ValueError):
                return None
            if result is None:
                return None
        root = result.tree.getroot()
        if root is None or root.tag != "html":
            return None
        value = direction(root.get("lang"))
        root.set("dir", value)
        for body in root.iterchildren("body"):
            body.set("dir", value)
        return result
