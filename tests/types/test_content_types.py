"""Per type: schema, FTI, add permission, translatability, REST round trip."""

from plone import api
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import iterSchemataForType
from zope.component import createObject
from zope.component import queryUtility
import pytest
import transaction


TYPES = {
    "Offer": {
        "schema": "integrationsportal.offers.content.IOffer",
        "permission": "integrationsportal: Add Offer",
        "independent": {
            "categories",
            "german_level",
            "provider",
            "contacts",
            "municipality",
            "offer_status",
            "languages",
            "last_verified",
            "street",
            "age_min",
            "age_max",
            "cost",
            "barrier_free",
        },
        "translatable": {"text", "registration", "cost_note", "opening_hours"},
    },
    "Organisation": {
        "schema": "integrationsportal.directory.organisation.IOrganisation",
        "permission": "integrationsportal: Add Organisation",
        "independent": {"kind", "phone", "email", "website", "languages"},
        "translatable": {"responsibilities", "text", "opening_hours"},
    },
    "Contact": {
        "schema": "integrationsportal.directory.contact.IContact",
        "permission": "integrationsportal: Add Contact",
        "independent": {"organisation", "phone", "email", "room", "languages"},
        "translatable": {"position", "responsibilities", "internal_notes"},
    },
    "GoodPractice": {
        "schema": "integrationsportal.goodpractice.content.IGoodPractice",
        "permission": "integrationsportal: Add GoodPractice",
        "independent": {"federal_state", "topics", "source_date", "source_url"},
        "translatable": {"text", "actors", "success_factors", "results", "source"},
    },
    "TaskTile": {
        "schema": "integrationsportal.frontdoor.content.ITaskTile",
        "permission": "integrationsportal: Add TaskTile",
        "independent": {"icon"},
        "translatable": {"target", "target_url"},
    },
}

OFFER_FIELDS = [
    "categories",
    "target_groups",
    "residence_status",
    "german_level",
    "languages",
    "age_min",
    "age_max",
    "municipality",
    "street",
    "zip_code",
    "city",
    "online",
    "cost",
    "funding",
    "registration",
    "barrier_free",
    "childcare",
    "provider",
    "contacts",
    "offer_status",
    "last_verified",
    "start",
    "end",
    "opening_hours",
]


def fields_of(portal_type):
    names = {}
    for schema in iterSchemataForType(portal_type):
        for name in schema.names():
            names[name] = schema[name]
    return names


@pytest.mark.parametrize("portal_type", TYPES)
class TestType:
    def test_fti(self, portal, portal_type):
        fti = queryUtility(IDexterityFTI, name=portal_type)
        assert fti is not None
        assert fti.schema == TYPES[portal_type]["schema"]
        assert "plone.translatable" in fti.behaviors
        assert fti.global_allow

    def test_factory(self, portal, portal_type):
        fti = queryUtility(IDexterityFTI, name=portal_type)
        obj = createObject(fti.factory)
        assert obj.portal_type == portal_type

    def test_add_permission(self, portal, portal_type):
        fti = queryUtility(IDexterityFTI, name=portal_type)
        permission = TYPES[portal_type]["permission"]
        assert fti.add_permission == f"integrationsportal.Add{portal_type}"

        def granted(role):
            with api.env.adopt_roles([role]):
                return api.user.has_permission(permission, obj=portal)

        for role in ("Contributor", "Manager", "Site Administrator"):
            assert granted(role), role
        for role in ("Anonymous", "Member", "Reader"):
            assert not granted(role), role

    @pytest.mark.parametrize("role,allowed", [("Contributor", True), ("Member", False)])
    def test_who_may_add(self, portal, portal_type, role, allowed):
        with api.env.adopt_roles([role]):
            addable = [t.getId() for t in portal.allowedContentTypes()]
        assert (portal_type in addable) is allowed

    def test_language_independent_fields(self, portal, portal_type):
        fields = fields_of(portal_type)
        for name in TYPES[portal_type]["independent"]:
            assert ILanguageIndependentField.providedBy(fields[name]), name
        for name in TYPES[portal_type]["translatable"]:
            assert not ILanguageIndependentField.providedBy(fields[name]), name


def test_offer_has_the_contract_field_names(portal):
    fields = fields_of("Offer")
    missing = [name for name in OFFER_FIELDS if name not in fields]
    assert missing == []


def test_staff_fields_have_their_own_permission(portal):
    from integrationsportal.directory.contact import IContact
    from plone.autoform.interfaces import READ_PERMISSIONS_KEY

    read = IContact.queryTaggedValue(READ_PERMISSIONS_KEY)
    assert read == {
        "internal_phone": "integrationsportal.ViewStaffFields",
        "internal_notes": "integrationsportal.ViewStaffFields",
    }


def test_rest_round_trip_offer(functional_portal, rest):
    url, session = rest
    api.portal.set_registry_record("integrationsportal.municipalities", ["Lindenau"])
    transaction.commit()
    organisation = session.post(
        url,
        json={
            "@type": "Organisation",
            "title": "VHS Lindenau",
            "kind": "vhs",
            "phone": "+49 9999 100",
            "city": "Lindenau",
        },
    )
    assert organisation.status_code == 201, organisation.text
    contact = session.post(
        url,
        json={
            "@type": "Contact",
            "title": "Frau Beispiel",
            "organisation": organisation.json()["UID"],
            "email": "b@example.org",
        },
    )
    assert contact.status_code == 201, contact.text
    data = {
        "@type": "Offer",
        "title": "Berufssprachkurs B2",
        "categories": ["language"],
        "target_groups": ["adults"],
        "residence_status": ["aufenthaltserlaubnis"],
        "german_level": "B1",
        "languages": ["de"],
        "age_min": 18,
        "municipality": "lindenau",
        "online": "hybrid",
        "cost": "free",
        "funding": ["bamf"],
        "registration": "Anmeldung im Sekretariat",
        "barrier_free": True,
        "childcare": False,
        "provider": organisation.json()["UID"],
        "contacts": [contact.json()["UID"]],
        "offer_status": "active",
        "last_verified": "2026-10-01",
    }
    created = session.post(url, json=data)
    assert created.status_code == 201, created.text
    offer = session.get(created.json()["@id"]).json()
    assert offer["categories"] == [{"token": "language", "title": "Learning German"}]
    assert offer["german_level"]["token"] == "B1"
    assert offer["municipality"] == {"token": "lindenau", "title": "Lindenau"}
    assert offer["provider"]["title"] == "VHS Lindenau"
    assert [c["title"] for c in offer["contacts"]] == ["Frau Beispiel"]
    assert offer["last_verified"] == "2026-10-01"
    assert offer["barrier_free"] is True
    patched = session.patch(created.json()["@id"], json={"german_level": "B2"})
    assert patched.status_code == 204
    assert session.get(created.json()["@id"]).json()["german_level"]["token"] == "B2"


@pytest.mark.parametrize(
    "field,value",
    [
        ("german_level", "Z9"),
        ("categories", ["kochen"]),
        ("age_min", -4),
        ("age_min", "zwanzig"),
        ("municipality", "atlantis"),
    ],
)
def test_rest_rejects_bad_values_with_400(functional_portal, rest, field, value):
    url, session = rest
    data = {"@type": "Offer", "title": "Kaputt", "categories": ["work"], field: value}
    response = session.post(url, json=data)
    assert response.status_code == 400, response.text
    assert field in response.text


def test_rest_rejects_ages_in_the_wrong_order(functional_portal, rest):
    url, session = rest
    response = session.post(
        url,
        json={
            "@type": "Offer",
            "title": "X",
            "categories": ["work"],
            "age_min": 30,
            "age_max": 20,
        },
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "portal_type,extra",
    [
        ("Organisation", {"kind": "jobcenter"}),
        ("Contact", {"position": "Beratung"}),
        (
            "GoodPractice",
            {
                "municipality": "Landkreis Kusel",
                "source": "Test, 2017",
                "federal_state": "RP",
                "topics": ["housing"],
            },
        ),
    ],
)
def test_rest_round_trip_other_types(functional_portal, rest, portal_type, extra):
    url, session = rest
    created = session.post(url, json={"@type": portal_type, "title": "Probe", **extra})
    assert created.status_code == 201, created.text
    item = session.get(created.json()["@id"]).json()
    assert item["@type"] == portal_type
    for name, value in extra.items():
        got = item[name]
        if isinstance(got, dict):
            got = got["token"]
        if isinstance(got, list):
            got = [g["token"] if isinstance(g, dict) else g for g in got]
        assert got == value
