"""The readers' reports are for the editorial staff only: no outsider (an
anonymous reader, a plain member, a translator with editing rights in one
language root) finds a report's text, its reader's address or its address
through any way in, as the round tables' and staff-only fields' leak tests
do for their content (roundtables/, hardening/)."""

from contextlib import suppress
from feedback_data import PASSWORD
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from test_feedback import box_form
from test_feedback import post
from test_feedback import report_data
from test_feedback import reports
from urllib.parse import quote
from urllib.parse import quote_plus
import base64
import gzip
import json as jsonlib
import pytest
import requests
import transaction


SECRET = "Rueckmeldegeheimnis4711"  # in the reports' text and a finder state
EMAIL = "geheim-leser@example.org"  # the reader's address, with consent
QUERY = "Rueckmeldegeheimnis*"  # finds the secret; a page echoing it shows none
TITLE = "Sprachkurs"  # in the German offer's title, and so its report's
TRANSLATOR = "uebersetzerin"  # in translators-ar: Editor, Contributor on /ar
EDITOR = ("redakteur", PASSWORD)
JSON = {"Accept": "application/json"}

OUTSIDERS = {
    "anonymous": None,
    "member": ("leser", PASSWORD),
    "translator (ar)": (TRANSLATOR, PASSWORD),
}


def consented(token, text):
    return report_data(
        token,
        "contact",
        text,
        **{
            "form.widgets.email": EMAIL,
            "form.widgets.consent:list": "selected",
            "form.widgets.consent-empty-marker": "1",
        },
    )


@pytest.fixture
def reported(site):
    """Three reports filed over HTTP through the real box: on the German
    offer, on the Arabic offer (the translator's language root) and on the
    German finder's empty result; each with the secret and an address."""
    portal = site["portal"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.portal.set_registry_record("plone.enable_sitemap", True)
        api.user.create(
            email=f"{TRANSLATOR}@example.org", username=TRANSLATOR, password=PASSWORD
        )
        api.group.add_user(groupname="translators-ar", username=TRANSLATOR)
    transaction.commit()

    for language in ("de", "ar"):
        url = site["offers"][language].absolute_url()
        _html, token = box_form(url)
        response = post(f"{url}/@@feedback", consented(token, f"Falsch: {SECRET}"))
        assert response.status_code == 303, response.text[-2000:]

    root = portal["de"].absolute_url()
    html, token = box_form(f"{root}/@@offer-finder?q={SECRET}")
    state = html.split('name="form.widgets.page"')[1].split('value="')[1].split('"')[0]
    assert SECRET in state
    response = post(
        f"{root}/@@feedback",
        {
            **consented(token, f"Nichts gefunden: {SECRET}"),
            "form.widgets.page": state.replace("&amp;", "&"),
        },
    )
    assert response.status_code == 303, response.text[-2000:]

    items = reports()
    assert len(items) == 3
    assert all(SECRET in item.text and item.email == EMAIL for item in items)
    assert SECRET in items[2].target_url  # the finder state
    return {
        **site,
        "reports": [(item.getId(), item.absolute_url()) for item in items],
        "folder": items[0].aq_parent.absolute_url(),
    }


def doors(data):
    """Every way in: (name, method, url, request arguments, kind); kind
    "item" for the addresses of a report itself, "inbox" for the editors'
    inbox, "" for everything else."""
    portal = data["portal"]
    portal_url = portal.absolute_url()
    de = portal["de"].absolute_url()
    ar = portal["ar"].absolute_url()
    folder = data["folder"]
    json = {"headers": JSON}
    querystring_body = jsonlib.dumps(
        {
            "query": [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["Feedback"],
                }
            ],
            "fullobjects": True,
            "metadata_fields": "_all",
        }
    )
    html_query = (
        "query.i:records=portal_type"
        "&query.o:records=plone.app.querystring.operation.selection.any"
        "&query.v:records:list=Feedback"
    )
    vocabulary_query = quote(
        '{"criteria":[{"i":"portal_type",'
        '"o":"plone.app.querystring.operation.selection.any","v":["Feedback"]}]}'
    )
    attributes = quote('["UID","Title","path","portal_type","getURL"]')
    found = []

    def door(name, url, kind="", method="GET", **arguments):
        found.append((name, method, url, arguments, kind))

    # each report, by its own address and through a language root (acquired)
    for number, (report_id, url) in enumerate(data["reports"]):
        acquired = f"{ar}/rueckmeldungen/{report_id}"
        for where, address in (("", url), (" via /ar", acquired)):
            label = f"report {number}{where}"
            door(f"{label} page", address, "item")
            door(f"{label} /view", f"{address}/view", "item")
            door(f"{label} edit", f"{address}/edit", "item")
            door(f"{label} REST", address, "item", **json)
            door(
                f"{label} REST expanded",
                address,
                "item",
                headers=JSON,
                params={"expand": "breadcrumbs,navigation,workflow,actions,types"},
            )
            door(f"{label} REST breadcrumbs", f"{address}/@breadcrumbs", "item", **json)
            door(f"{label} REST workflow", f"{address}/@workflow", "item", **json)
            door(f"{label} manage_DAVget", f"{address}/manage_DAVget", "item")
            door(f"{label} manage_FTPget", f"{address}/manage_FTPget", "item")
            door(
                f"{label} PROPFIND", address, "item", "PROPFIND", headers={"Depth": "0"}
            )
    # the folder of the reports
    for where, address in (("", folder), (" via /ar", f"{ar}/rueckmeldungen")):
        door(f"folder{where}", address)
        door(f"folder{where} /view", f"{address}/view")
        door(f"folder{where} contents", f"{address}/folder_contents")
        door(f"folder{where} REST", address, **json)
        door(
            f"folder{where} REST fullobjects",
            address,
            headers=JSON,
            params={"fullobjects": "1"},
        )
        door(f"folder{where} RSS", f"{address}/RSS")
        door(f"folder{where} rss.xml", f"{address}/rss.xml")
        door(f"folder{where} atom.xml", f"{address}/atom.xml")
        for depth in ("0", "1"):
            door(
                f"folder{where} PROPFIND {depth}",
                address,
                method="PROPFIND",
                headers={"Depth": depth},
            )
    door("portal PROPFIND 1", portal_url, method="PROPFIND", headers={"Depth": "1"})
    # searching, listing and navigating, on the portal and on /de and /ar
    for root in (portal_url, de, ar):
        door(f"{root} contents", f"{root}/folder_contents")
        door(f"{root} search", f"{root}/@@search?SearchableText={QUERY}")
        door(f"{root} search type", f"{root}/@@search?portal_type=Feedback")
        door(
            f"{root} search type and text",
            f"{root}/@@search?portal_type=Feedback&SearchableText={QUERY}",
        )
        door(f"{root} live search", f"{root}/@@ajax-search?SearchableText={QUERY}")
        # a report's title is its page's: found by searching for the page
        door(f"{root} search title", f"{root}/@@search?SearchableText={TITLE}")
        door(
            f"{root} live search title", f"{root}/@@ajax-search?SearchableText={TITLE}"
        )
        door(
            f"{root} REST search title",
            f"{root}/@search?SearchableText={TITLE}&metadata_fields=_all",
            **json,
        )
        door(f"{root} search RSS", f"{root}/search_rss?SearchableText={QUERY}")
        door(
            f"{root} REST search type",
            f"{root}/@search?portal_type=Feedback&metadata_fields=_all&fullobjects=1",
            **json,
        )
        door(
            f"{root} REST search text", f"{root}/@search?SearchableText={QUERY}", **json
        )
        door(
            f"{root} REST querystring search",
            f"{root}/@querystring-search",
            method="POST",
            headers={**JSON, "Content-Type": "application/json"},
            data=querystring_body,
        )
        door(
            f"{root} REST querystring search (GET)",
            f"{root}/@querystring-search?query={quote(querystring_body)}",
            **json,
        )
        door(
            f"{root} querystring results",
            f"{root}/@@querybuilder_html_results?{html_query}",
        )
        door(
            f"{root} querystring count",
            f"{root}/@@querybuildernumberofresults?{html_query}",
        )
        door(
            f"{root} catalog vocabulary",
            f"{root}/@@getVocabulary?name=plone.app.vocabularies.Catalog"
            f"&query={vocabulary_query}&attributes={attributes}",
        )
        door(
            f"{root} REST navigation",
            f"{root}/@navigation?expand.navigation.depth=3",
            **json,
        )
        door(f"{root} REST content", root, headers=JSON, params={"fullobjects": "1"})
        door(f"{root} RSS", f"{root}/RSS")
        door(f"{root} sitemap page", f"{root}/@@sitemap")
        door(f"{root} feedback inbox", f"{root}/@@feedback-inbox", "inbox")
        door(
            f"{root} feedback inbox, all",
            f"{root}/@@feedback-inbox?state=all&language=all",
            "inbox",
        )
        door(f"{root} offers to verify", f"{root}/@@offers-to-verify")
        door(f"{root} translation dashboard", f"{root}/@@translation-dashboard")
        # the open data
        door(f"{root} open data", f"{root}/@@open-data")
        for dataset in ("offers", "organisations", "contacts"):
            door(f"{root} {dataset}.csv", f"{root}/@@open-data.csv?dataset={dataset}")
            door(f"{root} {dataset}.json", f"{root}/@@open-data.json?dataset={dataset}")
        door(f"{root} offers.ics", f"{root}/@@offers.ics")
    door("sitemap", f"{portal_url}/sitemap.xml.gz")
    door("portal RSS feed", f"{portal_url}/rss.xml")
    # the finder, its JSON twin and its feeds
    for root in (de, ar):
        door(f"{root} finder", f"{root}/@@offer-finder")
        door(f"{root} finder searching", f"{root}/@@offer-finder?q={QUERY}")
        door(f"{root} finder REST", f"{root}/@offer-finder", **json)
        door(f"{root} finder atom", f"{root}/@@offer-finder.atom")
        door(f"{root} finder ics", f"{root}/@@offer-finder.ics")
        door(f"{root} finder box", f"{root}/@@feedback-box")
    # the pages reported about: the box shows no count and no report
    for language in ("de", "ar"):
        offer = data["offers"][language].absolute_url()
        door(f"{language} offer page", offer)
        door(
            f"{language} offer REST", offer, headers=JSON, params={"expand": "actions"}
        )
        door(f"{language} offer feedback form", f"{offer}/@@feedback")
        door(f"{language} offer thanks", f"{offer}/@@feedback?sent=report")
    return found


def readable(response):
    """The answer's body (gzip opened) and headers, as text."""
    content = response.content
    if content[:2] == b"\x1f\x8b":
        with suppress(OSError):
            content = gzip.decompress(content)
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    return content.decode("utf-8", "replace") + "\n" + headers


def b64_fragments(marker):
    """The parts of the marker's base64 form at each of the three
    alignments (a MIME body may carry it so)."""
    data = marker.encode()
    fragments = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data).decode()
        fragments.append(encoded[-(-4 * offset // 3) : (8 * (offset + len(data))) // 6])
    return fragments


def variants(marker):
    return {marker, quote(marker), quote_plus(marker), *b64_fragments(marker)}


def to_login(response):
    location = response.headers.get("Location", "")
    return response.status_code in (301, 302, 303, 307) and (
        "login" in location or "insufficient" in location
    )


def send(method, url, auth, arguments, follow):
    return requests.request(
        method, url, auth=auth, timeout=60, allow_redirects=follow, **arguments
    )


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
def test_no_report_leaks(reported, outsider):
    auth = OUTSIDERS[outsider]
    ids = [report_id for report_id, _url in reported["reports"]]
    leaks = []
    for door, method, url, arguments, kind in doors(reported):
        first = send(method, url, auth, arguments, follow=False)
        answers = [first]
        if first.is_redirect:  # and where it leads
            answers.append(send(method, url, auth, arguments, follow=True))
        where = f"{door} ({method} {url}) as {outsider}"
        for answer in answers:
            text = readable(answer)
            for marker in (SECRET, EMAIL):
                if any(variant in text for variant in variants(marker)):
                    leaks.append(f"{where}: shows {marker} ({answer.status_code})")
            if kind != "item":  # a login form names the address it came from
                for report_id in ids:
                    if report_id in text:
                        leaks.append(
                            f"{where}: names report {report_id} ({answer.status_code})"
                        )
            if 'class="alert alert-warning ip-feedback-open' in text:
                leaks.append(f"{where}: shows the count of open reports")
        if first.status_code >= 500:
            leaks.append(f"{where}: error {first.status_code}")
        if kind == "item" and not (
            first.status_code in (401, 403, 404) or to_login(first)
        ):
            leaks.append(f"{where}: reachable ({first.status_code})")
        if kind == "inbox" and not (first.status_code in (401, 403) or to_login(first)):
            leaks.append(f"{where}: answers {first.status_code}, not a refusal")
    assert not leaks, "\n".join(leaks)


def test_the_editors_do_see_the_reports(reported):
    """The positive control: the same doors open for the editorial staff,
    so the test above fails when a report is shown."""
    portal = reported["portal"]
    for root in (portal, portal["de"]):
        inbox = requests.get(
            f"{root.absolute_url()}/@@feedback-inbox?state=all&language=all",
            auth=EDITOR,
            timeout=30,
        )
        assert inbox.status_code == 200
        assert SECRET in inbox.text and EMAIL in inbox.text
        assert inbox.text.count(f"Falsch: {SECRET}") == 2
        assert f"Nichts gefunden: {SECRET}" in inbox.text
    _report_id, url = reported["reports"][0]
    page = requests.get(url, auth=EDITOR, timeout=30, allow_redirects=False)
    assert page.status_code == 200 and SECRET in page.text
    rest = requests.get(url, auth=EDITOR, headers=JSON, timeout=30)
    assert rest.status_code == 200 and EMAIL in rest.text
    offer = requests.get(
        reported["offers"]["de"].absolute_url(), auth=EDITOR, timeout=30
    )
    assert "ip-feedback-open" in offer.text
