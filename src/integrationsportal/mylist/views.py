"""@@my-list, @@counselling-sheet and @@counselling-sheet.pdf on a
language root (see the package's docstring)."""

from datetime import date
from integrationsportal import _
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import finder_root
from integrationsportal.finder.query import OfferFinder
from integrationsportal.hardening.guard import ClientError
from integrationsportal.mylist.selection import has_list
from integrationsportal.mylist.selection import MAX_ENTRIES
from integrationsportal.mylist.selection import select
from integrationsportal.mylist.sheet import entry_columns
from integrationsportal.mylist.sheet import labels
from integrationsportal.mylist.sheet import SHEET_LANGUAGE
from integrationsportal.shared.icons import Icons
from integrationsportal.shared.languages import direction
from integrationsportal.shared.qr import qr_svg
from integrationsportal.shared.relations import in_language
from integrationsportal.shared.summaries import contact_card
from integrationsportal.shared.summaries import offer_card
from integrationsportal.shared.summaries import offer_titles
from integrationsportal.translation import language_of
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode


NOTE_LENGTH = 400
SHEET_OFFERS = 24  # two pages of twelve


class ListBase(BrowserView):
    """The list of the request, read for the reader of this language root."""

    def read_list(self):
        root, language = finder_root(self.context)
        self.root = root
        self.language = language or language_of(self.context) or "de"
        self.selection = select(self.request.form, self.language)
        return self.selection

    @property
    def root_url(self):
        return self.root.absolute_url()

    def list_url(self, uids=None, view="@@my-list"):
        uids = self.selection.uids if uids is None else uids
        query = urlencode([("uid", uid) for uid in uids])
        return f"{self.root_url}/{view}" + (f"?{query}" if query else "")

    @property
    def short_url(self):
        short = self.selection.short
        return f"{self.root_url}/@@my-list" + (f"?l={short}" if short else "")

    def direction(self):
        return direction(self.language)


class MyListView(ListBase):
    """The reader's list, the ways to share it, and the counselling sheet."""

    card_macros = ViewPageTemplateFile("../shared/cards.pt")

    def __call__(self):
        self.read_list()
        uids = self.selection.uids
        self._brains = {b.UID: b for b in api.content.find(UID=uids)} if uids else {}
        self._titles = offer_titles(self.context)
        self.entries = [self.entry(obj) for obj in self.selection.objects]
        return self.index()

    @property
    def icons(self):
        if getattr(self, "_icons", None) is None:
            self._icons = Icons(self.context, self.request)
        return self._icons

    def entry(self, obj):
        uid = obj.UID()
        rest = [other for other in self.selection.uids if other != uid]
        entry = {
            "uid": uid,
            "kind": obj.portal_type,
            "remove_url": self.list_url(rest),
            "card": None,
        }
        brain = self._brains.get(uid)
        if obj.portal_type == "Offer" and brain is not None:
            entry["card"] = offer_card(brain, self._titles, self.language)
        elif obj.portal_type == "Contact":
            entry["card"] = contact_card(obj, self.language)
        if entry["card"] is not None:
            entry["card"] = dict(entry["card"], uid=None)  # "Remove" instead of "Save"
        if entry["card"] is None:
            entry["card"] = {
                "url": obj.absolute_url(),
                "title": obj.Title(),
                "description": obj.Description(),
            }
        return entry

    def notes(self):
        """What the reader should know about the link they opened."""
        selection = self.selection
        notes = []
        if selection.missing:
            notes.append(
                _(
                    "Saved entries that are no longer in the portal: ${count}.",
                    mapping={"count": selection.missing},
                )
            )
        if selection.unreadable:
            notes.append(
                _(
                    "Parts of this link that could not be read: ${count}. "
                    "The link may have been cut short.",
                    mapping={"count": selection.unreadable},
                )
            )
        if selection.truncated:
            notes.append(
                _(
                    "A list holds at most ${count} entries; the others are left out.",
                    mapping={"count": MAX_ENTRIES},
                )
            )
        return notes

    def qr(self):
        return qr_svg(self.short_url, self.context.translate(_("My list")), scale=4)

    def has_offers(self):
        return any(entry["kind"] == "Offer" for entry in self.entries)


class CounsellingSheet(ListBase):
    """One A4 page per twelve offers, in the reader's language and German,
    from a list or from any finder query. A note and a next-step date are
    printed, never stored."""

    index = ViewPageTemplateFile("counselling_sheet.pt")

    def __call__(self):
        self.read_entries()
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        if self.note or self.next_step:
            # what the counsellor wrote stays out of every cache
            self.request.response.setHeader("Cache-Control", "no-store")
        return self.index()

    def read_entries(self):
        form = self.request.form
        self.left_out = 0
        if has_list(form):
            self.read_list()
            objects = self.selection.objects
            self.source_url = self.short_url
        else:
            root, language = finder_root(self.context)
            self.root = root
            self.language = language or language_of(self.context) or "de"
            query = FinderQuery.from_form(form, self.context)
            if query.problems:
                names = ", ".join(sorted({p["parameter"] for p in query.problems}))
                raise ClientError(
                    _(
                        "No sheet can be made of these choices; these cannot be "
                        "used: ${names}.",
                        mapping={"names": names},
                    )
                )
            finder = OfferFinder(root, query, language=self.language)
            # in the finder's order: by relevance with words, else by title
            order = {} if finder.ranked else {"sort_on": "sortable_title"}
            brains = finder.catalog.searchResults(**order, **finder.catalog_query())
            self.left_out = max(0, len(brains) - SHEET_OFFERS)
            brains = brains[:SHEET_OFFERS]
            objects = [in_language(b.getObject(), self.language) for b in brains]
            params = query.params()
            self.source_url = f"{root.absolute_url()}/@@offer-finder" + (
                f"?{urlencode(params)}" if params else ""
            )
            self.selection = None
        self.languages = [self.language]
        if self.language != SHEET_LANGUAGE:
            self.languages.append(SHEET_LANGUAGE)
        self.offers = []
        self.others = []
        for obj in objects:
            columns = entry_columns(obj, self.languages, self.request)
            if obj.portal_type == "Offer":
                self.offers.append(columns)
            else:
                self.others.append(columns)
        self.left_out += max(0, len(self.offers) - SHEET_OFFERS)
        self.offers = self.offers[:SHEET_OFFERS]
        for number, offer in enumerate(self.offers, 1):
            offer["number"] = number
        self.note = _text(form.get("note"), NOTE_LENGTH)
        self.next_step = _day(form.get("next_step"))
        self.today = date.today()

    def pages(self):
        """The offers in pages of twelve."""
        return [self.offers[i : i + 12] for i in range(0, len(self.offers), 12)] or [[]]

    def headings(self):
        """The sheet's own words, in each of its languages."""
        if getattr(self, "_headings", None) is None:
            self._headings = [
                labels(language, self.request) for language in self.languages
            ]
        return self._headings

    def heading_of(self, language):
        return next(h for h in self.headings() if h["language"] == language)


class CounsellingSheetPDF(CounsellingSheet):
    def __call__(self):
        html = super().__call__()
        try:
            from weasyprint import HTML
        except (ImportError, OSError) as exc:  # the system libraries are missing
            response = self.request.response
            response.setStatus(503)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return (
                "The PDF cannot be made on this server: WeasyPrint needs the "
                f"Pango libraries (make system-packages). ({exc.__class__.__name__})"
            )
        pdf = HTML(string=html, base_url=self.root_url).write_pdf()
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", 'inline; filename="counselling-sheet.pdf"'
        )
        return pdf


def _text(value, limit):
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:limit]


def _day(value):
    text = _text(value, 10)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
