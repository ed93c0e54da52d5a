"""The housing tool as landlords and the housing team use it: the public form
over HTTP, the staff-only flats, the workflow, rent limits, the public
listing, figures and data protection."""

from DateTime import DateTime
from datetime import date
from datetime import timedelta
from integrationsportal.housing import limits as kdu
from integrationsportal.housing import privacy
from integrationsportal.housing.figures import summarize
from integrationsportal.housing.form import HousingProfile
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import csrf_token
import json
import pytest
import re
import requests
import transaction


PASSWORD = "geheim-Wohnung-1"
LIMITS = {
    "Musterstadt": [450, 540, 640, 740, 840, 940, 100],
    "Neudorf am See": [400, 480, 570, 660, 750, 840, 90],
}
LANDLORD = {
    "landlord_name": "Erika Vermieterin",
    "landlord_phone": "06381 123456",
    "landlord_email": "erika@example.org",
    "street": "Lindenallee 7",
}


def _setup(portal, public_listing=True):
    from integrationsportal.housing.form import setup_housing
    from integrationsportal.site.groups import setup_groups

    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.municipalities", ["Musterstadt", "Neudorf am See"]
        )
        api.portal.set_registry_record("integrationsportal.district_name", "Testkreis")
        setup_groups(portal)
        setup_housing(
            portal,
            "de",
            HousingProfile(
                public_listing=public_listing,
                privacy_version="2026-11",
                rent_limits=kdu.limits_from_rows(LIMITS),
            ),
            log=lambda message: None,
        )
        for username, group in (
            ("team", "housing-team"),
            ("redakteur", "editors"),
            ("pruefer", "reviewers"),
            ("lenkung", "steering-group"),
        ):
            api.user.create(
                username=username,
                email=f"{username}@example.org",
                password=PASSWORD,
                properties={"fullname": username.title()},
            )
            api.group.add_user(groupname=group, username=username)
    return portal


@pytest.fixture
def housing(ml_functional_portal):
    _setup(ml_functional_portal)
    transaction.commit()
    return ml_functional_portal


@pytest.fixture
def housing_integration(ml_portal):
    return _setup(ml_portal)


def form_url(portal):
    return portal.absolute_url() + "/de/wohnung-anbieten"


def valid_data(**changes):
    data = {
        "municipality": "musterstadt",
        "postal_code": "91234",
        "street": LANDLORD["street"],
        "rooms": "2,5",
        "living_space": "61",
        "cold_rent": "410",
        "utilities": "95",
        "available_from": (date.today() + timedelta(days=20)).isoformat(),
        "max_persons": "3",
        "landlord_name": LANDLORD["landlord_name"],
        "landlord_phone": LANDLORD["landlord_phone"],
        "landlord_email": LANDLORD["landlord_email"],
        "message": "Besichtigung am Wochenende möglich.",
        "consent": True,
    }
    data.update(changes)
    return data


def encode(data, token=None):
    """The POST body a browser sends for the easyform form."""
    body = {"form.buttons.submit": "Wohnung anbieten"}
    for name, value in data.items():
        if value is None:
            continue
        if name in ("municipality", "pets"):
            body[f"form.widgets.{name}:list"] = value
            body[f"form.widgets.{name}-empty-marker"] = "1"
        elif name in ("consent", "lift", "barrier_free", "furnished"):
            body[f"form.widgets.{name}-empty-marker"] = "1"
            if value:
                body[f"form.widgets.{name}:list"] = "selected"
        else:
            body[f"form.widgets.{name}"] = value
    if token:
        body["_authenticator"] = token
    return body


def submit(portal, data, session=None, with_token=True, **kwargs):
    session = session or requests.Session()
    page = session.get(form_url(portal), timeout=30)
    assert page.status_code == 200
    token = csrf_token(page.text) if with_token else None
    return session.post(
        form_url(portal),
        data=encode(data, token),
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def flats(portal):
    transaction.begin()  # see what the server committed
    folder = portal["wohnungen"]
    return [o for o in folder.objectValues() if o.portal_type == "HousingOffer"]


def test_a_landlord_offers_a_flat_and_only_the_team_sees_it(housing):
    portal = housing
    response = submit(portal, valid_data())
    assert response.status_code == 302
    year = date.today().year
    assert response.headers["Location"].endswith(f"/@@flat-received?ref=W-{year}-0001")

    confirmation = requests.get(response.headers["Location"], timeout=30)
    assert confirmation.status_code == 200
    assert f"W-{year}-0001" in confirmation.text
    for value in LANDLORD.values():
        assert value not in confirmation.text

    [flat] = flats(portal)
    assert api.content.get_state(flat) == "new"
    assert flat.reference == f"W-{year}-0001"
    assert flat.landlord_email == "erika@example.org"
    assert flat.rooms == 2.5
    assert flat.consent_given is not None
    assert flat.privacy_version == "2026-11"
    assert flat.get_local_roles() == ()
    url = flat.absolute_url()

    # anonymous visitors: not the page, not the search, not the API
    anonymous = requests.get(url, timeout=30)
    assert "Erika" not in anonymous.text
    assert anonymous.url != url or anonymous.status_code in (401, 403)
    search = requests.get(
        portal.absolute_url() + "/@@search",
        params={"SearchableText": f"W-{year}-0001"},
        timeout=30,
    )
    assert url not in search.text and "Erika" not in search.text
    api_get = requests.get(url, headers={"Accept": "application/json"}, timeout=30)
    assert api_get.status_code == 401
    api_search = requests.get(
        portal.absolute_url() + "/@search",
        params={"portal_type": "HousingOffer"},
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert api_search["items_total"] == 0

    # an editor of the portal: no more than anonymous
    editor = requests.get(
        url, headers={"Accept": "application/json"}, auth=("redakteur", PASSWORD)
    )
    assert editor.status_code == 401

    # the housing team: page and API with the landlord's data
    team_page = requests.get(url, auth=("team", PASSWORD), timeout=30)
    assert team_page.status_code == 200
    assert "Erika Vermieterin" in team_page.text
    team_api = requests.get(
        url, headers={"Accept": "application/json"}, auth=("team", PASSWORD)
    ).json()
    assert team_api["landlord_email"] == "erika@example.org"
    listing = requests.get(
        portal.absolute_url() + "/wohnungen", auth=("team", PASSWORD), timeout=30
    )
    assert f"W-{year}-0001" in listing.text


def test_a_double_click_files_one_flat(housing):
    session = requests.Session()
    first = submit(housing, valid_data(), session=session)
    second = submit(housing, valid_data(), session=session)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(flats(housing)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": False}, None),
        ({"landlord_email": "erika(at)example"}, None),
        ({"landlord_phone": "call me maybe"}, "keine Telefonnummer"),
        ({"landlord_phone": None, "landlord_email": None}, "oder eine E-Mail-Adresse"),
        ({"rooms": "40"}, None),
        ({"cold_rent": "viel"}, None),
        ({"cold_rent": "-5"}, None),
        ({"max_persons": "0"}, None),
        ({"available_from": "2019-01-01"}, "einen Monat zurück"),
        ({"available_from": "31.02.2027"}, None),
        ({"municipality": "atlantis"}, None),
        ({"living_space": "10", "rooms": "4"}, "Zimmerzahl und Wohnfläche"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_files_nothing(
    housing, changes, message
):
    response = submit(housing, valid_data(**changes))
    assert response.status_code in (200, 400)
    assert "invalid-feedback" in response.text or "alert-danger" in response.text
    if message:
        assert message in response.text
    assert flats(housing) == []


def test_markup_is_stored_as_text_and_shown_escaped(housing):
    payload = '<script>alert("x")</script><b>fett</b>'
    response = submit(housing, valid_data(message=payload, street=payload))
    assert response.status_code == 302
    [flat] = flats(housing)
    assert flat.message == payload
    page = requests.get(flat.absolute_url(), auth=("team", PASSWORD), timeout=30)
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_the_honeypot_swallows_robots(housing):
    response = submit(housing, valid_data(website="http://spam.example"))
    assert response.status_code == 302
    assert "ref=" not in response.headers["Location"]
    assert flats(housing) == []


def test_without_the_csrf_token_nothing_is_filed(housing):
    response = submit(housing, valid_data(), with_token=False)
    assert response.status_code == 403
    assert flats(housing) == []


def test_one_address_may_offer_only_so_many_flats_an_hour(housing):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.housing.submissions_per_hour", 2
        )
    transaction.commit()
    statuses = [
        submit(housing, valid_data(postal_code=f"9100{n}")).status_code
        for n in range(3)
    ]
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429
    assert len(flats(housing)) == 2


def test_oversize_and_malformed_requests_get_4xx_and_file_nothing(housing):
    url = form_url(housing)
    big = requests.post(
        url,
        data=encode(valid_data(message="x" * (5 * 1024 * 1024))),
        timeout=60,
    )
    assert 400 <= big.status_code < 500
    # A broken multipart body or a bad ":int" converter is refused by Zope
    # itself (BadRequest) before the form sees it: 400 from the real server,
    # which tests/test_commands.py starts; the test server here has no
    # exception middleware and would answer 500.
    assert flats(housing) == []


def _filed_flat(portal, **changes):
    response = submit(portal, valid_data(**changes))
    assert response.status_code == 302
    return flats(portal)[-1]


def post_transition(flat, user, transition, **fields):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    page = session.get(flat.absolute_url(), timeout=30)
    token = csrf_token(page.text) or ""
    return session.post(
        flat.absolute_url() + "/view",
        data={"_authenticator": token, "transition": transition, **fields},
        allow_redirects=False,
        timeout=30,
    )


def test_the_team_takes_a_flat_from_new_to_placed(housing):
    flat = _filed_flat(housing)
    assert post_transition(flat, "team", "check").status_code == 302
    refused = post_transition(flat, "team", "reserve", household_reference="Ahmad K.")
    assert refused.status_code == 400
    assert "keinen Namen" in refused.text
    missing = post_transition(flat, "team", "reserve")
    assert missing.status_code == 400
    ok = post_transition(flat, "team", "reserve", household_reference="BG-2026-0042")
    assert ok.status_code == 302
    assert post_transition(flat, "team", "place").status_code == 302
    flat = flats(housing)[-1]
    assert api.content.get_state(flat) == "placed"
    assert flat.household_reference == "BG-2026-0042"
    history = flat.workflow_history["integrationsportal_housing_workflow"]
    assert [h["review_state"] for h in history] == [
        "new",
        "checked",
        "reserved",
        "placed",
    ]
    assert {h["actor"] for h in history[1:]} == {"team"}
    page = requests.get(flat.absolute_url(), auth=("team", PASSWORD), timeout=30)
    assert "Team" in page.text  # who, on the history table


def test_only_the_team_changes_a_flat(housing):
    flat = _filed_flat(housing)
    for user in ("redakteur", "pruefer", "lenkung"):
        response = post_transition(flat, user, "check")
        assert response.status_code in (302, 401, 403)
        if response.status_code == 302:  # sent to the login form
            assert "login" in response.headers["Location"]
    # a GET with the parameters changes nothing either
    requests.get(
        flat.absolute_url() + "/view",
        params={"transition": "check"},
        auth=("team", PASSWORD),
        timeout=30,
    )
    # without the CSRF token neither
    no_token = requests.post(
        flat.absolute_url() + "/view",
        data={"transition": "check"},
        auth=("team", PASSWORD),
        timeout=30,
    )
    assert no_token.status_code == 403
    assert api.content.get_state(flats(housing)[-1]) == "new"


def test_rent_limits_at_the_boundary():
    limits = kdu.limits_from_rows(LIMITS)
    facts = {"municipality": "musterstadt", "max_persons": 4, "gross_cold_rent": 540.0}
    assert kdu.within_limit(facts, limits, 2)  # exactly the limit
    assert not kdu.within_limit(facts, limits, 1)  # 450 < 540
    assert kdu.sizes_within_limit(facts, limits) == [2, 3, 4]
    above = {**facts, "gross_cold_rent": 540.01}
    assert kdu.sizes_within_limit(above, limits) == [3, 4]
    # beyond the table: the largest size plus each further person
    assert kdu.rent_limit(limits, "Musterstadt", 8) == 940 + 2 * 100
    assert kdu.rent_limit(limits, "musterstadt", 6) == 940
    # a flat for 2 people suits no household of 3, whatever its rent
    small = {"municipality": "musterstadt", "max_persons": 2, "gross_cold_rent": 300}
    assert kdu.sizes_within_limit(small, limits) == [1, 2]
    # no table for the place: never within
    elsewhere = {**facts, "municipality": "atlantis"}
    assert kdu.sizes_within_limit(elsewhere, limits) == []


def test_the_flat_page_shows_the_check_per_household_size(housing):
    flat = _filed_flat(housing, cold_rent="450", utilities="90")  # 540 gross
    page = requests.get(flat.absolute_url(), auth=("team", PASSWORD), timeout=30)
    rows = re.findall(
        r'<th scope="row">(\d)</th>.*?<td>(.*?)</td>.*?<td>(.*?)</td>', page.text, re.S
    )
    within = {int(n): "text-success" in result for n, _limit, result in rows}
    assert within == {1: False, 2: True, 3: True}


def test_rent_limits_control_panel(housing):
    url = housing.absolute_url() + "/@@rent-limits"
    assert requests.get(url, auth=("redakteur", PASSWORD), timeout=30).url != url
    session = requests.Session()
    session.auth = ("team", PASSWORD)
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    token = csrf_token(page.text)
    bad = session.post(
        url,
        data={
            "_authenticator": token,
            "limit-0-1": "viel",
            "limit-0-2": "500",
        },
        timeout=30,
    )
    assert bad.status_code == 400
    assert "Musterstadt, 1" in bad.text
    unchanged = session.get(url, timeout=30).text
    assert 'name="limit-0-1" value="450"' in unchanged
    good = session.post(
        url,
        data={
            "_authenticator": token,
            "limit-0-1": "480,50",
            "limit-1-0": "95",
        },
        timeout=30,
    )
    assert good.status_code == 200
    again = session.get(url, timeout=30).text
    assert 'name="limit-0-1" value="480,5"' in again
    assert 'name="limit-1-0" value="95"' in again
    assert 'name="limit-0-2" value=""' in again


def test_public_listing_shows_checked_flats_without_address(housing):
    flat = _filed_flat(housing)
    _filed_flat(housing, postal_code="91999", cold_rent="380")  # stays new
    post_transition(flat, "team", "check")
    page = requests.get(housing.absolute_url() + "/de/@@available-flats", timeout=30)
    assert page.status_code == 200
    assert flat.reference in page.text
    assert page.text.count("W-") == 1
    for value in (*LANDLORD.values(), "91234"):
        assert value not in page.text


def test_public_listing_can_be_switched_off(housing):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.housing.public_listing", False
        )
    transaction.commit()
    page = requests.get(housing.absolute_url() + "/de/@@available-flats", timeout=30)
    assert page.status_code == 404


def test_figures_for_the_steering_group(housing):
    url = housing.absolute_url() + "/wohnungen/@@housing-figures"
    assert requests.get(url, auth=("lenkung", PASSWORD), timeout=30).status_code == 200
    assert requests.get(url, auth=("redakteur", PASSWORD), timeout=30).url != url


def test_figures_hand_computed(portal):
    rows = [
        {"state": "placed", "municipality": "a", "days_to_placement": 10.0},
        {"state": "placed", "municipality": "a", "days_to_placement": 40.0},
        {"state": "placed", "municipality": "b", "days_to_placement": 20.0},
        {"state": "new", "municipality": "b", "days_to_placement": None},
        {"state": "withdrawn", "municipality": "b", "days_to_placement": None},
    ]
    figures = summarize(rows)
    assert figures["counts"] == {
        "new": 1,
        "checked": 0,
        "reserved": 0,
        "placed": 3,
        "withdrawn": 1,
    }
    assert figures["median_days_to_placement"] == 20.0
    assert figures["by_municipality"]["b"]["withdrawn"] == 1


def _backdate(flat, days):
    history = list(flat.workflow_history["integrationsportal_housing_workflow"])
    history[-1] = {**history[-1], "time": DateTime() - days}
    flat.workflow_history["integrationsportal_housing_workflow"] = tuple(history)


def _make_flat(portal, reference_changes=None, **changes):
    from datetime import datetime
    from integrationsportal.housing.intake import create_flat

    data = valid_data(**changes)
    data.update(
        rooms=2.0,
        living_space=61.0,
        cold_rent=410.0,
        utilities=95.0,
        max_persons=3,
        available_from=date.today(),
    )
    return create_flat(
        portal["wohnungen"], data, datetime.now().astimezone(), "2026-11"
    )


def test_retention_erases_landlord_data_after_the_period(housing_integration):
    portal = housing_integration
    with api.env.adopt_user(SITE_OWNER_NAME):
        old = _make_flat(portal)
        recent = _make_flat(portal, landlord_email="b@example.org")
        open_flat = _make_flat(portal, landlord_email="c@example.org")
        for flat in (old, recent):
            api.content.transition(obj=flat, transition="check")
            api.content.transition(obj=flat, transition="place")
        _backdate(old, 181)
        _backdate(recent, 179)
        _backdate(open_flat, 400)  # still open: kept, whatever its age
        before = summarize(
            [
                {"state": api.content.get_state(f), "municipality": f.municipality}
                for f in (old, recent, open_flat)
            ]
        )
        assert privacy.erase_expired(days=180) == [old.reference]
    assert old.landlord_name is None and old.landlord_email is None
    assert old.street is None and old.message is None
    assert old.personal_data_erased is not None
    assert old.rooms == 2.0 and old.municipality == "musterstadt"
    assert recent.landlord_email == "b@example.org"
    assert open_flat.landlord_email == "c@example.org"
    after = summarize(
        [
            {"state": api.content.get_state(f), "municipality": f.municipality}
            for f in (old, recent, open_flat)
        ]
    )
    assert after == before


def test_export_and_erasure_on_request(housing):
    flat = _filed_flat(housing)
    other = _filed_flat(
        housing,
        landlord_email="someone@example.org",
        landlord_phone="0171 9876543",
        postal_code="9",
    )
    session = requests.Session()
    session.auth = ("team", PASSWORD)
    url = housing.absolute_url() + "/wohnungen/@@housing-privacy"
    page = session.get(url, timeout=30)
    token = csrf_token(page.text)
    export = session.post(
        url,
        data={
            "_authenticator": token,
            "contact": "ERIKA@example.org",
            "action": "export",
        },
        timeout=30,
    )
    assert export.status_code == 200
    data = json.loads(export.text)
    assert [f["reference"] for f in data["flats"]] == [flat.reference]
    assert data["flats"][0]["personal_data"]["landlord_name"] == "Erika Vermieterin"
    assert data["flats"][0]["consent"]["privacy_version"] == "2026-11"

    # nobody else may ask
    refused = requests.post(
        url,
        data={
            "_authenticator": token,
            "contact": "erika@example.org",
            "action": "export",
        },
        auth=("redakteur", PASSWORD),
        timeout=30,
    )
    assert "Erika Vermieterin" not in refused.text

    erase = session.post(
        url,
        data={"_authenticator": token, "contact": "06381/123456", "action": "erase"},
        timeout=30,
    )
    assert erase.status_code == 200
    transaction.begin()
    folder = housing["wohnungen"]
    erased, kept = folder[flat.getId()], folder[other.getId()]
    assert erased.landlord_name is None and erased.personal_data_erased
    assert api.content.get_state(erased) == "withdrawn"
    assert kept.landlord_name == "Erika Vermieterin"  # same name, other contact
    assert api.content.get_state(kept) == "new"


def test_the_team_is_told_by_mail_without_personal_data(housing_integration, inbox):
    from integrationsportal.housing.notify import notify_team

    portal = housing_integration
    with api.env.adopt_user(SITE_OWNER_NAME):
        flat = _make_flat(portal)
        inbox.configure()
        notify_team(flat)
        hooks = list(transaction.get().getAfterCommitHooks())
    for hook, args, kwargs in hooks:
        hook(True, *args, **kwargs)
    [message] = inbox.messages
    text = message.get_content()
    assert message["Subject"] == f"Neues Wohnungsangebot {flat.reference}"
    assert flat.reference in text
    assert flat.absolute_url() in text
    assert message.recipients == ["team@example.org"]  # the housing team
    for value in LANDLORD.values():
        assert value not in text and value not in str(message)


def test_retention_runs_by_itself_once_a_day(housing_integration):
    portal = housing_integration
    folder = portal["wohnungen"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        flat = _make_flat(portal)
        api.content.transition(obj=flat, transition="withdraw")
        _backdate(flat, 200)
        assert privacy.run_daily(folder) == [flat.reference]
        assert flat.landlord_name is None
        again = _make_flat(portal, landlord_email="x@example.org")
        api.content.transition(obj=again, transition="withdraw")
        _backdate(again, 200)
        assert privacy.run_daily(folder) is None  # not twice a day
        assert again.landlord_email == "x@example.org"


def test_site_administrators_see_flats_but_not_landlords(housing):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            username="admin2",
            email="admin2@example.org",
            password=PASSWORD,
            roles=["Site Administrator"],
        )
    transaction.commit()
    flat = _filed_flat(housing)
    page = requests.get(flat.absolute_url(), auth=("admin2", PASSWORD), timeout=30)
    assert page.status_code == 200
    assert flat.reference in page.text
    for value in LANDLORD.values():
        assert value not in page.text
    data = requests.get(
        flat.absolute_url(),
        headers={"Accept": "application/json"},
        auth=("admin2", PASSWORD),
        timeout=30,
    ).json()
    assert data["rooms"] == 2.5
    for name in ("landlord_name", "landlord_email", "landlord_phone", "street"):
        assert name not in data


def test_the_team_enters_a_flat_offered_by_phone(housing):
    url = housing.absolute_url() + "/wohnungen/++add++HousingOffer"
    assert requests.get(url, auth=("team", PASSWORD), timeout=30).status_code == 200
    editor = requests.get(url, auth=("redakteur", PASSWORD), timeout=30)
    assert editor.url != url or editor.status_code in (401, 403)


def test_state_and_transition_titles_come_from_the_workflow(housing):
    """The flat page names the state and the steps as the housing workflow
    does, translated; renaming a state in the workflow renames it on the
    page."""
    flat = _filed_flat(housing)
    page = requests.get(flat.absolute_url(), auth=("team", PASSWORD), timeout=30)
    assert ">Neu</span>" in page.text
    assert "Als geprüft markieren" in page.text
    assert "Für einen Haushalt reservieren" not in page.text  # not from "new"
    workflow = api.portal.get_tool("portal_workflow")[
        "integrationsportal_housing_workflow"
    ]
    workflow.states["new"].title = "Eingegangen"
    transaction.commit()
    page = requests.get(flat.absolute_url(), auth=("team", PASSWORD), timeout=30)
    assert ">Eingegangen</span>" in page.text


def test_a_repeated_form_value_counts_once_the_last(housing):
    """A field sent twice counts with its last value, on every page."""
    flat = _filed_flat(housing)
    response = post_transition(flat, "team", ["withdraw", "check"])
    assert response.status_code == 302
    assert api.content.get_state(flats(housing)[-1]) == "checked"
    listing = housing.absolute_url() + "/wohnungen"
    page = requests.get(
        listing + "?state=new&state=checked", auth=("team", PASSWORD), timeout=30
    )
    assert flat.reference in page.text
    page = requests.get(
        listing + "?state=checked&state=new", auth=("team", PASSWORD), timeout=30
    )
    assert flat.reference not in page.text


# The form as a reader meets it ------------------------------------------------


def form_page(portal, language="de", **kwargs):
    response = requests.get(
        f"{portal.absolute_url()}/{language}/wohnung-anbieten", timeout=30, **kwargs
    )
    assert response.status_code == 200
    return response


def select_options(html, name):
    """The options of the select ``name``: [(value, text, selected)]."""
    select = re.search(
        rf'<select[^>]*name="form\.widgets\.{name}:list"[^>]*>(.*?)</select>',
        html,
        re.S,
    ).group(1)
    return [
        (value, text.strip(), "selected" in attributes)
        for attributes, value, text in re.findall(
            r'<option([^>]*?value="([^"]*)"[^>]*)>(.*?)</option>', select, re.S
        )
    ]


def test_the_form_opens_at_its_top_with_nothing_chosen_for_the_landlord(housing):
    html = form_page(housing).text
    # nothing moves the focus past the heading and the privacy notice
    assert "autofocus" not in html.lower()
    assert html.index("Datenschutz") < html.index('name="form.widgets.municipality')
    # the place: an empty "please choose" first, no place chosen in advance
    options = select_options(html, "municipality")
    assert options[0][:2] == ("--NOVALUE--", "Bitte auswählen")
    assert [o for o in options[1:] if o[2]] == []
    assert {o[1] for o in options[1:]} == {"Musterstadt", "Neudorf am See"}
    # pets: three plain choices, none of them "no value"
    assert "Kein Wert" not in html and "No value" not in html
    pets = re.findall(r'name="form\.widgets\.pets" type="radio" value="(\w+)"', html)
    assert pets == ["yes", "ask", "no"]
    assert "Haustiere nach Absprache" in html
    # the send button is the form's primary action
    assert re.search(r'<button[^>]*name="form\.buttons\.submit"', html)


def test_a_place_left_empty_is_named_and_the_other_input_kept(housing):
    session = requests.Session()
    response = submit(housing, valid_data(municipality="--NOVALUE--"), session)
    assert response.status_code == 200
    html = response.text
    assert "Bitte auswählen: Ort" in html
    # what the landlord entered is still there
    assert LANDLORD["street"] in html
    assert 'value="61"' in html
    # the place is still to be chosen
    options = select_options(html, "municipality")
    assert [o for o in options[1:] if o[2]] == []
    assert flats(housing) == []
    # chosen, the same offer goes through
    response = submit(housing, valid_data(), session)
    assert response.status_code == 302
    assert len(flats(housing)) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"rooms": "0,5"}, "Zimmer: Die Zahl ist zu klein. Mindestens 1 ist nötig."),
        ({"landlord_name": ""}, "Bitte ausfüllen: Ihr Name"),
        ({"living_space": "4000"}, "Wohnfläche in m²: Die Zahl ist zu groß."),
        ({"rooms": "zwei"}, "Zimmer: Bitte schreiben Sie eine Zahl, zum Beispiel 3"),
        ({"rooms": "nan"}, "Zimmer: Bitte schreiben Sie eine Zahl"),
        ({"max_persons": "drei"}, "Bitte schreiben Sie eine ganze Zahl"),
    ],
)
def test_messages_name_the_field(housing, changes, message):
    response = submit(housing, valid_data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert flats(housing) == []


def test_the_form_exists_in_every_language_of_the_portal(housing):
    original = housing["de"]["wohnung-anbieten"]
    for language in ("en", "ar", "fa"):
        form = housing[language]["wohnung-anbieten"]
        assert api.content.get_state(form) == "published"
        manager = ITranslationManager(original)
        assert manager.get_translation(language) == form
    english = form_page(housing, "en").text
    assert "<h1" in english and "Offer a flat</h1>" in english
    assert "Town or municipality of the flat" in english
    assert "Please choose</option>" in english


def test_the_arabic_form_is_in_arabic_and_files_a_flat(housing):
    html = form_page(housing, "ar").text
    assert re.search(r'<html[^>]*\blang="ar"', html)
    assert re.search(r'<html[^>]*\bdir="rtl"', html)
    assert "اعرض شقة</h1>" in html
    assert "مدينة أو بلدة الشقة" in html  # the place
    assert "حماية البيانات" in html  # the privacy notice
    assert "Testkreis" in html and "${district}" not in html
    assert "180" in html  # the retention period
    form = html[html.index('id="formPrologue"') : html.index("</form>")]
    for german_or_english in ("Ort", "Haustiere", "Datenschutz", "Please choose"):
        assert german_or_english not in form
    options = select_options(html, "municipality")
    assert options[0][:2] == ("--NOVALUE--", "يرجى الاختيار")

    session = requests.Session()
    page = session.get(f"{housing.absolute_url()}/ar/wohnung-anbieten", timeout=30)
    response = session.post(
        f"{housing.absolute_url()}/ar/wohnung-anbieten",
        # numbers as an Arabic keyboard writes them: 2.5 rooms, 61 m²
        data=encode(valid_data(rooms="٢٫٥", living_space="٦١"), csrf_token(page.text)),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    assert "/ar/wohnung-anbieten/@@flat-received?ref=W-" in response.headers["Location"]
    [flat] = flats(housing)
    # the same folder and workflow as the German form
    assert flat.aq_parent.getId() == "wohnungen"
    assert api.content.get_state(flat) == "new"
    assert flat.rooms == 2.5 and flat.living_space == 61.0
    assert flat.municipality == "musterstadt"

    empty = session.post(
        f"{housing.absolute_url()}/ar/wohnung-anbieten",
        data=encode(
            valid_data(municipality="--NOVALUE--", consent=False),
            csrf_token(page.text),
        ),
        allow_redirects=False,
        timeout=30,
    )
    assert empty.status_code == 200
    assert "يرجى الاختيار: مدينة أو بلدة الشقة" in empty.text
    # the form's own message above the fields is Arabic too
    assert "هناك أخطاء" in empty.text
    assert "There were some errors" not in empty.text
    assert "يرجى وضع علامة في هذا المربع." in empty.text  # the consent
    assert "Erforderliche Eingabe fehlt" not in empty.text
