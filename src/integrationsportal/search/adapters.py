"""How other parts of Plone see the ``ReaderTextIndex``: plone.restapi
parses ``SearchableText`` as text for it, as for a ZCTextIndex; a catalog
profile imported later (Plone's own ``catalog.xml`` in a Plone upgrade)
leaves it as it is instead of clearing it."""

from integrationsportal.search.index import ReaderTextIndex
from plone.restapi.interfaces import IIndexQueryParser
from plone.restapi.search.query import BaseIndexQueryParser
from Products.GenericSetup.interfaces import INode
from Products.GenericSetup.interfaces import ISetupEnviron
from Products.GenericSetup.utils import NodeAdapterBase
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(IIndexQueryParser)
@adapter(ReaderTextIndex, Interface, Interface)
class ReaderTextIndexQueryParser(BaseIndexQueryParser):
    query_value_type = str
    query_options = {"language": str}


@implementer(INode)
@adapter(ReaderTextIndex, ISetupEnviron)
class ReaderTextIndexNodeAdapter(NodeAdapterBase):
    """Exports the index as it is; an import keeps it and its contents."""

    def _exportNode(self):
        node = self._getObjectNode("index")
        for value in self.context.getIndexSourceNames():
            child = self._doc.createElement("indexed_attr")
            child.setAttribute("value", value)
            node.appendChild(child)
        return node

    def _importNode(self, node):
        pass

    node = property(_exportNode, _importNode)
