"""Round tables are closed: members see their table; nobody else finds any
of its content, through any door."""

from datetime import datetime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from support import csrf_token
from support import OWNER
import gzip
import pytest
import requests
import transaction


SECRET = "Geheimwort4711"
DRAFT = "Entwurfswort0815"  # in an unpublished public page
QUERY = "Geheimwort*"  # finds the secret word; a page echoing it shows no secret
PASSWORD = "round-table-test-2026"


@pytest.fixture
def tables(functional_portal):
    portal = functional_portal
    api.portal.set_registry_record("plone.enable_sitemap", True)
    for name in ("anna", "bert", "otto", "eddi"):
        api.user.create(email=f"{name}@example.org", username=name, password=PASSWORD)
    api.user.grant_roles(username="eddi", roles=["Editor", "Reviewer"])  # site staff
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = api.content.create(portal, "Folder", id="gremien", title="Gremien")
        api.content.transition(folder, to_state="published")
        table_a = api.content.create(
            folder, "RoundTable", id="arbeitsmarkt", title=f"Runder Tisch {SECRET}"
        )
        table_b = api.content.create(
            folder, "RoundTable", id="ausbildung", title="Arbeitstisch"
        )
        meeting = api.content.create(
            table_a,
            "Meeting",
            id="maerz",
            title=f"Sitzung {SECRET}",
            start=datetime(2026, 3, 12, 10, 0),
            minutes=RichTextValue(f"<p>Protokoll {SECRET}</p>", "text/html"),
        )
        api.content.create(
            table_a,
            "ActionItem",
            id="aufgabe",
            title=f"Aufgabe {SECRET}",
            responsible="anna",
        )
        api.content.create(
            table_a,
            "Image",
            id="foto.png",
            title=f"Foto {SECRET}",
        )
        # unpublished public content stays hidden the same way
        api.content.create(folder, "Document", id="entwurf", title=f"Entwurf {DRAFT}")
        # a published collection of all meetings, and one of everything
        for collection_id, types in (("sitzungen", ["Meeting"]), ("alles", None)):
            query = [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": types
                    or ["Meeting", "ActionItem", "RoundTable", "Document", "File"],
                }
            ]
            collection = api.content.create(
                folder, "Collection", id=collection_id, title=collection_id, query=query
            )
            api.content.transition(collection, to_state="published")
        api.content.create(
            table_a,
            "File",
            id="liste.txt",
            title=f"Liste {SECRET}",
            file=NamedBlobFile(f"Namen {SECRET}".encode(), filename="liste.txt"),
        )
    api.group.add_user(groupname=table_a.member_group, username="anna")
    api.group.add_user(groupname=table_b.member_group, username="bert")
    transaction.commit()
    return {"portal": portal, "a": table_a, "b": table_b, "meeting": meeting}


OUTSIDERS = {
    "anonymous": None,
    "authenticated non-member": ("otto", PASSWORD),
    "member of another table": ("bert", PASSWORD),
    "site editor and reviewer": ("eddi", PASSWORD),
}


def doors(data):
    """Every way into the content: (name, url, extra request arguments)."""
    portal_url = data["portal"].absolute_url()
    table = data["a"].absolute_url()
    json = {"headers": {"Accept": "application/json"}}
    return [
        ("table page", table, {}),
        ("meeting page", data["meeting"].absolute_url(), {}),
        ("file download", f"{table}/liste.txt/@@download/file", {}),
        ("action item page", f"{table}/aufgabe", {}),
        ("image page", f"{table}/foto.png/view", {}),
        ("unpublished page", f"{portal_url}/gremien/entwurf", {}),
        ("collection of meetings", f"{portal_url}/gremien/sitzungen", {}),
        ("collection of everything", f"{portal_url}/gremien/alles", {}),
        ("collection RSS", f"{portal_url}/gremien/alles/RSS", {}),
        ("REST collection", f"{portal_url}/gremien/alles", json),
        ("REST types", f"{table}/@types", json),
        ("calendar", f"{table}/@@meetings.ics", {}),
        ("action items", f"{table}/@@action-items", {}),
        ("members", f"{table}/@@members", {}),
        ("folder listing", f"{portal_url}/gremien", {}),
        ("folder contents", f"{portal_url}/gremien/folder_contents", {}),
        ("site search", f"{portal_url}/@@search?SearchableText={QUERY}", {}),
        ("live search", f"{portal_url}/@@ajax-search?SearchableText={QUERY}", {}),
        ("RSS", f"{portal_url}/gremien/RSS", {}),
        ("REST content", table, json),
        ("REST search", f"{portal_url}/@search?SearchableText={QUERY}", json),
        ("REST search all", f"{portal_url}/@search?portal_type=Meeting", json),
        (
            "REST navigation",
            f"{portal_url}/gremien/@navigation?expand.navigation.depth=3",
            json,
        ),
        ("REST breadcrumbs", f"{data['meeting'].absolute_url()}/@breadcrumbs", json),
        ("REST workflow", f"{table}/@workflow", json),
        (
            "REST querystring search",
            f"{portal_url}/@querystring-search?query.0.i=portal_type"
            "&query.0.o=plone.app.querystring.operation.selection.any&query.0.v=Meeting",
            json,
        ),
        ("sitemap", f"{portal_url}/sitemap.xml.gz", {}),
    ]


def body(response):
    if response.url.endswith(".gz") and response.status_code == 200:
        try:
            return gzip.decompress(response.content).decode()
        except OSError:
            return response.text
    return response.text


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
def test_nothing_leaks(tables, outsider):
    auth = OUTSIDERS[outsider]
    for door, url, extra in doors(tables):
        response = requests.get(url, auth=auth, timeout=30, **extra)
        text = body(response)
        assert SECRET not in text, f"{door} shows the table's content to: {outsider}"
        if outsider != "site editor and reviewer":  # staff review unpublished pages
            assert DRAFT not in text, f"{door} shows an unpublished page to: {outsider}"


def test_members_see_and_find_their_table(tables):
    auth = ("anna", PASSWORD)
    page = requests.get(tables["a"].absolute_url(), auth=auth, timeout=30)
    assert page.status_code == 200 and SECRET in page.text
    found = requests.get(
        f"{tables['portal'].absolute_url()}/@search",
        params={"SearchableText": QUERY},
        headers={"Accept": "application/json"},
        auth=auth,
        timeout=30,
    ).json()
    assert found["items_total"] >= 3
    download = requests.get(
        f"{tables['a'].absolute_url()}/liste.txt/@@download/file", auth=auth, timeout=30
    )
    assert SECRET in download.text


def test_table_managers_manage_members(tables):
    portal_url = tables["portal"].absolute_url()
    table = tables["a"]
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, "secret")

    session.auth = OWNER
    form = session.get(f"{table.absolute_url()}/@@members", timeout=30).text
    assert "anna" in form
    token = csrf_token(form)
    answer = session.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": token, "add": "otto"},
        timeout=30,
    )
    assert answer.status_code == 200
    otto = requests.get(table.absolute_url(), auth=("otto", PASSWORD), timeout=30)
    assert otto.status_code == 200 and SECRET in otto.text
    session.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": token, "remove": "otto"},
        timeout=30,
    )
    otto = requests.get(
        table.absolute_url(), auth=("otto", PASSWORD), allow_redirects=False, timeout=30
    )
    assert SECRET not in otto.text
    # an unknown user: a message, nothing else changes
    answer = session.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": token, "add": "<script>nobody</script>"},
        timeout=30,
    )
    assert "No user" in answer.text and "<script>nobody" not in answer.text
    # the owner makes anna a manager: she may now add members herself
    answer = session.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": token, "manager": "anna"},
        timeout=30,
    )
    assert "now manages the table" in answer.text
    anna = requests.Session()
    anna.auth = ("anna", PASSWORD)
    page = anna.get(f"{table.absolute_url()}/@@members", timeout=30).text
    anna_token = csrf_token(page)
    added = anna.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": anna_token, "add": "otto"},
        timeout=30,
    )
    assert added.status_code == 200 and "otto is now a member" in added.text
    # a plain member may not manage the table's members
    otto = requests.Session()
    otto.auth = ("otto", PASSWORD)
    page = otto.get(f"{table.absolute_url()}/@@members", timeout=30).text
    assert "Remove" not in page and "otto" in page
    token = csrf_token(page)
    refused = otto.post(
        f"{table.absolute_url()}/@@members",
        data={"_authenticator": token or "", "add": "bert"},
        timeout=30,
    )
    assert refused.status_code in (401, 403)
    assert portal_url


def test_action_items_overdue_and_mine(tables):
    from datetime import date
    from datetime import timedelta

    with api.env.adopt_user(SITE_OWNER_NAME):
        item = tables["a"]["aufgabe"]
        item.due = date.today() - timedelta(days=3)
        item.reindexObject()
        api.content.create(
            tables["a"],
            "ActionItem",
            id="erledigt",
            title="Schon erledigt",
            responsible="anna",
            due=date.today() - timedelta(days=10),
            status="done",
        )
        api.content.create(
            tables["b"],
            "ActionItem",
            id="fremd",
            title="Fremde Aufgabe",
            responsible="anna",
        )
    transaction.commit()
    auth = ("anna", PASSWORD)
    table = requests.get(
        f"{tables['a'].absolute_url()}/@@action-items", auth=auth, timeout=30
    )
    assert table.status_code == 200
    html = table.text
    assert html.index(f"Aufgabe {SECRET}") < html.index(
        "Schon erledigt"
    )  # overdue first
    assert html.count("action-item-overdue") == 1  # done is never overdue
    mine = requests.get(
        f"{tables['portal'].absolute_url()}/@@action-items", auth=auth, timeout=30
    ).text
    assert f"Aufgabe {SECRET}" in mine
    assert "Fremde Aufgabe" not in mine  # anna is not a member of table B
    assert "Arbeitstisch" not in mine


def test_meetings_as_ical(tables):
    import vobject

    response = requests.get(
        f"{tables['a'].absolute_url()}/@@meetings.ics",
        auth=("anna", PASSWORD),
        timeout=30,
    )
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = vobject.readOne(response.text)
    events = calendar.vevent_list
    assert [event.summary.value for event in events] == [f"Sitzung {SECRET}"]
    assert events[0].dtstart.value.hour == 10
    assert events[0].url.value == tables["meeting"].absolute_url()
    outsider = requests.get(
        f"{tables['a'].absolute_url()}/@@meetings.ics",
        auth=("bert", PASSWORD),
        timeout=30,
    )
    assert SECRET not in outsider.text
