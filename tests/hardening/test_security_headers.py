"""Security headers on every kind of response: pages, the REST API,
downloads, feeds and error pages."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import requests
import transaction


EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


@pytest.fixture
def site(ml_functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        page = api.content.create(
            ml_functional_portal["de"], "Document", id="seite", title="Seite"
        )
        api.content.transition(page, to_state="published")
    transaction.commit()
    return ml_functional_portal


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
def test_every_response_carries_the_security_headers(site, path, headers, status):
    response = requests.get(
        site.absolute_url() + path, headers=headers, allow_redirects=False, timeout=30
    )
    assert response.status_code in (status, 302), response.status_code
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (path, name)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy
