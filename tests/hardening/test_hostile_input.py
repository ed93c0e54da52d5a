"""Hostile input against the pages, forms and REST endpoints the add-on adds:
script and markup, path traversal, malformed JSON, state changes by GET or
without the CSRF token, open redirects, SVG with script. Nothing may answer
500, reflect input unescaped, or change anything."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from support import OWNER
from support import post_login_form
import base64
import pytest
import requests
import transaction


SCRIPT = '<script>alert("x")</script>'

# every GET view and service of the add-on that reads parameters, with the
# parameters it reads
GET_TARGETS = [
    ("/de/@@offer-finder", ["q", "category", "age", "german_level", "page"]),
    ("/de/@@offer-finder-guide", ["category", "age"]),
    ("/de/@offer-finder", ["q", "category", "age", "municipality"]),
    ("/de/@@offers-to-verify", ["months"]),
    ("/de/@@translation-dashboard", ["language", "portal_type", "section", "status"]),
    ("/de/@@key-figures", ["municipality", "from", "to", "months", "quarter"]),
    ("/de/@@key-figures.csv", ["figure", "municipality", "quarter"]),
    ("/de/@key-figures", ["municipality", "from", "quarter"]),
    ("/de/@@demand-planning", ["quarter"]),
    ("/de/@@open-data", []),
    ("/de/@@open-data.csv", ["dataset"]),
    ("/de/@@open-data.json", ["dataset"]),
    ("/de/@@open-data.geojson", ["dataset"]),
    ("/de/@@available-flats", []),
    ("/de/@@xliff-export", ["language", "outdated"]),
    ("/de/wohnung-anbieten/@@flat-received", ["ref"]),
    ("/wohnungen", ["municipality", "rooms", "persons", "rent", "state", "sort"]),
    ("/@@rent-limits", []),
]
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "x" * 5000,
    "☃" * 50,
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_parameters_are_never_reflected_unescaped_and_never_a_500(
    portal_with_housing_form, payload
):
    for path, names in GET_TARGETS:
        params = dict.fromkeys(names, payload) or {"x": payload}
        for auth in (None, OWNER):
            response = requests.get(
                portal_with_housing_form.absolute_url() + path,
                params=params,
                auth=auth,
                headers={"Accept": "application/json"}
                if "/@" in path and "@@" not in path
                else {},
                allow_redirects=False,
                timeout=60,
            )
            assert response.status_code < 500, (path, payload, response.status_code)
            body = response.text
            assert SCRIPT not in body, (path, "script reflected")
            if "json" not in response.headers.get("Content-Type", ""):
                assert "<img src=x onerror" not in body, (path, "markup reflected")
            assert "root:x:0:0" not in body, (path, "path traversal")


def test_malformed_json_to_the_rest_api_is_a_400(portal_with_housing_form):
    for path in ("/de", "/de/wohnung-anbieten"):
        response = requests.post(
            portal_with_housing_form.absolute_url() + path,
            data=b'{"@type": "Offer", "title": ',
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            auth=OWNER,
            timeout=30,
        )
        assert 400 <= response.status_code < 500, (path, response.status_code)


def test_state_changes_need_post_and_the_csrf_token(portal_with_housing_form):
    """Rent limits, demand, landlord erasure: a GET with the parameters or a
    POST without the token changes nothing."""
    from integrationsportal.housing import limits
    from integrationsportal.keyfigures import demand

    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.municipalities", ["Musterstadt"]
        )
    transaction.commit()
    base = portal_with_housing_form.absolute_url()
    attempts = [
        ("/@@rent-limits", {"limit-0-1": "999"}),
        (
            "/de/@@demand-planning",
            {"quarter": "2026-Q4", "categories.musterstadt.work": "5"},
        ),
        ("/wohnungen/@@housing-privacy", {"action": "retention"}),
    ]
    for path, data in attempts:
        by_get = requests.get(base + path, params=data, auth=OWNER, timeout=30)
        assert by_get.status_code < 500
        no_token = requests.post(base + path, data=data, auth=OWNER, timeout=30)
        assert no_token.status_code == 403, (path, no_token.status_code)
    transaction.begin()
    assert limits.get_limits() == {}
    assert demand.get_demand("2026-Q4") == {}


def test_no_open_redirect_through_the_login(portal_with_housing_form):
    """A real login (with the form's token) is never sent to another site."""
    session = requests.Session()
    response = post_login_form(
        session,
        portal_with_housing_form,
        SITE_OWNER_NAME,
        SITE_OWNER_PASSWORD,
        button="Anmelden",
        came_from="https://evil.example/phish",
    )
    assert response.status_code in (200, 302), response.status_code
    assert "__ac" in session.cookies  # the login happened
    assert "evil.example" not in response.headers.get("Location", "")


def test_svg_with_script_is_never_served_as_a_page(portal_with_housing_form):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        b'<rect width="10" height="10"/></svg>'
    )
    response = requests.post(
        portal_with_housing_form.absolute_url() + "/de",
        json={
            "@type": "Image",
            "title": "Bild",
            "image": {
                "data": base64.b64encode(svg).decode(),
                "encoding": "base64",
                "filename": "bild.svg",
                "content-type": "image/svg+xml",
            },
        },
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=30,
    )
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    for path in ("/@@images/image", "/@@download/image", "/@@display-file/image"):
        served = requests.get(url + path, timeout=30)
        assert served.status_code < 500
        if served.status_code != 200:
            continue
        inline = "attachment" not in served.headers.get("Content-Disposition", "")
        svg_type = "svg" in served.headers.get("Content-Type", "")
        assert not (inline and svg_type), (path, served.headers)
        assert served.headers.get("X-Content-Type-Options") == "nosniff"


def test_an_unforeseen_error_shows_its_text_to_managers_only(portal):
    """The REST error JSON of a 500 names the error's type; its text (which
    may hold a template path or an object address) only for Managers."""
    from integrationsportal.hardening.errors import APIError
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.rest.interfaces import IAPIRequest
    from zope.interface import alsoProvides
    import json

    request = portal.REQUEST
    alsoProvides(request, IAPIRequest)
    request["PARENTS"] = [portal]
    secret = "ValueError in /srv/portal/views/offer.pt at 0x7f3a2b1c"
    for roles, shown in ((["Member"], False), (["Manager"], True)):
        setRoles(portal, TEST_USER_ID, roles)
        request.response._locked_status = request.response._locked_body = 0
        try:
            raise ValueError(secret)
        except ValueError as error:
            APIError(error, request).render(None)
        data = json.loads(request.response.getBody())
        assert request.response.getStatus() == 500
        assert data["type"] == "ValueError"
        assert (secret in data["message"]) is shown


def test_an_error_after_the_page_was_compressed_is_readable(portal):
    """A commit that fails after the page was made and compressed (a mail
    server refusing, say) answers with the error's own body: without the
    page's gzip header, which would make it unreadable."""
    from integrationsportal.hardening.errors import ErrorView
    import gzip

    request = portal.REQUEST
    request.environ["HTTP_ACCEPT_ENCODING"] = "gzip"
    request["HTTP_ACCEPT_ENCODING"] = "gzip"
    request["PARENTS"] = [portal]
    response = request.response
    response.enableHTTPCompression(request, force=1)
    response.setHeader("Content-Type", "text/html")
    response.setBody(b"<html><body>" + b"page " * 200 + b"</body></html>")
    assert response.getHeader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.getBody()).startswith(b"<html>")
    try:
        raise OSError("Connection refused")
    except OSError as error:
        view = ErrorView(error, request)
        view.__parent__ = portal
        body = view()
    assert response.getHeader("Content-Encoding") is None
    response.setBody(body)
    assert not response.getBody().startswith(b"\x1f\x8b")  # not gzip
