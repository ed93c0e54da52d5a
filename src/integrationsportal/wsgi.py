"""A WSGI filter that drops response headers naming the software behind the
portal.

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
