"""XLIFF exchange with translators: round trip, and every kind of bad file
refused without changing anything."""

from integrationsportal import translation
from integrationsportal.translation import xliff
from lxml import etree
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from support import csrf_token
from support import OWNER
import pytest
import requests
import transaction


NS = {"x": xliff.NS}


@pytest.fixture
def originals(ml_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = api.content.create(
            ml_portal["de"], "Folder", id="angebote", title="Angebote"
        )
        offer = api.content.create(
            folder,
            "Offer",
            id="sprachcafe",
            title="Sprachcafé",
            description="Deutsch sprechen bei Kaffee",
            categories=["language"],
            text=RichTextValue("<p>Jeden <strong>Dienstag</strong>.</p>", "text/html"),
            registration="Einfach vorbeikommen",
        )
        contact = api.content.create(
            folder,
            "Contact",
            id="kim",
            title="Kim Berger",
            position="Beratung",
            internal_notes="Nur intern: Vertretung Frau X",
        )
    return folder, offer, contact


def fill(data, translations):
    """Put target texts into an exported file: {(uid, field): text}."""
    root = etree.fromstring(data)
    for file_element in root.findall("x:file", NS):
        for unit in file_element.iterfind(".//x:trans-unit", NS):
            key = (file_element.get("original"), unit.get("id"))
            if key in translations:
                unit.find("x:target", NS).text = translations[key]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_export_has_translatable_fields_only(originals):
    folder, offer, contact = originals
    data = xliff.export([folder, offer, contact], "ar")
    root = etree.fromstring(data)
    files = {f.get("original"): f for f in root.findall("x:file", NS)}
    assert set(files) == {folder.UID(), offer.UID(), contact.UID()}
    offer_units = {
        u.get("id") for u in files[offer.UID()].iterfind(".//x:trans-unit", NS)
    }
    assert offer_units == {"title", "description", "text", "registration"}
    assert files[offer.UID()].get("target-language") == "ar"
    contact_units = {
        u.get("id") for u in files[contact.UID()].iterfind(".//x:trans-unit", NS)
    }
    assert "position" in contact_units
    assert "internal_notes" not in contact_units  # staff-only never leaves
    assert b"Vertretung" not in data


def test_round_trip_creates_and_updates_translations(originals):
    _folder, offer, contact = originals
    data = xliff.export([offer, contact], "ar")
    filled = fill(
        data,
        {
            (offer.UID(), "title"): "مقهى اللغة",
            (offer.UID(), "text"): "<p>كل <strong>ثلاثاء</strong>.</p>",
            (offer.UID(), "registration"): "تعالوا ببساطة",
            (contact.UID(), "position"): "استشارة",
        },
    )
    with api.env.adopt_user(SITE_OWNER_NAME):
        plan = xliff.read(filled, "ar")
        assert plan.problems == []
        assert ("Sprachcafé", "description") in plan.skipped
        assert xliff.apply(plan) == (2, 0)
    arabic = ITranslationManager(offer).get_translation("ar")
    assert arabic.title == "مقهى اللغة"
    assert arabic.text.raw == "<p>كل <strong>ثلاثاء</strong>.</p>"
    assert arabic.registration == "تعالوا ببساطة"
    assert arabic.categories == ["language"]  # language-independent, copied
    assert translation.status(arabic) == translation.CURRENT
    # the original changes; a second round updates the translation
    offer.title = "Sprachcafé am Mittwoch"
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(offer, Attributes(None, "title")))
    assert translation.status(arabic) == translation.OUTDATED
    again = fill(xliff.export([offer], "ar"), {(offer.UID(), "title"): "مقهى الأربعاء"})
    with api.env.adopt_user(SITE_OWNER_NAME):
        plan = xliff.read(again, "ar")
        assert xliff.apply(plan) == (0, 1)
    assert arabic.title == "مقهى الأربعاء"
    assert translation.status(arabic) == translation.CURRENT


def exported_offer(originals, text="مقهى"):
    _folder, offer, _contact = originals
    return offer, fill(xliff.export([offer], "ar"), {(offer.UID(), "title"): text})


def bad_files(originals):
    offer, good = exported_offer(originals)
    uid = offer.UID()
    text = good.decode()
    return {
        "broken XML": (good[:-40], "not well-formed"),
        "not XLIFF": (b"<?xml version='1.0'?><html><body/></html>", "not an XLIFF 1.2"),
        "wrong language": (
            text.replace('target-language="ar"', 'target-language="fa"').encode(),
            "this import is for",
        ),
        "unknown language": (
            text.replace('target-language="ar"', 'target-language="xx"').encode(),
            "not a language",
        ),
        "unknown item": (text.replace(uid, "0" * 32).encode(), "no item with the id"),
        "unknown field": (
            text.replace('id="registration"', 'id="internal_notes"').encode(),
            "unknown field",
        ),
        "markup in plain text": (
            fill(
                xliff.export([offer], "ar"),
                {(uid, "title"): '<img src=x onerror="alert(1)">'},
            ),
            "markup is not allowed",
        ),
        "script in rich text": (
            fill(
                xliff.export([offer], "ar"),
                {(uid, "text"): "<p>Hallo</p><script>alert(1)</script>"},
            ),
            "not allowed (scripts",
        ),
        "event handler in rich text": (
            fill(
                xliff.export([offer], "ar"),
                {(uid, "text"): '<p onclick="steal()">Hallo</p>'},
            ),
            "not allowed (scripts",
        ),
        "entity expansion": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            b"<file>&e;</file></xliff>",
            "",
        ),
        "empty": (b"", "empty"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "broken XML",
        "not XLIFF",
        "wrong language",
        "unknown language",
        "unknown item",
        "unknown field",
        "markup in plain text",
        "script in rich text",
        "event handler in rich text",
        "entity expansion",
        "empty",
    ],
)
def test_bad_files_are_refused_and_change_nothing(originals, kind):
    offer = originals[1]
    data, message = bad_files(originals)[kind]
    # a good unit next to the bad one must not be applied either
    with api.env.adopt_user(SITE_OWNER_NAME):
        plan = xliff.read(data, "ar")
    assert plan.problems, kind
    if message:
        assert any(message in api.portal.translate(p) for p in plan.problems), (
            plan.problems
        )
    assert ITranslationManager(offer).get_translation("ar") is None
    assert b"root:" not in str(plan.problems).encode()


def test_import_over_http(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        page = api.content.create(
            portal["de"], "Document", id="info", title="Information"
        )
    transaction.commit()
    auth = OWNER
    exported = requests.get(
        f"{portal.absolute_url()}/de/info/@@xliff-export",
        params={"language": "ar"},
        auth=auth,
        timeout=30,
    )
    assert exported.status_code == 200
    assert 'filename="info-ar.xlf"' in exported.headers["Content-Disposition"]
    filled = fill(exported.content, {(page.UID(), "title"): "معلومات"})
    session = requests.Session()
    session.auth = auth
    form = session.get(f"{portal.absolute_url()}/ar/@@xliff-import", timeout=30).text
    token = csrf_token(form)
    answer = session.post(
        f"{portal.absolute_url()}/ar/@@xliff-import",
        data={"_authenticator": token},
        files={"file": ("info-ar.xlf", filled, "application/x-xliff+xml")},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text[-2000:]
    assert "alert-success" in answer.text
    transaction.begin()
    assert (
        ITranslationManager(portal["de"]["info"]).get_translation("ar").title
        == "معلومات"
    )
    # the same file into the Farsi root is refused, with a message
    answer = session.post(
        f"{portal.absolute_url()}/fa/@@xliff-import",
        data={"_authenticator": token},
        files={"file": ("info-ar.xlf", filled, "application/x-xliff+xml")},
        timeout=30,
    )
    assert answer.status_code == 400
    assert "nothing was changed" in answer.text
    # no language chosen for an export: a clear 400
    answer = session.get(f"{portal.absolute_url()}/de/info/@@xliff-export", timeout=30)
    assert answer.status_code == 400
