"""Security headers on every kind of response: pages, the REST API,
downloads, feeds and error pages."""

import pytest
import requests


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
