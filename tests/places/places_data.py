"""What the places tests share: the demo district's gazetteer as its site
profile states it, an independent great-circle distance (the tests' own,
so the finder's distances are checked against something it did not
compute), where an offer of the demo should be, and the finder over HTTP
and REST."""

from plone import api
from support import ROOT
import math
import re
import requests
import tomllib


PROFILE = tomllib.loads((ROOT / "profiles" / "musterkreis.toml").read_text())
PLACES = PROFILE["places"]
POSTAL_CODES = {code: tuple(point) for code, point in PLACES["postal_codes"].items()}
CENTRES = {name: tuple(point) for name, point in PLACES["municipalities"].items()}
JSON = {"Accept": "application/json"}
EARTH_KM = 6371.0088  # the mean radius of the earth


def great_circle_km(a, b):
    """The distance of two (latitude, longitude) points in km, by the
    spherical law of cosines (another formula than the code's haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(
        lat2
    ) * math.cos(lon2 - lon1)
    return EARTH_KM * math.acos(max(-1.0, min(1.0, cosine)))


def centre_of(municipality_token):
    """The centre the site profile gives the municipality with the token."""
    from integrationsportal.shared.municipalities import municipalities

    names = dict(municipalities())
    return CENTRES.get(names.get(municipality_token))


def own_point(obj):
    point = getattr(obj, "geolocation", None)
    if point is None or (point.latitude, point.longitude) == (0, 0):
        return None
    return (point.latitude, point.longitude)


def expected_place(offer):
    """Where the demo's offer is, by the rule readers are told: nowhere if
    it is online only; else its own point; its published provider's point
    when the offer names no other postal code or municipality; its postal
    code's centre; its provider's place (point, then postal code) when the
    provider is in the same municipality; its municipality's centre."""
    if offer.online == "online":
        return None
    if own_point(offer):
        return own_point(offer)
    provider = offer.provider.to_object if offer.provider else None
    if provider is not None and api.content.get_state(provider) != "published":
        provider = None
    same_town = provider is not None and offer.municipality in (
        None,
        provider.municipality,
    )
    if (
        same_town
        and own_point(provider)
        and (offer.zip_code or "") in ("", provider.zip_code or "")
        and (offer.street or "") in ("", provider.street or "")
    ):
        return own_point(provider)
    if (offer.zip_code or "") in POSTAL_CODES:
        return POSTAL_CODES[offer.zip_code]
    if same_town:
        if own_point(provider):
            return own_point(provider)
        if (provider.zip_code or "") in POSTAL_CODES:
            return POSTAL_CODES[provider.zip_code]
    return centre_of(offer.municipality)


def finder_json(url, params, status=200):
    """The answer of ``url``/@offer-finder to ``params`` as JSON."""
    answer = requests.get(
        f"{url}/@offer-finder", params=params, headers=JSON, timeout=60
    )
    assert answer.status_code == status, (params, answer.text[:500])
    return answer.json()


def all_items(url, params):
    """Every item of every page of the REST finder for ``params``."""
    first = finder_json(url, params)
    items = list(first["items"])
    for page in range(2, first["pages"] + 1):
        items += finder_json(url, {**params, "page": page})["items"]
    assert len(items) == first["items_total"]
    return first, items


def finder_page(url, params):
    return requests.get(f"{url}/@@offer-finder", params=params, timeout=60)


def page_offer_urls(html):
    """The addresses of the offers a finder page lists, in its order."""
    return re.findall(r'class="offer-card-title"><a href="([^"]+)"', html)


def page_count(html):
    """The number of offers found, as the finder page's heading says."""
    match = re.search(r'id="offer-finder-count"[^>]*>\s*(\d+)', html)
    assert match, "the page has no count of results"
    return int(match.group(1))


def shows_no_error(answer, *, path=str(ROOT)):
    """Neither a server error, nor a traceback, nor a path on the server."""
    assert answer.status_code < 500, answer.text[-1500:]
    assert "Traceback" not in answer.text
    assert path not in answer.text
    assert "site-packages" not in answer.text
