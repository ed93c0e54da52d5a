"""Readers' feedback over HTTP: the box on every page, a vote and a report
in each language, the editors' inbox, marking done, the counts on a page,
the limits and bad input, and the retention job."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from feedback_data import LANGUAGES
from feedback_data import PASSWORD
from integrationsportal.feedback import store
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import csrf_token
import pytest
import requests
import transaction


EDITOR = ("redakteur", PASSWORD)


def reports():
    transaction.begin()
    folder = store.reports_folder()
    if folder is None:
        return []
    return sorted(
        (r for r in folder.objectValues() if r.portal_type == "Feedback"),
        key=lambda r: r.created(),
    )


def box_form(page_url, session=None):
    """The box's form on a page, as a reader's browser gets it."""
    html = (session or requests).get(page_url, timeout=30).text
    assert 'class="ip-feedback-form"' in html, f"no feedback box on {page_url}"
    return html, csrf_token(html)


def post(url, data, session=None, **kwargs):
    return (session or requests).post(
        url, data=data, allow_redirects=False, timeout=30, **kwargs
    )


def report_data(token, reason="contact", text="", **extra):
    data = {
        "form.widgets.reason": reason,
        "form.widgets.reason-empty-marker": "1",
        "form.widgets.text": text,
        "form.buttons.report": "report",
        **extra,
    }
    if token is not None:
        data["_authenticator"] = token
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_votes_and_reports_in_each_language(site, language):
    offer = site["offers"][language]
    url = offer.absolute_url()
    html, token = box_form(url)
    assert token
    # the box speaks the page's language (German only on German pages)
    if language != "de":
        assert "Was this helpful?" not in html or language == "en"
    vote = post(f"{url}/@@feedback", {"_authenticator": token, "form.buttons.no": "no"})
    assert vote.status_code == 303, vote.text[-3000:]
    assert vote.headers["Location"].endswith("/@@feedback?sent=no")
    thanks = requests.get(vote.headers["Location"], timeout=30)
    assert thanks.status_code == 200
    assert 'name="form.widgets.reason"' in thanks.text  # asks what was wrong
    report = post(
        f"{url}/@@feedback",
        report_data(csrf_token(thanks.text), "translation", "Die Zeit stimmt nicht"),
    )
    assert report.status_code == 303
    [first, second] = reports()
    assert (first.helpful, first.reason) == (False, None)
    assert (second.reason, second.text) == ("translation", "Die Zeit stimmt nicht")
    for item in (first, second):
        assert item.reader_language == language
        assert item.target_uid == offer.UID()
        assert item.kind == "offer"
        assert item.section == "Angebote"
        assert api.content.get_state(item) == "open"
        assert item.get_local_roles() == ()


def test_a_helpful_vote_needs_no_work(site):
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    post(f"{url}/@@feedback", {"_authenticator": token, "form.buttons.yes": "yes"})
    [vote] = reports()
    assert vote.helpful is True
    assert api.content.get_state(vote) == "done"


@pytest.mark.parametrize("page", ["organisation", "contact", "chain", "step"])
def test_the_box_is_on_every_kind_of_page(site, page):
    url = site[page].absolute_url()
    _html, token = box_form(url)
    response = post(f"{url}/@@feedback", report_data(token, "outdated"))
    assert response.status_code == 303
    [item] = reports()
    assert item.kind == page
    assert item.target_uid == site[page].UID()


def test_a_report_from_the_finders_empty_result(site):
    root = site["portal"]["ar"].absolute_url()
    finder = f"{root}/@@offer-finder?q=Schweisskurs+Zzyzx"
    html, token = box_form(finder)
    assert 'name="form.widgets.page"' in html
    state = html.split('name="form.widgets.page"')[1].split('value="')[1].split('"')[0]
    response = post(
        f"{root}/@@feedback",
        report_data(
            token,
            "other",
            "Ich suche einen Schweißkurs",
            **{
                "form.widgets.page": state.replace("&amp;", "&"),
            },
        ),
    )
    assert response.status_code == 303
    [item] = reports()
    assert item.kind == "finder"
    assert item.reader_language == "ar"
    assert item.target_url.startswith(f"{root}/@@offer-finder?")
    assert "Zzyzx" in item.target_url
    assert item.target_uid is None


def test_the_box_works_without_a_token_by_giving_the_form_back(site):
    url = site["offers"]["de"].absolute_url()
    response = post(f"{url}/@@feedback", report_data(None, "unclear", "Zu schwierig"))
    assert response.status_code == 403
    assert "noch einmal" in response.text  # "send it again", in German
    assert "Zu schwierig" in response.text  # what the reader wrote is kept
    assert csrf_token(response.text)  # and a fresh token to send it with
    assert reports() == []


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"form.widgets.text": "x" * 100_000}, 400),
        ({"form.widgets.reason": "hacked"}, 400),
        ({"form.widgets.reason": ""}, 400),
        (
            {
                "form.widgets.email": "not an address",
                "form.widgets.consent:list": "selected",
            },
            400,
        ),
        ({"form.widgets.email": "leser@example.org"}, 400),  # no consent
    ],
    ids=["100 KB text", "unknown reason", "no reason", "bad address", "no consent"],
)
def test_bad_input_is_refused_and_files_nothing(site, data, status):
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    response = post(f"{url}/@@feedback", {**report_data(token), **data})
    assert response.status_code == status
    assert "alert-danger" in response.text or "invalid-feedback" in response.text
    assert "Traceback" not in response.text
    assert reports() == []


def test_markup_is_stored_as_text_and_shown_escaped(site):
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    payload = '<script>alert("x")</script><b>fett</b>'
    post(f"{url}/@@feedback", report_data(token, "other", payload))
    [item] = reports()
    assert item.text == payload
    inbox = requests.get(
        site["portal"].absolute_url() + "/@@feedback-inbox", auth=EDITOR, timeout=30
    )
    assert inbox.status_code == 200
    assert "<script>alert" not in inbox.text
    assert "&lt;script&gt;alert" in inbox.text


def test_the_honeypot_swallows_robots(site):
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    response = post(
        f"{url}/@@feedback",
        report_data(token, **{"form.widgets.website": "http://spam.example"}),
    )
    assert response.status_code == 303
    assert reports() == []


def test_one_network_may_send_only_so_many_reports_an_hour(site):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record(
            "integrationsportal.feedback_reports_per_hour", 3
        )
    transaction.commit()
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    statuses = [
        post(f"{url}/@@feedback", report_data(token, "other", f"Nr. {n}")).status_code
        for n in range(4)
    ]
    assert statuses == [303, 303, 303, 429]
    assert len(reports()) == 3


def test_an_address_only_with_consent_and_a_deletion_date(site):
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    post(
        f"{url}/@@feedback",
        report_data(
            token,
            "contact",
            **{
                "form.widgets.email": "leser@example.org",
                "form.widgets.consent:list": "selected",
                "form.widgets.consent-empty-marker": "1",
            },
        ),
    )
    [item] = reports()
    assert item.email == "leser@example.org"
    assert item.email_until == date.today() + timedelta(days=90)


def test_the_editor_sees_the_count_marks_done_and_the_count_goes(site):
    offer = site["offers"]["de"]
    url = offer.absolute_url()
    _html, token = box_form(url)
    post(f"{url}/@@feedback", report_data(token, "contact", "Telefon falsch"))
    editor = requests.Session()
    editor.auth = EDITOR
    page = editor.get(url, timeout=30).text
    assert "ip-feedback-open" in page
    # the readers never see it
    assert "ip-feedback-open" not in requests.get(url, timeout=30).text
    inbox = editor.get(site["portal"]["de"].absolute_url() + "/@@feedback-inbox").text
    assert "Telefon falsch" in inbox
    [item] = reports()
    response = editor.post(
        site["portal"]["de"].absolute_url() + "/@@feedback-inbox",
        data={
            "_authenticator": csrf_token(inbox),
            "report": item.getId(),
            "action": "done",
            "note": "Nummer korrigiert",
        },
        allow_redirects=False,
    )
    assert response.status_code == 303
    [item] = reports()
    assert api.content.get_state(item) == "done"
    assert item.done_note == "Nummer korrigiert"
    assert "ip-feedback-open" not in editor.get(url, timeout=30).text


def test_readers_and_members_never_reach_the_inbox(site):
    url = site["portal"].absolute_url() + "/@@feedback-inbox"
    for auth in (None, ("leser", PASSWORD)):
        response = requests.get(url, auth=auth, timeout=30, allow_redirects=False)
        assert response.status_code in (302, 401, 403)


def test_retention_deletes_done_reports_and_expired_addresses(site):
    portal = site["portal"]
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    for n in range(3):
        post(
            f"{url}/@@feedback",
            report_data(
                token,
                "other",
                f"Nr. {n}",
                **{
                    "form.widgets.email": f"leser{n}@example.org",
                    "form.widgets.consent:list": "selected",
                },
            ),
        )
    transaction.begin()
    from zope.component.hooks import setSite

    setSite(portal)
    with api.env.adopt_user(SITE_OWNER_NAME):
        old, recent, still_open = reports()
        store.mark_done(old, "erledigt", "admin")
        old.done_since = datetime.now().astimezone() - timedelta(days=400)
        store.mark_done(recent, "erledigt", "admin")
        recent.done_since = datetime.now().astimezone() - timedelta(days=30)
        still_open.email_until = date.today() - timedelta(days=1)
        folder = store.reports_folder()
        assert store.expire(folder) == (1, 1)
        assert [r.getId() for r in reports_in(folder)] == [
            recent.getId(),
            still_open.getId(),
        ]
        assert still_open.email is None
        assert recent.email == "leser1@example.org"


def reports_in(folder):
    return sorted(
        (r for r in folder.objectValues() if r.portal_type == "Feedback"),
        key=lambda r: r.created(),
    )


def test_offers_to_verify_lists_offers_with_open_reports_first(site):
    """A freshly checked offer that readers report is listed, before the
    offers nobody ever checked; the one with more reports first."""
    offers = site["offers"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        offers["de"].last_verified = date.today()  # fresh, but reported twice
        offers["de"].reindexObject()
        folder = store.reports_folder(create=True)
        for offer, count in ((offers["de"], 2), (offers["uk"], 1)):
            for _n in range(count):
                store.file_report(
                    folder,
                    {"kind": "offer", "target_uid": offer.UID(), "reason": "outdated"},
                )
        # a report that is done no longer counts
        done = store.file_report(
            folder,
            {"kind": "offer", "target_uid": offers["tr"].UID(), "reason": "other"},
        )
        store.mark_done(done, "", "admin")
    transaction.commit()
    html = requests.get(
        site["portal"].absolute_url() + "/@@offers-to-verify", auth=EDITOR, timeout=30
    ).text
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    titles = [row.split('">', 2)[1].split("</a>")[0] for row in rows]
    assert titles[:2] == [offers["de"].title, offers["uk"].title]
    assert len(titles) == 6  # the fresh German offer is listed for its reports
    assert "target=" + offers["de"].UID() in rows[0]


def test_the_translation_dashboard_shows_wrong_translation_reports(site):
    from plone.app.multilingual.interfaces import ITranslationManager

    offers = site["offers"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        ITranslationManager(offers["de"]).register_translation("ar", offers["ar"])
        folder = store.reports_folder(create=True)
        for reason in ("translation", "translation", "contact"):
            store.file_report(
                folder,
                {"kind": "offer", "target_uid": offers["ar"].UID(), "reason": reason},
            )
    transaction.commit()
    html = requests.get(
        site["portal"]["de"].absolute_url() + "/@@translation-dashboard?language=ar",
        auth=EDITOR,
        timeout=30,
    ).text
    rows = [r for r in html.split("<tr>") if offers["ar"].absolute_url() in r]
    assert rows, html[html.find("<tbody") :][:3000]
    [row] = rows
    assert "translation-reports" in row
    badge = row.split("translation-reports")[1].split("</a>")[0]
    assert ">2<" in badge.replace(" ", "").replace("\n", "")
    assert f"target={offers['ar'].UID()}" in row


def test_key_figures_count_feedback_by_month_kind_reason_and_language(site):
    """Counted by hand: three votes (two yes), two reports, in two
    languages and two kinds of page; the share of "helpful" is 2 of 3."""
    import csv
    import io

    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = store.reports_folder(create=True)
        for values in (
            {"kind": "offer", "reader_language": "ar", "helpful": True},
            {"kind": "offer", "reader_language": "ar", "helpful": True},
            {"kind": "contact", "reader_language": "de", "helpful": False},
            {"kind": "offer", "reader_language": "ar", "reason": "translation"},
            {"kind": "finder", "reader_language": "de", "reason": "other"},
        ):
            store.file_report(folder, values)
    transaction.commit()
    session = requests.Session()
    from plone.app.testing import SITE_OWNER_PASSWORD

    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    base = site["portal"].absolute_url()
    page = session.get(f"{base}/@@key-figures", timeout=30).text
    assert 'id="kf-feedback"' in page
    month = f"{date.today():%Y-%m}"
    by_month = list(
        csv.DictReader(
            io.StringIO(
                session.get(
                    f"{base}/@@key-figures.csv", params={"figure": "feedback_by_month"}
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert by_month == [
        {
            "month": month,
            "helpful_yes": "2",
            "helpful_no": "1",
            "helpful_percent": "66.7",
            "reports": "2",
        }
    ]
    parts = list(
        csv.reader(
            io.StringIO(
                session.get(
                    f"{base}/@@key-figures.csv",
                    params={"figure": "feedback_by_kind_reason_language"},
                ).content.decode("utf-8-sig")
            )
        )
    )[1:]
    assert sorted(map(tuple, parts)) == sorted(
        [
            ("kind", "contact", "1"),
            ("kind", "finder", "1"),
            ("kind", "offer", "3"),
            ("reason", "other", "1"),
            ("reason", "translation", "1"),
            ("language", "ar", "3"),
            ("language", "de", "2"),
        ]
    )


def test_other_pages_have_no_box(site):
    """Pages, folders and the start page are no offer, contact or chain:
    no box, so no form that would lead nowhere."""
    portal = site["portal"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        from support import create_published

        page = create_published(portal["de"], "Document", title="Impressum")
    transaction.commit()
    for url in (
        page.absolute_url(),
        portal["de"]["angebote"].absolute_url(),
        portal["de"].absolute_url(),
    ):
        assert "ip-feedback" not in requests.get(url, timeout=30).text, url


def test_a_vote_from_the_finder_keeps_the_search(site):
    root = site["portal"]["de"].absolute_url()
    html, token = box_form(f"{root}/@@offer-finder?q=Zzyzx")
    vote = post(
        f"{root}/@@feedback",
        {
            "_authenticator": token,
            "form.buttons.no": "no",
            "form.widgets.page": "q=Zzyzx",
        },
    )
    assert vote.status_code == 303
    assert "page=q%3DZzyzx" in vote.headers["Location"]
    [item] = reports()
    assert "q=Zzyzx" in item.target_url
    # the follow-up form still knows the search
    follow_up = requests.get(vote.headers["Location"], timeout=30).text
    assert 'value="q=Zzyzx"' in follow_up


@pytest.mark.parametrize(
    "data",
    [
        {"form.buttons.yes": "y", "form.widgets.website": ["a", "b"]},
        {"form.buttons.no": "n", "form.widgets.page": ["a", "b"]},
        {"form.buttons.report": "r", "form.widgets.text": ["a", "b"]},
    ],
    ids=["doubled trap", "doubled page", "doubled text"],
)
def test_repeated_fields_never_give_500(site, data):
    url = site["portal"]["de"].absolute_url()
    _html, token = box_form(f"{url}/@@offer-finder?q=Zzyzx")
    response = post(f"{url}/@@feedback", {"_authenticator": token, **data})
    assert response.status_code < 500
    assert (
        requests.get(f"{url}/@@feedback?page=a&page=b", timeout=30).status_code == 200
    )


def test_a_full_text_with_line_breaks_is_taken(site):
    """The browser's limit counts a line break once and sends two
    characters (CR LF); the form counts it once, too."""
    url = site["offers"]["de"].absolute_url()
    _html, token = box_form(url)
    text = "\r\n".join(["x" * 99] * 10)  # 990 + 9 line breaks as the reader sees it
    response = post(f"{url}/@@feedback", report_data(token, "other", text))
    assert response.status_code == 303
    [item] = reports()
    assert item.text == text.replace("\r\n", "\n")
