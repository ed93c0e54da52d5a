"""Finding an address on the map through a Nominatim-compatible search:
off unless set; then an organisation saved with an address gets the point
the search finds, a point set by hand stays, a changed address is looked up
again, and an unreachable or confused search leaves the item as it was.

The search is a real HTTP server on this machine that answers as Nominatim
does (``/search?q=…&format=jsonv2``)."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from support import free_port
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import json
import pytest
import requests
import threading
import transaction


OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
RECORD = "integrationsportal.places.geocoder_url"
# what the search knows: street → (lat, lon)
KNOWN = {
    "Am Markt 1": ("50.6401", "9.6902"),
    "Bahnhofstraße 7": ("50.5212", "9.7488"),
}


class Search:
    """A Nominatim stand-in: answers from KNOWN, records every question."""

    def __init__(self, answer=None):
        self.questions = []
        self.answer = answer  # bytes to send instead of a real answer
        search = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                query = parse_qs(urlsplit(self.path).query)
                search.questions.append(
                    {"q": query.get("q", [""])[0], "agent": self.headers["User-Agent"]}
                )
                body = search.answer
                if body is None:
                    street = query.get("q", [""])[0].split(",")[0]
                    found = KNOWN.get(street)
                    hits = [{"lat": found[0], "lon": found[1]}] if found else []
                    body = json.dumps(hits).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/search"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def search():
    server = Search()
    yield server
    server.close()


def use_search(url):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(RECORD, url)
    transaction.commit()


def add_organisation(portal, street, **fields):
    response = requests.post(
        portal.absolute_url(),
        json={
            "@type": "Organisation",
            "title": f"Beratungsstelle {street}",
            "kind": "jobcenter",
            "street": street,
            "zip_code": "99991",
            "city": "Musterstadt",
            **fields,
        },
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=30,
    )
    assert response.status_code == 201, response.text[:500]
    return response.json()["@id"]


def point_of(url):
    data = requests.get(
        url, headers={"Accept": "application/json"}, auth=OWNER, timeout=30
    ).json()
    value = data.get("geolocation") or {}
    if not value or value.get("latitude") in (None, 0):
        return None
    return round(value["latitude"], 4), round(value["longitude"], 4)


def patch(url, **fields):
    response = requests.patch(
        url,
        json=fields,
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=30,
    )
    assert response.status_code == 204, response.text[:500]


@pytest.fixture
def portal(functional_portal):
    return functional_portal


def test_without_a_search_set_no_address_leaves_the_portal(portal, search):
    url = add_organisation(portal, "Am Markt 1")
    assert search.questions == []
    assert point_of(url) is None


def test_an_address_is_found_on_the_map(portal, search):
    use_search(search.url)
    url = add_organisation(portal, "Am Markt 1")
    assert point_of(url) == (50.6401, 9.6902)
    (question,) = search.questions
    assert question["q"] == "Am Markt 1, 99991 Musterstadt"
    assert question["agent"].startswith("Integrationsportal (http")


def test_a_changed_address_is_looked_up_again(portal, search):
    use_search(search.url)
    url = add_organisation(portal, "Am Markt 1")
    patch(url, street="Bahnhofstraße 7")
    assert point_of(url) == (50.5212, 9.7488)
    assert len(search.questions) == 2


def test_a_point_set_by_hand_stays(portal, search):
    use_search(search.url)
    url = add_organisation(
        portal, "Am Markt 1", geolocation={"latitude": 50.7, "longitude": 9.8}
    )
    assert point_of(url) == (50.7, 9.8)
    patch(url, street="Bahnhofstraße 7")
    assert point_of(url) == (50.7, 9.8)
    assert search.questions == []


def test_a_point_moved_by_hand_after_the_search_stays(portal, search):
    use_search(search.url)
    url = add_organisation(portal, "Am Markt 1")
    patch(url, geolocation={"latitude": 50.66, "longitude": 9.7})
    patch(url, street="Bahnhofstraße 7")
    assert point_of(url) == (50.66, 9.7)
    assert len(search.questions) == 1


def test_an_unknown_address_keeps_the_item_as_it_is(portal, search):
    use_search(search.url)
    url = add_organisation(portal, "Nirgendwo 99")
    assert point_of(url) is None
    assert len(search.questions) == 1


@pytest.mark.parametrize(
    "answer", [b"<html>busy</html>", b'{"lat": 1}', b'[{"lat": "x", "lon": 9}]']
)
def test_a_confused_search_keeps_the_item_as_it_is(portal, answer):
    server = Search(answer=answer)
    try:
        use_search(server.url)
        url = add_organisation(portal, "Am Markt 1")
        assert point_of(url) is None
        assert len(server.questions) == 1
    finally:
        server.close()


def test_an_unreachable_search_keeps_the_item_as_it_is(portal):
    use_search(f"http://127.0.0.1:{free_port()}/search")
    url = add_organisation(portal, "Am Markt 1")
    assert point_of(url) is None
