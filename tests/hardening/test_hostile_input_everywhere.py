"""Hostile input against every view and service the add-on registers, as an
outsider would send it to the demo portal started with `make start`.

The targets are read from the add-on's zcml (every ``browser:page`` and
``plone:service``), not from a hand list, so a new view is attacked the day
it is registered. Each gets every payload below (invalid UTF-8, Zope's
converters, NUL, 100 KB strings, huge and negative numbers, NaN and
Infinity, repeated parameters, markup) in the query string and as a form
post, as anonymous and as an editor; the POST services also get JSON bodies
of the wrong types, deeply nested or with NaN. Nothing may answer 500,
reflect markup unescaped, or show a traceback, a server path or an object's
address.
"""

from concurrent.futures import ThreadPoolExecutor
from integrationsportal.finder import facets as finder
from lxml import etree
from plone.base.interfaces import INavigationRoot
from plone.base.interfaces import IPloneSiteRoot
from support import ROOT
from support import started_portal
from urllib.parse import quote
import importlib
import json
import pytest
import re
import requests


pytestmark = pytest.mark.slow

PACKAGE = ROOT / "src" / "integrationsportal"
ADMIN = ("chef", "geheim-123")
EDITOR = ("redaktion", "musterkreis-demo")  # a demo user in the group editors
ZCML = "{http://namespaces.zope.org/browser}page"
SERVICE = "{http://namespaces.plone.org/plone}service"

SCRIPT = '<script>alert("x")</script>'
MARKUP = '"><img src=x onerror=alert(1)>'

# the parameters the add-on's views and services read, and Plone's batching
NAMES = sorted(
    {facet.name for facet in finder.FACETS + finder.FLAGS}
    | {"q", "age", "page", "b_start", "b_size", "SearchableText", "sort_on"}
    | {"near", "radius"}
    | {"months", "quarter", "from", "to", "figure", "dataset", "language"}
    | {"portal_type", "section", "status", "outdated", "ref", "state", "sort"}
    | {"order", "rooms", "persons", "rent", "available", "action", "contact"}
    | {"transition", "household_reference", "comment", "add", "remove"}
    | {"manager", "mine", "query", "name", "field", "attributes", "batch"}
)


def _plain(value):
    return lambda name: [(name, quote(value, safe=""))]


def _suffix(suffix, value="1"):
    return lambda name: [(name + quote(suffix, safe=":"), quote(value, safe=""))]


def _shared(*makers):
    """Kinds of value that reach a view the same way (the sequence
    converters, the record converters, numbers too big for a float...),
    shared out over the parameter names: every view gets each kind in
    one request, and the suite sends a third fewer requests. The share
    turns with the view and the role (``turn``), so that over the suite each
    parameter gets every kind."""

    def pairs(name, turn=0):
        index = NAMES.index(name) if name in NAMES else len(name)
        return makers[(index + turn) % len(makers)](name)

    pairs.turns = True
    return pairs


# payload id -> how it turns one parameter name into query pairs
PAYLOADS = {
    "invalid utf-8": lambda name: [(name, "%ff%fe%c3%28")],
    "invalid utf-8 name": lambda name: [(name + "%ff", "1")],
    "nul": _plain("a\x00b"),
    "100 KB": _plain("x" * 100_000),
    "huge numbers": _shared(
        _plain("9" * 400), _plain("-99999999999999999999"), _plain("1e400")
    ),
    "negative": _shared(_plain("-1"), _suffix(":int", "-5")),
    "nan and infinity": _shared(_plain("NaN"), _plain("Infinity")),
    "markup": _shared(_plain(SCRIPT), _plain(MARKUP)),
    "path traversal": _plain("../../../../etc/passwd"),
    "crlf": _plain("a\r\nSet-Cookie: x=1"),
    "rtl override": _plain("\u202egpj.exe"),
    "json object": _plain('{"a": {"b": [1, 2]}}'),
    "empty": _plain(""),
    "repeated": lambda name: [(name, "1"), (name, "zwei"), (name, "")],
    ":record(s)": _shared(_suffix(".x:record"), _suffix(".x:records")),
    ":int bad": _suffix(":int", "drei"),
    ":float bad": _suffix(":float", "x"),
    ":date bad": _suffix(":date", "gestern"),
    ":boolean": _suffix(":boolean", "1"),
    "sequences": _shared(
        lambda name: [(name + ":list", "a"), (name + ":list", "b")],
        _suffix(":tuple", "a"),
        _suffix(":tokens", "a b c"),
        _suffix(":lines", "a%0Ab"),
    ),
    ":required empty": _suffix(":required", ""),
    ":method": _suffix(":method", "manage_delObjects"),
}

BIG = {"100 KB"}

# JSON bodies for the POST services
JSON_BODIES = {
    "deep arrays": "[" * 50_000 + "]" * 50_000,
    "deep objects": '{"a":' * 20_000 + "1" + "}" * 20_000,
    "nan": '{"b_size": NaN, "query": []}',
    "infinity": '{"b_start": Infinity}',
    "float overflow": '{"b_size": 1e400}',
    "list": "[1, 2, 3]",
    "string": '"query"',
    "number": "42",
    "null": "null",
    "truncated": '{"query": [',
    "dict as value": json.dumps(
        {
            "query": [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": {"a": 1},
                }
            ]
        }
    ),
    "query as string": '{"query": "Offer"}',
    "criteria as numbers": '{"query": [1, 2]}',
    "unknown index": '{"query": [{"i": "nope", "o": "x", "v": "y"}]}',
    "sort_on object": json.dumps(
        {
            "query": [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["Offer"],
                }
            ],
            "sort_on": {"a": 1},
        }
    ),
    "negative batch": json.dumps(
        {
            "query": [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["Offer"],
                }
            ],
            "b_start": -5,
            "b_size": "x",
        }
    ),
    "invalid utf-8": b'{"query": "\xff\xfe"}',
    "100 KB": json.dumps({"query": "x" * 100_000}),
}

LEAKS = (
    re.compile(r"Traceback \(most recent call last\)|Traceback \(innermost last\)"),
    re.compile(r"/(?:work|home|root|usr|tmp)/[\w.-]+/"),
    re.compile(r"site-packages|\.py\"?, line \d+"),
    re.compile(r"\bat 0x[0-9a-f]{6,}"),
    re.compile(r"\.pt['\"]?\b.*line \d+"),
)


def _resolve(dotted, zcml_file):
    if dotted in ("*", "Exception"):
        return dotted
    if dotted.startswith("."):
        package = ".".join(
            zcml_file.parent.relative_to(PACKAGE.parent).with_suffix("").parts
        )
        dotted = package + dotted
    module, _, name = dotted.rpartition(".")
    registered_for = getattr(importlib.import_module(module), name)
    if isinstance(registered_for, type) and issubclass(registered_for, BaseException):
        return "Exception"  # an exception view (outage.py's for lost connections)
    return registered_for.__identifier__


def discover():
    """(kind, name, interface id, methods) of every page and service."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.zcml")):
        tree = etree.parse(str(path))
        for element in tree.iter(ZCML, SERVICE):
            name = element.get("name")
            interface = _resolve(element.get("for", "*"), path)
            if interface == "Exception":
                continue  # exception views, reached through errors only
            if element.tag == SERVICE:
                found.add(("service", name, interface, element.get("method")))
            else:
                found.add(("page", name, interface, "GET"))
    return sorted(found)


TARGETS = discover()


def test_the_targets_are_discovered():
    names = {name for _kind, name, _iface, _method in TARGETS}
    assert {"offer-finder", "@offer-finder", "vcard", "key-figures"} <= names
    assert len(TARGETS) >= 50, TARGETS


@pytest.fixture(scope="module")
def demo_portal_url(instance):
    """The demo portal of `make start`, as an outsider reaches it."""
    env = {"ADMIN_USER": ADMIN[0], "ADMIN_PASSWORD": ADMIN[1]}
    with started_portal(instance, env, timeout=600) as url:
        yield url


@pytest.fixture(scope="module")
def examples(demo_portal_url):
    """An object of the demo portal for every interface a target is for."""
    found = {
        "*": demo_portal_url + "/de",
        INavigationRoot.__identifier__: demo_portal_url + "/de",
        IPloneSiteRoot.__identifier__: demo_portal_url,
    }
    for _kind, _name, interface, _method in TARGETS:
        if interface in found:
            continue
        response = requests.get(
            demo_portal_url + "/@search",
            params={"object_provides": interface, "b_size": 1},
            headers={"Accept": "application/json"},
            auth=ADMIN,
            timeout=60,
        )
        items = response.json().get("items", [])
        assert items, f"the demo portal has nothing providing {interface}"
        found[interface] = items[0]["@id"]
    return found


def _check(response, label):
    problems = []
    if response.status_code >= 500:
        problems.append(f"{label}: {response.status_code}")
    body = response.text
    if SCRIPT in body:
        problems.append(f"{label}: script reflected")
    if "json" not in response.headers.get("Content-Type", "") and (
        "<img src=x onerror" in body
    ):
        problems.append(f"{label}: markup reflected")
    if "Set-Cookie: x=1" in str(response.headers) or "x=1" in response.headers.get(
        "Set-Cookie", ""
    ):
        problems.append(f"{label}: header injected")
    for pattern in LEAKS:
        match = pattern.search(body)
        if match:
            problems.append(f"{label}: leaks {match.group(0)!r}")
    return problems


def _requests(examples):
    """Every (label, method, url, body, headers, auth) the test sends."""
    for number, (kind, name, interface, method) in enumerate(TARGETS):
        base = examples[interface]
        # a 100 KB value goes into two parameters at a time, so that the
        # request stays under the server's 256 KB limit for headers
        big_names = ("q", NAMES[number % len(NAMES)])
        path = f"{base}/{name}" if kind == "service" else f"{base}/@@{name}"
        headers = {"Accept": "application/json"} if kind == "service" else {}
        for role, (auth_name, auth) in enumerate(
            (("anonymous", None), ("editor", EDITOR))
        ):
            turn = 2 * number + role
            for payload_id, pairs_of in PAYLOADS.items():
                names = big_names if payload_id in BIG else NAMES
                query = "&".join(
                    f"{key}={value}"
                    for n in names
                    for key, value in (
                        pairs_of(n, turn) if hasattr(pairs_of, "turns") else pairs_of(n)
                    )
                )
                label = f"{method} {path} [{payload_id}] as {auth_name}"
                if method == "GET":
                    yield label, "GET", f"{path}?{query}", None, headers, auth
                    if kind == "page":
                        form = {
                            **headers,
                            "Content-Type": "application/x-www-form-urlencoded",
                        }
                        yield (
                            label.replace("GET", "POST", 1),
                            "POST",
                            path,
                            (query.encode()),
                            form,
                            auth,
                        )
                else:
                    yield (
                        label,
                        method,
                        f"{path}?{query}",
                        b"{}",
                        {
                            **headers,
                            "Content-Type": "application/json",
                        },
                        auth,
                    )
            if method != "GET":
                for body_id, body in JSON_BODIES.items():
                    label = f"{method} {path} [json {body_id}] as {auth_name}"
                    data = body if isinstance(body, bytes) else body.encode()
                    yield (
                        label,
                        method,
                        path,
                        data,
                        {
                            **headers,
                            "Content-Type": "application/json",
                        },
                        auth,
                    )


def _send(item):
    label, method, url, body, headers, auth = item
    try:
        response = requests.request(
            method,
            url,
            data=body,
            headers=headers,
            auth=auth,
            allow_redirects=False,
            timeout=120,
        )
    except requests.RequestException as error:
        return [f"{label}: {error!r}"[:300]]
    return _check(response, label)


def test_no_500_no_reflection_no_internals_anywhere(examples):
    batch = list(_requests(examples))
    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for found in pool.map(_send, batch) for p in found]
    print(f"\nhostile input: {len(batch)} requests, {len(problems)} problems")
    assert not problems, "\n".join(problems[:60])


# The cases found from outside, in Plone core and plone.restapi as much as in
# the add-on: each answers 4xx with a message, never 500.
QUERY = {"i": "portal_type", "o": "plone.app.querystring.operation.selection.any"}
PLACED = "/de/akteure/jobcenter-musterkreis"  # an organisation with a point
REST = {"Accept": "application/json", "Content-Type": "application/json"}
OUTSIDE_CASES = [
    ("GET", "/de/@@offer-finder?q=%ff%fe%c3%28", None, {}),
    ("GET", "/de/@offer-finder?q=%ff%fe%c3%28", None, {"Accept": "application/json"}),
    ("GET", "/de/@@offer-finder?q=%ff%fe%c3%28", None, {"Accept": "application/json"}),
    ("GET", "/de/@@offer-finder?q.x:record=1", None, {}),
    ("GET", "/de/@@offer-finder?age:int=5", None, {}),
    ("GET", "/de/@@offer-finder?category:records=1", None, {}),
    ("GET", "/de/@search?Title=-1", None, {"Accept": "application/json"}),
    ("GET", "/de/@search?b_size=x&b_start=y", None, {"Accept": "application/json"}),
    ("GET", "/de/@@search?b_start=x", None, {}),
    ("POST", "/de/@querystring-search", {"query": [{**QUERY, "v": {"a": 1}}]}, {}),
    ("POST", "/de/@querystring-search", "[" * 50_000 + "]" * 50_000, {}),
    ("POST", "/de/@querystring-search", '{"a":' * 20_000 + "1" + "}" * 20_000, {}),
    ("POST", "/de/@querystring-search", '{"b_size": NaN, "query": []}', {}),
    (
        "POST",
        "/de/@querystring-search",
        {"query": [{**QUERY, "v": ["Offer"]}], "b_size": 1e300 * 10},
        {},
    ),  # fmt: skip
    ("DELETE", "/de/@@offer-finder", None, {}),
    ("PATCH", "/de/@@offer-finder", None, {}),
    ("CONNECT", "/de/@@offer-finder", None, {}),
    ("DELETE", "/de/@@search", None, {}),
    ("PATCH", "/de/@@search", None, {}),
    ("PROPFIND", "/de/@@search", None, {}),
    # a point on the map that is not two numbers in range (places/)
    ("PATCH", PLACED, {"geolocation": {"latitude": "x", "longitude": 9}}, REST),
    ("PATCH", PLACED, {"geolocation": {"latitude": 95, "longitude": 9}}, REST),
    ("PATCH", PLACED, {"geolocation": [50.6, 9.7]}, REST),
    ("PATCH", PLACED, '{"geolocation": {"latitude": NaN, "longitude": 9}}', REST),
]
VOCABULARY_QUERIES = [
    {"criteria": [{**QUERY, "v": {"a": 1}}]},
    {"criteria": "x"},
    {"criteria": [1]},
    {"criteria": [{"i": "x"}]},
    [1],
    -1,
    {"criteria": [{**QUERY, "v": ["Offer"]}], "sort_on": {"a": 1}},
]


@pytest.mark.parametrize(
    "method,path,body,headers", OUTSIDE_CASES, ids=range(len(OUTSIDE_CASES))
)
@pytest.mark.parametrize("auth", [None, EDITOR], ids=["anonymous", "editor"])
def test_the_cases_found_from_outside_answer_4xx(demo_portal_url, method, path, body,
                                                 headers, auth):  # fmt: skip
    if isinstance(body, dict):
        body = json.dumps(body, allow_nan=True)
    if method == "POST":
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
    response = requests.request(
        method,
        demo_portal_url + path,
        data=body,
        headers=headers,
        auth=auth,
        timeout=120,
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert not _check(response, path)
    if "json" in response.headers.get("Content-Type", ""):
        error = response.json()
        assert error["message"] and error["type"]
    else:
        assert 'class="client-error"' in response.text
    if response.status_code == 405:
        assert response.headers["Allow"] == "GET, HEAD, POST"


@pytest.mark.parametrize("typed", ["-1", "NOT", "(", "*", '"', "AND OR"])
def test_signs_in_the_full_text_are_searched_not_refused(demo_portal_url, typed):
    """The full text reads what a reader types, signs and operator words
    included: a search, never an error (Plone's other text indexes, such
    as ``Title``, still refuse what they cannot parse, with a 400)."""
    response = requests.get(
        f"{demo_portal_url}/de/@search",
        params={"SearchableText": typed},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    # plone.restapi answers a query of nothing but "*" or brackets with an
    # empty list of its own, before any index sees it
    items = body["items"] if isinstance(body, dict) else body
    assert isinstance(items, list)


def test_messages_are_in_the_readers_language(demo_portal_url):
    response = requests.get(
        demo_portal_url + "/ar/@@offer-finder?q=%ff%fe%c3%28",
        headers={"Accept-Language": "ar"},
        timeout=60,
    )
    assert response.status_code == 400
    assert 'lang="ar"' in response.text
    message = re.search(r'class="client-error"[^>]*>([^<]+)<', response.text)
    assert message and re.search(r"[\u0600-\u06ff]", message.group(1)), message


@pytest.mark.parametrize(
    "query", VOCABULARY_QUERIES, ids=range(len(VOCABULARY_QUERIES))
)
def test_malformed_vocabulary_queries_answer_400(demo_portal_url, query):
    response = requests.get(
        demo_portal_url + "/de/@@getVocabulary",
        params={"name": "plone.app.vocabularies.Catalog", "query": json.dumps(query)},
        auth=EDITOR,
        timeout=60,
    )
    assert response.status_code == 400, (response.status_code, response.text[:300])
    assert response.json()["error"]


def test_refused_requests_stay_out_of_the_error_log(demo_portal_url, instance):
    """A request the guard refuses is the reader's mistake: it is not logged
    as an error of the portal (scanners send thousands: this module sends
    thousands); a classified error that is not the guard's still is."""
    refused = requests.get(f"{demo_portal_url}/de/@@offer-finder?q=%ff%fe", timeout=60)
    logged = requests.get(
        f"{demo_portal_url}/de/@search?Title=-1",
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert (refused.status_code, logged.status_code) == (400, 400)
    errors = [
        line
        for line in (instance / "var" / "log" / "event.log").read_text().splitlines()
        if "[Zope.SiteErrorLog" in line
    ]
    assert any("ParseError: http" in line for line in errors), errors[-5:]
    assert not [line for line in errors if "ClientError" in line]
