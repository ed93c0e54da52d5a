"""The pages of offers, organisations, contacts and good-practice examples,
their vCard and QR code, as visitors and editors get them over HTTP."""

from datetime import date
from io import BytesIO
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from support import create_published
from support import OWNER
from support import rel
import os
import pytest
import requests
import transaction
import vobject


INTERNAL_PHONE = "+49 9999 4711-9999"
INTERNAL_NOTE = "Vertretung nur dienstags"


@pytest.fixture
def district(functional_portal):
    """A small district: one organisation, two contacts, offers, an example."""
    portal = functional_portal
    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Musterstadt", "Lindenau"]
    )
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = create_published(portal, "Folder", id="kreis", title="Kreis")
        org = api.content.create(
            folder,
            "Organisation",
            id="vhs",
            title="Volkshochschule Musterkreis",
            description="Sprachkurse für Erwachsene",
            kind="bildungstraeger",
            responsibilities="Integrationskurse\nBerufssprachkurse",
            municipality="musterstadt",
            street="Schulstraße 5",
            zip_code="99991",
            city="Musterstadt",
            phone="+49 9999 2000",
            email="info@vhs.example.org",
        )
        contact = api.content.create(
            folder,
            "Contact",
            id="birgit-lange",
            title="Birgit Lange",
            position="Kursberatung",
            responsibilities="Einstufungstest\nKurswahl",
            room="E.12",
            phone="+49 9999 2000-12",
            email="b.lange@example.org",
            opening_hours="Di 9–12 Uhr",
            languages=["de", "en"],
            organisation=rel(org),
            internal_phone=INTERNAL_PHONE,
            internal_notes=INTERNAL_NOTE,
        )
        second = api.content.create(
            folder,
            "Contact",
            id="kommagesetz",
            title="Jörg Müller, Komma; Semikolon",
            organisation=rel(org),
            email="j.mueller@example.org",
        )
        offer = api.content.create(
            folder,
            "Offer",
            id="integrationskurs",
            title="Integrationskurs am Vormittag",
            description="Deutsch für Alltag und Beruf",
            text=RichTextValue("<p>700 Stunden Unterricht.</p>", "text/html"),
            categories=["language"],
            target_groups=["adults"],
            german_level="none",
            age_min=18,
            municipality="musterstadt",
            cost="fee",
            cost_note="Mit Berechtigung kostenlos",
            registration="Einstufungstest dienstags\nAusweis mitbringen",
            barrier_free=True,
            start=date(2027, 1, 11),
            end=date(2027, 10, 29),
            provider=rel(org),
            contacts=[rel(contact)],
            offer_status="booked",
            last_verified=date(2026, 10, 5),
        )
        draft = api.content.create(
            folder,
            "Offer",
            id="entwurf",
            title="Unveröffentlichter Kurs",
            categories=["language"],
            provider=rel(org),
            contacts=[rel(contact)],
        )
        example = api.content.create(
            folder,
            "GoodPractice",
            id="stendal",
            title="Prozessketten am Arbeitstisch",
            municipality="Landkreis Stendal",
            federal_state="ST",
            topics=["apprenticeship", "work"],
            actors="Jobcenter\nAgentur für Arbeit",
            success_factors="Alle an einem Tisch",
            source="Pressetext des Landkreises, 2017",
            source_url="https://example.org/quelle",
            source_date=date(2017, 3, 1),
        )
        for obj in (org, contact, second, offer, example):
            api.content.transition(obj, to_state="published")
        assert api.content.get_state(draft) == "private"
    transaction.commit()
    return {
        "url": folder.absolute_url(),
        "org": org,
        "contact": contact,
        "offer": offer,
        "draft": draft,
        "example": example,
    }


def get(url, auth=None, **kwargs):
    response = requests.get(url, auth=auth, timeout=30, **kwargs)
    return response


def test_offer_page_shows_filled_fields(district):
    page = get(f"{district['url']}/integrationskurs")
    assert page.status_code == 200
    html = page.text
    assert "Integrationskurs am Vormittag" in html
    assert "700 Stunden Unterricht." in html
    assert "Fully booked" in html  # status shown because it is not active
    assert "No German needed" in html
    assert "from 18 years" in html
    assert "Mit Berechtigung kostenlos" in html
    assert "Einstufungstest dienstags<br" in html
    assert "Barrier-free access" in html
    # provider and contact as cards, the phone as a link
    assert "Volkshochschule Musterkreis" in html
    assert 'href="tel:+499999200012"' in html
    assert "Birgit Lange" in html
    assert 'datetime="2026-10-05"' in html
    # nothing empty: no childcare mention, no opening-hours heading
    assert "Childcare during the offer" not in html
    assert "Place, times and languages" not in html
    assert INTERNAL_PHONE not in html


def test_organisation_page_lists_contacts_and_published_offers(district):
    html = get(f"{district['url']}/vhs").text
    assert "Integrationskurse" in html and "Berufssprachkurse" in html
    assert "Schulstraße 5" in html
    assert "Birgit Lange" in html
    assert "Jörg Müller, Komma; Semikolon" in html
    assert "Integrationskurs am Vormittag" in html
    assert "Unveröffentlichter Kurs" not in html


def test_contact_page_for_visitors_hides_staff_fields(district):
    html = get(f"{district['url']}/birgit-lange").text
    assert "Kursberatung" in html
    assert "Volkshochschule Musterkreis" in html
    assert "Einstufungstest" in html
    assert "E.12" in html
    assert "Integrationskurs am Vormittag" in html  # offers she answers for
    assert "Unveröffentlichter Kurs" not in html
    assert "@@qr.svg" in html and "@@vcard" in html
    assert INTERNAL_PHONE not in html
    assert INTERNAL_NOTE not in html
    assert "For staff only" not in html


def test_contact_page_for_editors_shows_staff_fields(district):
    html = get(f"{district['url']}/birgit-lange", auth=OWNER).text
    assert "For staff only" in html
    assert INTERNAL_PHONE in html
    assert INTERNAL_NOTE in html
    # editors also see the offer still in draft
    assert "Unveröffentlichter Kurs" in html


def test_private_offer_is_not_public(district):
    response = get(f"{district['url']}/entwurf", allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert "Unveröffentlichter Kurs" not in response.text


def test_staff_fields_not_in_rest_api_for_visitors(district):
    url = f"{district['url']}/birgit-lange"
    public = get(url, headers={"Accept": "application/json"}).json()
    assert public["position"] == "Kursberatung"
    assert "internal_phone" not in public
    assert "internal_notes" not in public
    assert INTERNAL_PHONE not in str(public)
    staff = get(url, headers={"Accept": "application/json"}, auth=OWNER).json()
    assert staff["internal_phone"] == INTERNAL_PHONE


def test_staff_fields_not_searchable(district):
    """Words from the internal note and the internal phone find nothing, not
    even for staff; the public phone number does find the contact."""
    portal_url = district["url"].rsplit("/", 1)[0]

    def search(words, auth=None):
        found = get(
            f"{portal_url}/@search",
            params={"SearchableText": words},
            headers={"Accept": "application/json"},
            auth=auth,
        ).json()
        return [item["title"] for item in found["items"]]

    assert "Birgit Lange" in search("Kursberatung")
    for auth in (None, OWNER):
        assert search("Vertretung", auth) == []
        assert search("4711", auth) == []


def test_vcard_parses_and_carries_no_staff_fields(district):
    response = get(f"{district['url']}/birgit-lange/@@vcard")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/vcard")
    assert "charset=utf-8" in response.headers["Content-Type"]
    assert 'filename="birgit-lange.vcf"' in response.headers["Content-Disposition"]
    card = vobject.readOne(response.content.decode("utf-8"))
    assert card.fn.value == "Birgit Lange"
    assert card.n.value.family == "Lange"
    assert card.n.value.given == "Birgit"
    assert card.org.value == ["Volkshochschule Musterkreis"]
    assert card.title.value == "Kursberatung"
    assert card.tel.value == "+49 9999 2000-12"
    assert card.email.value == "b.lange@example.org"
    assert card.adr.value.street == "Schulstraße 5"
    assert card.url.value == f"{district['url']}/birgit-lange"
    assert INTERNAL_PHONE not in response.text
    assert "Vertretung" not in response.text


def test_vcard_escapes_commas_and_semicolons(district):
    response = get(f"{district['url']}/kommagesetz/@@vcard")
    text = response.content.decode("utf-8")
    assert "FN:Jörg Müller\\, Komma\\; Semikolon" in text
    card = vobject.readOne(text)
    assert card.fn.value == "Jörg Müller, Komma; Semikolon"


def zbar():
    """pyzbar with Debian's libzbar0; skipped locally without it, never in CI."""
    try:
        from pyzbar import pyzbar
    except ImportError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"QR decoding needs libzbar0 (apt-get install libzbar0): {exc}")
    return pyzbar


def test_qr_codes_decode_to_the_contact_page(district):
    from PIL import Image

    pyzbar = zbar()

    url = f"{district['url']}/birgit-lange"
    png = get(f"{url}/@@qr.png")
    assert png.headers["Content-Type"] == "image/png"
    decoded = pyzbar.decode(Image.open(BytesIO(png.content)))
    assert [symbol.data.decode() for symbol in decoded] == [url]
    svg = get(f"{url}/@@qr.svg")
    assert svg.headers["Content-Type"] == "image/svg+xml"
    assert svg.text.startswith("<svg")
    assert "<title>Birgit Lange</title>" in svg.text


def test_qr_svg_encodes_the_page_url(district):
    """The SVG is segno's drawing of the page's address, nothing else."""
    import segno

    url = f"{district['url']}/vhs"
    svg = get(f"{url}/@@qr.svg").text
    expected = BytesIO()
    segno.make(url, error="m").save(
        expected,
        kind="svg",
        scale=4,
        border=2,
        xmldecl=False,
        svgclass="qr-code",
        title="Volkshochschule Musterkreis",
    )
    assert svg == expected.getvalue().decode()


def test_good_practice_page_cites_its_source(district):
    html = get(f"{district['url']}/stendal").text
    assert "Landkreis Stendal" in html
    assert "Saxony-Anhalt" in html or "Sachsen-Anhalt" in html
    assert "Alle an einem Tisch" in html
    assert 'href="https://example.org/quelle"' in html
    assert "Pressetext des Landkreises, 2017" in html
    assert 'datetime="2017-03-01"' in html
    assert "Results" not in html  # no heading without content


def test_offers_to_verify_for_editors(district, functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        stale = api.content.create(
            functional_portal["kreis"],
            "Offer",
            id="alt",
            title="Lange nicht geprüft",
            categories=["work"],
            last_verified=date(2020, 1, 1),
        )
        api.content.create(
            functional_portal["kreis"],
            "Offer",
            id="nie",
            title="Nie geprüft",
            categories=["work"],
        )
        assert stale
    transaction.commit()
    portal_url = functional_portal.absolute_url()
    html = get(f"{portal_url}/@@offers-to-verify", auth=OWNER).text
    assert "Lange nicht geprüft" in html
    assert "Nie geprüft" in html
    assert "Unveröffentlichter Kurs" in html  # never checked either
    assert "Integrationskurs am Vormittag" not in html  # checked 2026-10-05
    assert html.index("Nie geprüft") < html.index("Lange nicht geprüft")
    # a short period makes the recently checked offer due as well
    html = get(f"{portal_url}/@@offers-to-verify?months=1", auth=OWNER).text
    assert "Integrationskurs am Vormittag" in html
    # bad input: a message, the configured period, no error
    response = get(f"{portal_url}/@@offers-to-verify?months=-5", auth=OWNER)
    assert response.status_code == 200
    assert "from 1 to 120" in response.text
    # an empty list of values (months:lines=) is no number either
    for query in ("months:lines=", "months:tokens=", "months=3&months=1"):
        response = get(f"{portal_url}/@@offers-to-verify?{query}", auth=OWNER)
        assert response.status_code == 200, query
    # a value sent twice: the last one counts
    assert "Integrationskurs am Vormittag" in response.text
    # visitors are sent to the login
    response = get(f"{portal_url}/@@offers-to-verify", allow_redirects=False)
    assert response.status_code in (302, 401, 403)


def test_offer_page_in_german(district):
    """Labels come from the German message catalogue for German readers."""
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    html = get(f"{district['url']}/integrationskurs").text
    assert "Für wen" in html
    assert "Nötige Deutschkenntnisse" in html
    assert "Ausgebucht" in html
