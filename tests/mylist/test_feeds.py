"""Subscribing to a finder state: its offers as an Atom feed (feedparser
reads it as a feed reader would) and its dated offers as an iCalendar feed
(icalendar reads it as a calendar app would)."""

from datetime import date
from datetime import timedelta
import feedparser
import icalendar
import pytest
import requests


def finder(demo_url, language, **params):
    answer = requests.get(
        f"{demo_url}/{language}/@offer-finder",
        params=params,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    return answer.json()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_atom_feed_has_the_offers_of_the_finder_state(demo_url, language):
    state = {"category": "language"}
    expected = finder(demo_url, language, **state)
    answer = requests.get(
        f"{demo_url}/{language}/@@offer-finder.atom", params=state, timeout=60
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    assert {entry.link for entry in feed.entries} == {
        item["@id"] for item in expected["items"]
    }
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)  # the last changed first
    assert feed.feed.links[0].href.startswith(f"{demo_url}/{language}/@@offer-finder")


def test_the_finder_page_offers_both_feeds(demo_url):
    page = requests.get(
        f"{demo_url}/de/@@offer-finder", params={"category": "language"}, timeout=60
    ).text
    assert 'type="application/atom+xml"' in page
    assert "@@offer-finder.atom?category=language" in page
    assert "@@offer-finder.ics?category=language" in page


def test_the_calendar_holds_the_dated_offers(demo_url):
    answer = requests.get(f"{demo_url}/de/@@offer-finder.ics", timeout=60)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    events = list(calendar.walk("VEVENT"))
    assert events, "the demo has dated offers"
    offers = {item["@id"]: item for item in finder(demo_url, "de", page=1)["items"]}
    uids = set()
    for event in events:
        start = event.decoded("dtstart")
        end = event.decoded("dtend")
        assert isinstance(start, date) and end > start
        assert end - start >= timedelta(days=1)  # all day, the end exclusive
        uids.add(str(event["uid"]))
        url = str(event["url"])
        if url in offers:
            assert str(event["summary"]) == offers[url]["title"]
    assert len(uids) == len(events)


@pytest.mark.parametrize("suffix", ["atom", "ics"])
@pytest.mark.parametrize(
    "params", [{"category": "nonsense"}, {"age": "-1"}, {"page": "x"}]
)
def test_a_state_that_cannot_be_read_answers_400(demo_url, suffix, params):
    answer = requests.get(
        f"{demo_url}/de/@@offer-finder.{suffix}", params=params, timeout=60
    )
    assert answer.status_code == 400
    assert "This feed cannot be made" in answer.text
    assert "Traceback" not in answer.text


@pytest.mark.parametrize("suffix", ["atom", "ics"])
@pytest.mark.parametrize("typed", ["a\nb", "a\x01b", "a\rX-INJ:1", "<b>x</b>"])
def test_what_a_reader_types_never_breaks_a_feed(demo_url, suffix, typed):
    answer = requests.get(
        f"{demo_url}/de/@@offer-finder.{suffix}", params={"q": typed}, timeout=60
    )
    assert answer.status_code == 200, answer.text[:300]
    assert b"\rX-INJ" not in answer.content and b"\nX-INJ" not in answer.content
    if suffix == "atom":
        assert not feedparser.parse(answer.content).bozo
    else:
        icalendar.Calendar.from_ical(answer.content)
