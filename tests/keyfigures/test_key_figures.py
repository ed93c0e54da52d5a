"""Key figures, demand planning and open data against a small data set whose
figures are counted by hand below."""

from datetime import date
from datetime import timedelta
from integrationsportal.keyfigures import demand
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import csrf_token
from support import get_ok
from support import OWNER
from support import rel
import csv
import io
import json
import pytest
import re
import requests
import transaction
import vobject


PASSWORD = "Kennzahlen-geheim-1"
TODAY = date.today()


def _dataset(portal):
    """Hand count, for the record:

    published offers: A, B, C (D is private; E is A in English, counted once)
    active: A, B (C has ended)
    language × musterstadt: A; language × lindenau: B; work × lindenau: B;
    work × musterstadt: none (C ended); apprenticeship: none (D private)
    held in de: A, B; in ar: A; in uk: none (C ended)
    not verified for 12 months: B (two years ago), C (never)
    chain steps without anybody responsible: "Arbeit finden"
    published German originals: folder, organisation, contact, A, B, C = 6;
    English: E (current)
    """
    from integrationsportal.site.groups import setup_groups

    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.municipalities", ["Musterstadt", "Lindenau"]
        )
        setup_groups(portal)
        for username, group in (
            ("lenkung", "steering-group"),
            ("redakteur", "editors"),
        ):
            api.user.create(
                username=username, email=f"{username}@example.org", password=PASSWORD
            )
            api.group.add_user(groupname=group, username=username)
        folder = api.content.create(
            portal["de"], "Folder", id="angebote", title="Angebote"
        )
        org = api.content.create(
            folder, "Organisation", id="vhs", title="VHS", kind="education_provider"
        )
        public_contact = api.content.create(
            folder,
            "Contact",
            id="lange",
            title="Petra Lange",
            position="Kursberatung",
            email="lange@example.org",
            internal_phone="0000 INTERN 4711",
            internal_notes="nur intern: Vertretung Herr X",
            organisation=rel(org),
        )
        private_contact = api.content.create(
            folder, "Contact", id="geheim", title="Noch Geheim Person"
        )
        a = api.content.create(
            folder,
            "Offer",
            id="a",
            title="Sprachkurs A",
            categories=["language"],
            municipality="musterstadt",
            languages=["de", "ar"],
            german_level="none",
            places=10,
            last_verified=TODAY,
            start=TODAY + timedelta(days=10),
            end=TODAY + timedelta(days=40),
            provider=rel(org),
            contacts=[rel(public_contact), rel(private_contact)],
        )
        b = api.content.create(
            folder,
            "Offer",
            id="b",
            title="Sprache und Arbeit B",
            categories=["language", "work"],
            municipality="lindenau",
            languages=["de"],
            german_level="A2",
            last_verified=TODAY - timedelta(days=730),
        )
        c = api.content.create(
            folder,
            "Offer",
            id="c",
            title="Beendet C",
            categories=["work"],
            municipality="musterstadt",
            languages=["de", "uk"],
            offer_status="ended",
        )
        d = api.content.create(
            folder,
            "Offer",
            id="d",
            title="Privat D",
            categories=["apprenticeship"],
            municipality="musterstadt",
            languages=["de", "ar"],
            places=4,
        )
        chain = api.content.create(folder, "ProcessChain", id="kette", title="Kette")
        api.content.create(
            chain,
            "ProcessStep",
            id="eins",
            title="Ankommen",
            responsible_organisations=[rel(org)],
        )
        api.content.create(chain, "ProcessStep", id="zwei", title="Arbeit finden")
        for obj in (folder, org, public_contact, a, b, c):
            api.content.transition(obj, to_state="published")
        english = ITranslationManager(a).add_translation("en")
        english.title = "Language course A"
        english.reindexObject()
        api.content.transition(english, to_state="published")
    return {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "english": english,
        "contact": public_contact,
    }


@pytest.fixture
def figures_portal(ml_functional_portal):
    items = _dataset(ml_functional_portal)
    transaction.commit()
    return ml_functional_portal, items


def get_json(portal, path, user=None, **params):
    return requests.get(
        f"{portal.absolute_url()}/{path}",
        params=params,
        headers={"Accept": "application/json"},
        auth=(user, PASSWORD) if user else None,
        timeout=30,
    )


def test_figures_match_the_hand_count(figures_portal):
    portal, _items = figures_portal
    response = get_json(portal, "@key-figures", user="lenkung")
    assert response.status_code == 200
    data = response.json()
    offers = data["offers"]
    assert offers["published"] == 3
    assert offers["active"] == 2
    matrix = offers["by_category_municipality"]
    assert matrix["language"] == {"musterstadt": 1, "lindenau": 1}
    assert matrix["work"] == {"musterstadt": 0, "lindenau": 1}
    assert matrix["apprenticeship"] == {"musterstadt": 0, "lindenau": 0}
    assert offers["by_language"]["de"] == 2
    assert offers["by_language"]["ar"] == 1
    assert offers["by_language"]["uk"] == 0
    assert ["work", "musterstadt"] in offers["gaps"]
    assert ["apprenticeship", "lindenau"] in offers["gaps"]
    assert ["language", "musterstadt"] not in offers["gaps"]
    assert ["language", "ar"] not in offers["language_gaps"]
    assert ["work", "ar"] in offers["language_gaps"]
    assert data["not_verified"]["count"] == 2
    assert [o["title"] for o in data["not_verified"]["offers"]] == [
        "Beendet C",  # never verified comes first
        "Sprache und Arbeit B",
    ]
    assert [s["title"] for s in data["steps_without_responsible"]] == ["Arbeit finden"]
    english = data["translation_coverage"]["en"]
    assert english == {
        "originals": 6,
        "current": 1,
        "outdated": 0,
        "missing": 5,
        "percent_current": 16.7,
    }
    assert data["translation_coverage"]["ar"]["missing"] == 6


def test_figures_filtered_by_municipality_and_period(figures_portal):
    portal, _items = figures_portal
    data = get_json(
        portal, "@key-figures", user="lenkung", municipality="lindenau"
    ).json()
    assert data["offers"]["published"] == 1
    assert data["offers"]["by_category_municipality"]["language"] == {"lindenau": 1}
    # a period that ends before offer A starts: A (dated) drops out, B (no dates) stays
    period = get_json(
        portal,
        "@key-figures",
        user="lenkung",
        **{"from": TODAY.isoformat(), "to": (TODAY + timedelta(days=5)).isoformat()},
    ).json()
    assert period["offers"]["by_category_municipality"]["language"] == {
        "musterstadt": 0,
        "lindenau": 1,
    }
    bad = get_json(portal, "@key-figures", user="lenkung", municipality="atlantis")
    assert bad.status_code == 400
    assert bad.json()["error"]["problems"]


@pytest.mark.parametrize(
    "path",
    [
        "@key-figures",
        "@@key-figures",
        "@@key-figures.csv?figure=gaps",
        "@@demand-planning",
    ],
)
def test_anonymous_and_editors_get_nothing(figures_portal, path):
    portal, _items = figures_portal
    for user in (None, "redakteur"):
        response = requests.get(
            f"{portal.absolute_url()}/{path}",
            headers={"Accept": "application/json"} if path.startswith("@key") else {},
            auth=(user, PASSWORD) if user else None,
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code in (302, 401, 403), (user, response.status_code)
        assert "Sprachkurs A" not in response.text
        if response.status_code == 302:
            assert "login" in response.headers["Location"]
    assert get_json(portal, path, user="lenkung").status_code == 200


def test_dashboard_and_csv_downloads(figures_portal):
    portal, _items = figures_portal
    session = requests.Session()
    session.auth = ("lenkung", PASSWORD)
    page = session.get(portal.absolute_url() + "/@@key-figures", timeout=30)
    assert page.status_code == 200
    assert page.text.count("<svg") >= 4
    assert "Arbeit finden" in page.text
    figures = re.findall(r"@@key-figures\.csv\?[^\"]*figure=(\w+)", page.text)
    # no demand entered yet: every figure but the two demand tables
    assert set(figures) == {
        "offers_by_category_municipality",
        "offers_by_language",
        "gaps",
        "language_gaps",
        "not_verified",
        "translation_coverage",
        "housing",
        "steps_without_responsible",
        "feedback_by_month",
        "feedback_by_kind_reason_language",
    }
    for figure in set(figures):
        response = session.get(
            portal.absolute_url() + "/@@key-figures.csv", params={"figure": figure}
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] and all(rows[0])
    matrix = session.get(
        portal.absolute_url() + "/@@key-figures.csv",
        params={"figure": "offers_by_category_municipality"},
    )
    rows = list(csv.DictReader(io.StringIO(matrix.content.decode("utf-8-sig"))))
    counts = {(r["category"], r["municipality"]): int(r["active_offers"]) for r in rows}
    assert sum(counts.values()) == 3  # A once, B twice (two categories)
    unknown = session.get(
        portal.absolute_url() + "/@@key-figures.csv", params={"figure": "../etc"}
    )
    assert unknown.status_code == 400


def test_demand_against_supply():
    offers = [
        {
            "municipality": "m",
            "categories": ["language"],
            "offer_status": "active",
            "places": 10,
        },
        {
            "municipality": "m",
            "categories": ["language"],
            "offer_status": "active",
            "places": None,
        },
        {
            "municipality": "m",
            "categories": ["work"],
            "offer_status": "ended",
            "places": 50,
        },
        {
            "municipality": "l",
            "categories": ["language"],
            "offer_status": "active",
            "places": 30,
        },
    ]
    entries = {
        "m": {"categories": {"language": 30, "work": 5}},
        "l": {"categories": {"language": 12}},
    }
    rows = demand.demand_vs_supply(entries, offers)
    assert [(r["municipality"], r["category"], r["gap"]) for r in rows] == [
        ("m", "language", 20),
        ("m", "work", 5),
        ("l", "language", 0),
    ]
    first = rows[0]
    assert (first["offers"], first["offers_without_places"], first["places"]) == (
        2,
        1,
        10,
    )
    assert demand.quarter_period("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert demand.quarter_period("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))


def test_demand_is_entered_and_set_against_offers(figures_portal):
    portal, _items = figures_portal
    session = requests.Session()
    session.auth = ("lenkung", PASSWORD)
    url = portal.absolute_url() + "/@@demand-planning"
    page = session.get(url, params={"quarter": "2026-Q4"}, timeout=30)
    token = csrf_token(page.text)
    bad = session.post(
        url,
        data={
            "_authenticator": token,
            "quarter": "2026-Q4",
            "categories.musterstadt.language": "dreißig",
        },
        timeout=30,
    )
    assert bad.status_code == 400
    assert "dreißig" in bad.text
    transaction.begin()
    assert demand.get_demand("2026-Q4") == {}
    good = session.post(
        url,
        data={
            "_authenticator": token,
            "quarter": "2026-Q4",
            "categories.musterstadt.language": "30",
            "categories.musterstadt.apprenticeship": "6",
            "levels.musterstadt.A1": "7",
            "levels.musterstadt.B1": "3",
            "categories.lindenau.language": "2",
        },
        timeout=30,
    )
    assert good.status_code == 200
    data = get_json(portal, "@key-figures", user="lenkung", quarter="2026-Q4").json()
    gaps = [
        (g["municipality"], g["category"], g["gap"]) for g in data["demand"]["gaps"]
    ]
    assert gaps == [
        ("musterstadt", "language", 20),  # 30 people, A has 10 places
        ("musterstadt", "apprenticeship", 6),  # D is private: no supply
        ("lindenau", "language", 2),  # B states no places
    ]
    levels = {row["level"]: row for row in data["demand"]["by_level"]}
    assert levels["A1"] == {"level": "A1", "demand": 7, "offers": 1, "places": 10}
    assert levels["B1"]["offers"] == 2  # A (no German needed) and B (A2)
    without_token = session.post(
        url,
        data={"quarter": "2026-Q4", "categories.lindenau.language": "99"},
        timeout=30,
    )
    assert without_token.status_code == 403


@pytest.mark.parametrize("root", ["", "de/"])
def test_open_data_csv_and_json_hold_public_fields_only(figures_portal, root):
    portal, items = figures_portal
    for dataset in ("offers", "organisations", "contacts"):
        text = get_ok(portal, f"{root}@@open-data.csv?dataset={dataset}").text
        rows = list(csv.DictReader(io.StringIO(text)))
        body = get_ok(portal, f"{root}@@open-data.json?dataset={dataset}").json()
        assert body["fields"] == list(rows[0].keys()) if rows else True
        assert body["count"] == len(rows) == len(body["items"])
        assert body["licence"]["name"]
        for blob in (text, json.dumps(body, ensure_ascii=False)):
            assert "INTERN" not in blob and "nur intern" not in blob
            assert "internal" not in blob
            assert "Privat D" not in blob and "Noch Geheim" not in blob
    offers = get_ok(portal, f"{root}@@open-data.json?dataset=offers").json()["items"]
    titles = sorted(o["title"] for o in offers)
    expected = ["Beendet C", "Sprachkurs A", "Sprache und Arbeit B"]
    if not root:
        expected.append("Language course A")
    assert titles == sorted(expected)
    a = next(o for o in offers if o["title"] == "Sprachkurs A")
    assert a["categories"] == ["language"] and a["places"] == 10
    assert a["contact_ids"] == [items["contact"].UID()]  # not the private one
    assert a["provider"] == "VHS"
    contacts = get_ok(portal, f"{root}@@open-data.json?dataset=contacts").json()
    assert [c["title"] for c in contacts["items"]] == ["Petra Lange"]
    bad = requests.get(
        f"{portal.absolute_url()}/@@open-data.csv?dataset=users", timeout=30
    )
    assert bad.status_code == 400


def test_open_data_ical(figures_portal):
    portal, _items = figures_portal
    text = get_ok(portal, "de/@@offers.ics").text
    calendar = vobject.readOne(text)
    events = calendar.contents.get("vevent", [])
    assert [e.summary.value for e in events] == ["Sprachkurs A"]
    assert events[0].dtstart.value == TODAY + timedelta(days=10)
    assert events[0].dtend.value == TODAY + timedelta(days=41)  # exclusive end


def test_open_data_page_documents_fields_and_licence(figures_portal):
    portal, _items = figures_portal
    page = get_ok(portal, "de/@@open-data").text
    assert "Datenlizenz Deutschland" in page
    assert "contact_ids" in page and "offer_status" in page
    assert "internal_phone" not in page


def test_rest_relations_expand_into_summaries_of_visible_items(figures_portal):
    portal, items = figures_portal
    data = get_json(portal, "de/angebote/a").json()
    assert data["provider"]["title"] == "VHS"
    assert data["provider"]["kind"] == "education_provider"
    assert [c["title"] for c in data["contacts"]] == ["Petra Lange"]
    contact = data["contacts"][0]
    assert contact["position"] == "Kursberatung"
    assert contact["organisation"] == "VHS"
    assert "internal_phone" not in contact
    assert "INTERN" not in json.dumps(data)
    # the site owner may view the private contact, and gets it
    owner = requests.get(
        items["a"].absolute_url(),
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=30,
    ).json()
    assert sorted(c["title"] for c in owner["contacts"]) == [
        "Noch Geheim Person",
        "Petra Lange",
    ]


# The heatmap on a phone ------------------------------------------------------

# the dashboard's content width on a 390 px phone (measured in Chromium)
PHONE_CONTENT_WIDTH = 306
GLYPH = 0.55  # average glyph width of the labels' font, of its size


def heatmap_svg(html):
    from lxml import etree

    start = html.index("<svg", html.index('class="kf-chart-wrap"'))
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    # HTML serialisers write viewBox in lower case
    return etree.fromstring(svg.replace("viewbox=", "viewBox="))


def label_box(text, svg_direction):
    """The box (left, top, right, bottom) a label covers, from its anchor,
    rotation and length."""
    import math

    size = float(text.get("font-size"))
    length = len(text.text) * size * GLYPH
    transform = text.get("transform")
    if transform:
        x, y, angle = map(
            float,
            re.match(
                r"translate\(([-\d.]+),([-\d.]+)\) rotate\(([-\d.]+)\)", transform
            ).groups(),
        )
    else:
        x, y, angle = float(text.get("x")), float(text.get("y")), 0.0
    anchor = text.get("text-anchor", "start")
    # where the text runs along its baseline, measured from the anchor
    forward = svg_direction == "ltr"
    if anchor == "middle":
        span = (-length / 2, length / 2)
    elif (anchor == "start") == forward:
        span = (0, length)
    else:
        span = (-length, 0)
    a = math.radians(angle)
    points = []
    for along in span:
        for across in (-0.8 * size, 0.2 * size):  # ascent above, descent below
            points.append(
                (
                    x + along * math.cos(a) - across * math.sin(a),
                    y + along * math.sin(a) + across * math.cos(a),
                )
            )
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("language, direction", [("de", "ltr"), ("ar", "rtl")])
def test_the_heatmap_labels_are_whole_and_readable_on_a_phone(
    figures_portal, language, direction
):
    portal, _items = figures_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.municipalities",
            ["Musterstadt", "Lindenau", "Sankt Georgen im Schwarzwald"],
        )
    transaction.commit()
    page = requests.get(
        f"{portal.absolute_url()}/{language}/@@key-figures",
        auth=("lenkung", PASSWORD),
        timeout=30,
    )
    assert page.status_code == 200
    svg = heatmap_svg(page.text)
    assert svg.get("direction") == direction
    left, top, width, height = map(float, svg.get("viewBox").split())
    texts = [t for t in svg.iter("{*}text") if not t.text.isdigit()]
    labels = {t.text for t in texts}
    assert {"Musterstadt", "Lindenau", "Sankt Georgen im Schwarzwald"} <= labels
    for text in texts:
        x0, y0, x1, y1 = label_box(text, direction)
        assert left <= x0 and x1 <= left + width, text.text
        assert top <= y0 and y1 <= top + height, text.text
        # drawn at its size, or shrunk to the phone's width
        scale = min(1.0, PHONE_CONTENT_WIDTH / width)
        assert float(text.get("font-size")) * scale >= 12, text.text
    # the last column's label is the one that used to be cut off
    last = next(t for t in texts if t.text == "Sankt Georgen im Schwarzwald")
    x0, _y0, x1, _y1 = label_box(last, direction)
    if direction == "rtl":
        assert x0 < width / 2  # the last column is on the left
    else:
        assert x1 > width / 2
    # the numbers remain as a table
    assert "<table" in page.text[page.text.index('id="kf-offers"') :]
