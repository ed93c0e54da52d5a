"""gzip for the answers Zope renders (pages, JSON, feeds, PDFs) to
anonymous readers: ZPublisher's own compression (``enableHTTPCompression``),
which compresses the final body when the client accepts gzip, leaves images
and streamed files (blob downloads) alone and adds ``Vary:
Accept-Encoding``.

It is switched on by the last transform of the chain (order 89500, after
the theme and plone.protect, before plone.app.caching keeps the page in
RAM with the flag): the transforms work on the plain body, and the chain's
final ``setBody`` compresses it. Static resources are streamed, so Paste's
gzip middleware compresses them in the WSGI pipeline
(``integrationsportal.wsgi.static_gzip_factory``).

Pages of logged-in users stay uncompressed: they carry form tokens and
echo what the user typed, which is what compression attacks such as BREACH
need.
"""

from integrationsportal.interfaces import IIntegrationsportalLayer
from plone import api
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ITransform)
@adapter(Interface, IIntegrationsportalLayer)
class CompressForReaders:
    order = 89500

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def _compress(self, result):
        request = self.request
        if "gzip" not in request.get("HTTP_ACCEPT_ENCODING", ""):
            return None
        if not api.user.is_anonymous():
            return None
        request.response.enableHTTPCompression(request)
        return result

    # The chain sets the body again only when a transform returned a new
    # object; setBody then compresses it.
    def transformBytes(self, result, encoding):
        return self._compress(result)

    def transformUnicode(self, result, encoding):
        return self._compress(result)

    def transformIterable(self, result, encoding):
        if isinstance(result, XMLSerializer):  # a page, parsed by the theme
            return self._compress(result)
        if not isinstance(result, list):
            return None  # a stream: Zope does not compress it
        body = b"".join(
            part if isinstance(part, bytes) else part.encode(encoding or "utf-8")
            for part in result
        )
        return self._compress(body)
