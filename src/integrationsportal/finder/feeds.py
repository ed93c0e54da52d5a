"""@@offer-finder.atom and @@offer-finder.ics: a finder state to subscribe
to. They take the finder's parameters (see ``parameters``) and answer 400
with the problems when one cannot be used.

- The Atom feed lists the offers of the state, the last changed first (at
  most FEED_SIZE), so a feed reader shows new and changed offers.
- The iCalendar feed holds the dated offers of the state (those with a
  start) that still run or are to come, the soonest first (at most
  FEED_SIZE), one all-day event each from the first to the last day; a
  calendar app that subscribes sees new and moved dates.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from icalendar import Calendar
from icalendar import Event
from icalendar import vText
from integrationsportal import _
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import finder_root
from integrationsportal.finder.query import OfferFinder
from integrationsportal.shared.municipalities import municipality_name
from lxml import etree
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from urllib.parse import urlparse
from zope.i18n import translate
import unicodedata


FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


def _clean(text):
    """Text without the control characters XML and iCalendar cannot carry."""
    return "".join(
        " " if unicodedata.category(c) == "Cc" and c not in "\t\n" else c
        for c in text or ""
    )


def _when(value):
    """A catalog date (Zope DateTime) as an aware datetime."""
    if value is None:
        return datetime.now(timezone.utc)
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


class FinderFeed(BrowserView):
    content_type = ""

    def __call__(self):
        self.query = FinderQuery.from_form(self.request.form, self.context)
        response = self.request.response
        if self.query.problems:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            lines = [
                f"{p['parameter']}: {p['value']} {p['message']}"
                for p in self.query.problems
            ]
            return "This feed cannot be made:\n" + "\n".join(lines) + "\n"
        root, language = finder_root(self.context)
        self.root = root
        self.language = language or api.portal.get_current_language()
        self.finder = OfferFinder(root, self.query, language=language)
        response.setHeader("Content-Type", self.content_type)
        return self.render()

    def brains(self, sort_limit=FEED_SIZE, **extra):
        query = self.finder.catalog_query()
        query.update(extra)
        catalog = self.finder.catalog
        return catalog.searchResults(sort_limit=sort_limit, **query)[:sort_limit]

    def page_url(self):
        params = self.query.params()
        base = f"{self.root.absolute_url()}/@@offer-finder"
        return f"{base}?{urlencode(params)}" if params else base

    def self_url(self, suffix):
        params = self.query.params()
        base = f"{self.root.absolute_url()}/@@offer-finder.{suffix}"
        return f"{base}?{urlencode(params)}" if params else base

    def feed_title(self):
        site = api.portal.get().Title()
        words = translate(_("Offers"), target_language=self.language)
        if self.query.text:
            return f"{site}: {words} – {self.query.text}"
        return f"{site}: {words}"


class FinderAtom(FinderFeed):
    content_type = "application/atom+xml; charset=utf-8"

    def render(self):
        # the modified index keeps minutes: a wider cut, then the exact order
        brains = sorted(
            self.brains(
                sort_on="modified", sort_order="descending", sort_limit=FEED_SIZE * 2
            ),
            key=lambda brain: _when(brain.modified),
            reverse=True,
        )[:FEED_SIZE]
        feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", self.language or "de")
        _sub(feed, "id", self.self_url("atom"))
        _sub(feed, "title", _clean(self.feed_title()))
        updated = max((_when(b.modified) for b in brains), default=_when(None))
        _sub(feed, "updated", updated.isoformat())
        _link(feed, self.self_url("atom"), "self", "application/atom+xml")
        _link(feed, self.page_url(), "alternate", "text/html")
        author = _sub(feed, "author")
        _sub(author, "name", api.portal.get().Title())
        for brain in brains:
            entry = _sub(feed, "entry")
            _sub(entry, "id", f"urn:uuid:{brain.UID}")
            _sub(entry, "title", _clean(brain.Title))
            _sub(entry, "updated", _when(brain.modified).isoformat())
            _sub(
                entry, "published", _when(brain.effective or brain.created).isoformat()
            )
            _link(entry, brain.getURL(), "alternate", "text/html")
            if brain.Description:
                _sub(entry, "summary", _clean(brain.Description))
            if brain.provider_title:
                _sub(_sub(entry, "author"), "name", _clean(brain.provider_title))
            for token in brain.categories or ():
                category = _sub(entry, "category")
                category.set("term", token)
        return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


class FinderCalendar(FinderFeed):
    content_type = "text/calendar; charset=utf-8"

    def render(self):
        host = urlparse(self.root.absolute_url()).hostname or "localhost"
        calendar = Calendar()
        calendar.add("prodid", "-//Integrationsportal//offer finder//DE")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", vText(_clean(self.feed_title())))
        calendar.add(
            "refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"}
        )
        now = datetime.now(timezone.utc)
        # the dated offers still running or to come, from catalog metadata
        today = date.today()
        dated = []
        for brain in self.finder.catalog.searchResults(**self.finder.catalog_query()):
            start, end = _day(brain.start), _day(brain.end)
            if start is None:
                continue
            last = end if end is not None and end >= start else start
            if last >= today:
                dated.append((start, last, brain))
        dated.sort(key=lambda item: (item[0], item[2].Title))
        for start, last, brain in dated[:FEED_SIZE]:
            event = Event()
            event.add("uid", f"{brain.UID}@{host}")
            event.add("summary", _clean(brain.Title))
            event.add("dtstamp", now)
            event.add("last-modified", _when(brain.modified))
            event.add("dtstart", start)
            event.add("dtend", last + timedelta(days=1))  # all day, end exclusive
            event.add("url", brain.getURL())
            description = _clean(brain.Description)
            event.add("description", f"{description}\n{brain.getURL()}".strip())
            if brain.municipality:
                event.add("location", municipality_name(brain.municipality))
            calendar.add_component(event)
        return calendar.to_ical()


def _day(value):
    """A catalog value of a date field as a date, or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "asdatetime"):  # Zope's DateTime
        return value.asdatetime().date()
    return None


def _sub(parent, name, text=None):
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    if text is not None:
        element.text = text
    return element


def _link(parent, href, rel, type_):
    link = _sub(parent, "link")
    link.set("href", href)
    link.set("rel", rel)
    link.set("type", type_)
    return link
