"""WSGI filters of the embedded portal (``instance/zope.ini``): one drops
response headers naming the software behind the portal, one gzips static
resources.

Zope adds ``X-Powered-By: Zope (www.zope.dev), Python (www.python.org)`` to
every response; the header is hard-coded in ZPublisher's HTTPResponse and no
zope.conf directive turns it off (Zope's maintainers point to the server in
front). The embedded portal has no server in front, so its zope.ini puts this
filter first in the pipeline; the cluster's HAProxy and Varnish strip the
header as well. Waitress's own ``Server`` header is turned off in zope.ini
with ``ident =``.

    [filter:hide-software]
    use = call:integrationsportal.wsgi:filter_factory
    # headers = X-Powered-By   (names, separated by spaces)
"""

DEFAULT_HEADERS = "X-Powered-By"


def filter_factory(global_conf, headers=DEFAULT_HEADERS):
    hidden = frozenset(name.lower() for name in headers.split())

    def make_filter(app):
        def hide_software(environ, start_response):
            def start(status, response_headers, exc_info=None):
                kept = [(n, v) for n, v in response_headers if n.lower() not in hidden]
                return start_response(status, kept, exc_info)

            return app(environ, start)

        return hide_software

    return make_filter


# Plone's static resources: files on disk that Zope streams, so Zope's own
# compression (light/compression.py, for the answers it renders) never sees
# them; the metrics count them as "static" (operations/metrics.py)
STATIC_PARTS = ("/++webresource++", "/++plone++", "/++theme++", "/++resource++")


def static_gzip_factory(global_conf, compress_level="6"):
    """Paste's gzip middleware, for Plone's static resources only (styles,
    scripts, SVG icons): small files, whole in memory anyway. Pages, JSON and
    PDFs are compressed by Zope itself; blob downloads and range requests
    pass untouched. Adds ``Vary: Accept-Encoding``, which Paste does not."""
    from paste.gzipper import middleware

    def make_filter(app):
        gzipped = middleware(app, compress_level=int(compress_level))

        def static_gzip(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if "HTTP_RANGE" in environ or not any(p in path for p in STATIC_PARTS):
                return app(environ, start_response)

            def start(status, response_headers, exc_info=None):
                names = {name.lower() for name, _value in response_headers}
                if "vary" not in names:
                    response_headers.append(("Vary", "Accept-Encoding"))
                return start_response(status, response_headers, exc_info)

            return gzipped(environ, start)

        return static_gzip

    return make_filter
