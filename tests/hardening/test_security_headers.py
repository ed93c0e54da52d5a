"""Security headers on every kind of response: pages, the REST API,
downloads, feeds and error pages."""

from integrationsportal.hardening.headers import TILE_ORIGIN
from plone import api
import pytest
import requests
import transaction


EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/de/seite", {}, 200),
        ("/de/seite", {"Accept": "application/json"}, 200),
        ("/de/@offer-finder?age=-1", {"Accept": "application/json"}, 400),
        ("/de/@@offer-finder", {}, 200),
        ("/de/@@open-data.csv?dataset=offers", {}, 200),
        ("/de/@@offers.ics", {}, 200),
        ("/de/gibt-es-nicht", {}, 404),
        ("/de/@@key-figures", {}, 401),
        ("/login", {}, 200),
    ],
)
def test_every_response_carries_the_security_headers(
    portal_with_page, path, headers, status
):
    response = requests.get(
        portal_with_page.absolute_url() + path,
        headers=headers,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (status, 302), response.status_code
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (path, name)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy


def directives(policy):
    """{directive: [sources]} of a Content-Security-Policy."""
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def test_the_policy_allows_images_of_the_tile_server_and_geolocation_here(
    portal_with_page,
):
    """The maps (places/) load tiles from the portal's tile server, and
    "Use my location" asks for the position on the portal's own pages; all
    else stays as strict as before."""
    response = requests.get(
        portal_with_page.absolute_url() + "/de/@@offer-finder", timeout=30
    )
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["img-src"] == [
        "'self'",
        "data:",
        "blob:",
        "https://tile.openstreetmap.org",
    ]
    for name in ("script-src", "style-src", "connect-src", "font-src", "media-src"):
        assert not any("openstreetmap" in source for source in policy[name]), name
    assert policy["default-src"] == ["'self'"]
    permissions = response.headers["Permissions-Policy"]
    assert "geolocation=(self)" in permissions
    assert "camera=()" in permissions
    assert "microphone=()" in permissions


@pytest.mark.parametrize(
    ("tile_url", "origin"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        (
            "https://tiles.example.org:8443/{z}/{x}/{y}.png",
            "https://tiles.example.org:8443",
        ),
        ("", None),  # no tiles: the drawing only
        ("http://tiles.example.org/{z}/{x}/{y}.png", None),  # not https
        ("https://x.example.org;script-src *;/{z}/{x}/{y}.png", None),
        ("https://x.example.org *;/{z}/{x}/{y}.png", None),
    ],
)
def test_the_tile_server_is_read_at_each_response(portal_with_page, tile_url, origin):
    """A changed tile server is in the next response's policy, without a
    restart; a value that is not a plain https origin adds nothing."""
    record = "integrationsportal.places.tile_url"
    before = api.portal.get_registry_record(record)
    api.portal.set_registry_record(record, tile_url)
    transaction.commit()
    try:
        response = requests.get(
            portal_with_page.absolute_url() + "/de/seite", timeout=30
        )
    finally:
        api.portal.set_registry_record(record, before)
        transaction.commit()
    policy = directives(response.headers["Content-Security-Policy"])
    expected = ["'self'", "data:", "blob:"] + ([origin] if origin else [])
    assert policy["img-src"] == expected
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert len(policy) == 11, policy


@pytest.mark.parametrize(
    "origin",
    [
        "https://tile.openstreetmap.org",
        "https://*.tile.example.org",
        "https://tiles.example.org:8443",
    ],
)
def test_a_plain_origin_passes(origin):
    assert TILE_ORIGIN.match(origin)


@pytest.mark.parametrize(
    "origin",
    [
        "http://tile.openstreetmap.org",
        "https://x.org; script-src *",
        "https://x.org 'unsafe-eval'",
        "https://*",
        "https://",
        "https://x.org/path",
    ],
)
def test_anything_else_is_refused(origin):
    assert not TILE_ORIGIN.match(origin)
