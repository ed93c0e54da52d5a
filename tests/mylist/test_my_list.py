"""My list over HTTP: the list carried in the address, its short link, what
it shows in the reader's language, the REST twin, and what it never shows
(entries a reader may not see, what a link lost on the way)."""

from support import OWNER
import html
import pytest
import re
import requests


def page(url, **params):
    answer = requests.get(url, params=params, timeout=60)
    assert answer.status_code == 200, (answer.url, answer.text[:300])
    return html.unescape(answer.text)


def test_a_list_shows_its_entries_in_the_readers_language(demo_url, offers):
    german = offers("de")[:2]
    uids = [item["UID"] for item in german]
    text = page(f"{demo_url}/de/@@my-list", uid=uids)
    for item in german:
        assert item["title"] in text
    # the same list on the Arabic root: translations where there are any,
    # the German originals otherwise
    answer = requests.get(
        f"{demo_url}/ar/@offer-list",
        params={"uid": uids},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert answer["language"] == "ar"
    assert len(answer["items"]) == 2
    translated = [item for item in answer["items"] if "/ar/" in item["@id"]]
    originals = [item for item in answer["items"] if item["UID"] in uids]
    assert translated and len(translated) + len(originals) == 2
    arabic = page(f"{demo_url}/ar/@@my-list", uid=uids)
    for item in translated:
        assert item["title"] in arabic


def test_the_short_link_names_the_same_entries(demo_url, offers):
    uids = [item["UID"] for item in offers("de")[:3]]
    full = page(f"{demo_url}/de/@@my-list", uid=uids)
    short = re.search(r'id="my-list-link"[^>]*value="([^"]+)"', full)
    short = short or re.search(r'value="([^"]+)"[^>]*id="my-list-link"', full)
    assert short, "the page offers a short link"
    link = short.group(1)
    assert "?l=" in link and len(link) < len(f"{demo_url}/de/@@my-list?") + 3 * 37
    by_short = requests.get(link, timeout=60)
    assert by_short.status_code == 200
    shown = re.search(r'data-uids="([^"]*)"', by_short.text).group(1).split()
    assert shown == uids


def test_what_a_link_lost_is_said_and_the_rest_is_shown(demo_url, offers):
    first = offers("en")[0]
    uid = first["UID"]
    text = page(
        f"{demo_url}/en/@@my-list",
        uid=[uid, "0" * 32, "not-a-uid", "<script>x</script>"],
    )
    assert first["title"] in text
    assert "Saved entries that are no longer in the portal: 1." in text
    assert "Parts of this link that could not be read: 2." in text
    assert (
        "<script>x</script>"
        not in requests.get(
            f"{demo_url}/de/@@my-list", params={"uid": "<script>x</script>"}, timeout=60
        ).text
    )


def test_an_empty_list_leads_to_the_finder(demo_url):
    text = page(f"{demo_url}/de/@@my-list")
    assert "Ihre Liste ist leer" in text or "Your list is empty" in text
    assert "@@offer-finder" in text


@pytest.fixture
def draft(demo_url):
    """An offer in the state an editor leaves it: private."""
    made = requests.post(
        f"{demo_url}/de",
        json={
            "@type": "Offer",
            "title": "Entwurf nur für Redaktion",
            "categories": ["language"],
        },
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=60,
    )
    assert made.status_code == 201, made.text[:300]
    yield made.json()
    requests.delete(made.json()["@id"], auth=OWNER, timeout=60)


def test_entries_a_reader_may_not_see_are_left_out(demo_url, offers, draft):
    public = offers("en")[0]["UID"]
    params = {"uid": [public, draft["UID"]]}
    text = page(f"{demo_url}/en/@@my-list", **params)
    assert "Entwurf nur für Redaktion" not in text
    assert "Saved entries that are no longer in the portal: 1." in text
    answer = requests.get(
        f"{demo_url}/en/@offer-list",
        params=params,
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert [item["UID"] for item in answer["items"]] == [public]
    assert answer["missing"] == 1
    staff = requests.get(
        f"{demo_url}/en/@offer-list",
        params=params,
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=60,
    ).json()
    assert draft["UID"] in [item["UID"] for item in staff["items"]]


@pytest.mark.parametrize(
    "params",
    [{"uid": "abc"}, {"uid": "1" * 33}, {"l": "xyz"}, {"uid": ["0" * 32, "zz"]}],
)
def test_rest_refuses_what_is_not_a_uid(demo_url, params):
    answer = requests.get(
        f"{demo_url}/de/@offer-list",
        params=params,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["problems"][0]["parameter"] == "uid"


def test_save_links_work_without_scripts(demo_url, offers):
    """Every offer in the finder, and the offer's own page, links to the
    list with that offer: the way to save without JavaScript."""
    finder = page(f"{demo_url}/de/@@offer-finder")
    first = offers("de")[0]
    assert f"{demo_url}/de/@@my-list?uid={first['UID']}" in finder
    own = page(first["@id"])
    assert f'data-save-uid="{first["UID"]}"' in own
    assert f"{demo_url}/de/@@my-list?uid={first['UID']}" in own
    assert 'href="' + f"{demo_url}/de/@@my-list" + '"' in own  # the header entry


def test_a_huge_list_is_cut_quickly(demo_url, offers):
    """Thousands of values in one request are not read: a list holds 30."""
    import time

    uid = offers("en")[0]["UID"]
    started = time.monotonic()
    answer = requests.get(
        f"{demo_url}/en/@@my-list",
        params={"uid": uid, "l": ".".join(f"{n:010x}" for n in range(8000))},
        timeout=60,
    )
    assert answer.status_code == 200
    assert time.monotonic() - started < 10
    assert "A list holds at most 30 entries" in html.unescape(answer.text)
