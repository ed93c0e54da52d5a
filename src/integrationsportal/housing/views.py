"""The housing team's pages: the listing, a flat, rent limits, figures, data
protection; and the public pages: confirmation and the optional listing."""

from AccessControl import getSecurityManager
from datetime import date
from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing import privacy
from integrationsportal.housing.content import facts_of
from integrationsportal.housing.content import HOUSEHOLD_REFERENCE
from integrationsportal.housing.content import IHousingOffer
from integrationsportal.housing.content import LANDLORD_FIELDS
from integrationsportal.housing.figures import housing_figures
from integrationsportal.housing.flats import flat_rows
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.flats import states
from integrationsportal.housing.flats import transition_title
from integrationsportal.housing.flats import WORKFLOW
from integrationsportal.housing.form import FORM_ID
from integrationsportal.permissions import AddHousingOffer
from integrationsportal.permissions import ManageHousing
from integrationsportal.permissions import RunHousingRetention
from integrationsportal.permissions import ViewLandlordData
from integrationsportal.shared.municipalities import municipalities
from integrationsportal.shared.municipalities import municipality_name
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.shared.municipalities import municipality_token
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
import json
import re


REFERENCE = re.compile(r"^W-\d{4}-\d{4,6}$")
# the listing's filters accept what a flat may have
ROOMS = (IHousingOffer["rooms"].min, IHousingOffer["rooms"].max)
PERSONS = (IHousingOffer["max_persons"].min, IHousingOffer["max_persons"].max)
SORT_KEYS = {
    "reference": lambda f: f.get("reference") or "",
    "municipality": lambda f: f.get("municipality") or "",
    "rooms": lambda f: f.get("rooms") or 0,
    "persons": lambda f: f.get("max_persons") or 0,
    "rent": lambda f: f.get("gross_cold_rent") or 0,
    "available": lambda f: f.get("available_from") or "",
    "state": lambda f: states().index(f["state"]) if f["state"] in states() else 9,
}


def parse_filters(form):
    """The listing's GET parameters → (filters, problems)."""
    filters, problems = {}, []

    def number(name, kind, low, high, label):
        raw = last_value(form.get(name)).strip().replace(",", ".")
        if not raw:
            return
        try:
            value = kind(raw)
        except ValueError:
            problems.append(label)
            return
        if not low <= value <= high:
            problems.append(label)
            return
        filters[name] = value

    municipality = last_value(form.get("municipality")).strip()
    if municipality:
        filters["municipality"] = municipality_token(municipality)
    number("rooms", float, *ROOMS, _("Rooms"))
    number("persons", int, *PERSONS, _("Persons"))
    number("rent", float, 0, kdu.MAX_RENT, _("Rent up to"))
    number("household", int, *PERSONS, _("Within the limit for a household of"))
    state = last_value(form.get("state")).strip()
    if state:
        if state in states():
            filters["state"] = state
        else:
            problems.append(_("Status"))
    if last_value(form.get("barrier_free")):
        filters["barrier_free"] = True
    available = last_value(form.get("available")).strip()
    if available:
        try:
            filters["available"] = date.fromisoformat(available).isoformat()
        except ValueError:
            problems.append(_("Available by"))
    sort = last_value(form.get("sort")).strip() or "reference"
    filters["sort"] = sort if sort in SORT_KEYS else "reference"
    filters["reverse"] = last_value(form.get("order")) == "desc"
    return filters, problems


def apply_filters(rows, filters, limits):
    result = []
    for row in rows:
        if (
            "municipality" in filters
            and row.get("municipality") != filters["municipality"]
        ):
            continue
        if "rooms" in filters and (row.get("rooms") or 0) < filters["rooms"]:
            continue
        if "persons" in filters and (row.get("max_persons") or 0) < filters["persons"]:
            continue
        if "rent" in filters and (row.get("gross_cold_rent") or 0) > filters["rent"]:
            continue
        if "household" in filters and not kdu.within_limit(
            row, limits, filters["household"]
        ):
            continue
        if "state" in filters and row["state"] != filters["state"]:
            continue
        if filters.get("barrier_free") and not row.get("barrier_free"):
            continue
        if (
            "available" in filters
            and (row.get("available_from") or "9999") > filters["available"]
        ):
            continue
        result.append(row)
    result.sort(key=SORT_KEYS[filters["sort"]], reverse=filters["reverse"])
    return result


def euro(value):
    if value is None:
        return ""
    return f"{value:,.2f}\u00a0€".replace(",", "X").replace(".", ",").replace("X", ".")


def number_text(value):
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


class HousingListingView(BrowserView):
    """The housing team's table of flats (default view of the folder)."""

    columns = (
        ("reference", _("Reference")),
        ("municipality", _("Municipality")),
        ("rooms", _("Rooms")),
        ("persons", _("Persons")),
        ("rent", _("Gross cold rent")),
        ("available", _("Free from")),
        ("state", _("Status")),
    )

    def __call__(self):
        self.filters, problems = parse_filters(self.request.form)
        self.problems = [translate(p, context=self.request) for p in problems]
        self.limits = kdu.get_limits()
        self.states = state_titles(self.request)
        self.names = municipality_names()
        rows = apply_filters(flat_rows(), self.filters, self.limits)
        for row in rows:
            row["sizes"] = kdu.sizes_within_limit(row, self.limits)
            row["rent_text"] = euro(row.get("gross_cold_rent"))
            row["rooms_text"] = number_text(row.get("rooms"))
            row["state_title"] = self.states.get(row["state"], row["state"])
            place = row.get("municipality")
            row["place"] = self.names.get(place, place)
        self.rows = rows
        return self.index()

    def municipalities(self):
        return list(self.names.items())

    def sort_url(self, key):
        form = {
            k: v for k, v in self.request.form.items() if k not in ("sort", "order")
        }
        same = self.filters["sort"] == key and not self.filters["reverse"]
        form.update(sort=key, order="desc" if same else "asc")
        from urllib.parse import urlencode

        return f"{self.context.absolute_url()}?{urlencode(form, doseq=True)}"

    def aria_sort(self, key):
        if self.filters["sort"] != key:
            return None
        return "descending" if self.filters["reverse"] else "ascending"

    def may_add(self):
        return api.user.has_permission(AddHousingOffer.title, obj=self.context)


class HousingOfferView(BrowserView):
    """One flat: its facts, the rent check, the landlord (with permission),
    the placement form and the history of who did what when."""

    TRANSITIONS_NEEDING_HOUSEHOLD = ("reserve", "place")

    def __call__(self):
        if self.request.method == "POST":
            return self.handle_post()
        return self.index()

    @property
    def facts(self):
        return facts_of(self.context)

    def may(self, permission):
        return bool(getSecurityManager().checkPermission(permission, self.context))

    def may_see_landlord(self):
        return self.may(ViewLandlordData.title)

    def may_manage(self):
        return self.may(ManageHousing.title)

    def limit_rows(self):
        limits = kdu.get_limits()
        facts = self.facts
        rows = []
        for persons in range(1, (facts.get("max_persons") or 0) + 1):
            limit = kdu.rent_limit(limits, facts.get("municipality"), persons)
            rows.append(
                {
                    "persons": persons,
                    "limit": euro(limit) if limit is not None else "",
                    "known": limit is not None,
                    "within": kdu.within_limit(facts, limits, persons),
                }
            )
        return rows

    def state(self):
        return api.content.get_state(self.context)

    def state_title(self):
        return state_titles(self.request).get(self.state(), self.state())

    def transitions(self):
        wf_tool = api.portal.get_tool("portal_workflow")
        return [
            {
                "id": t["id"],
                "title": transition_title(t, self.request),
            }
            for t in wf_tool.getTransitionsFor(self.context)
        ]

    def history(self):
        entries = []
        wf_history = getattr(self.context, "workflow_history", {}) or {}
        states = state_titles(self.request)
        for entry in wf_history.get(WORKFLOW, ()):
            actor = entry.get("actor") or ""
            user = api.user.get(userid=actor) if actor else None
            name = (user.getProperty("fullname") if user else "") or actor
            entries.append(
                {
                    "time": api.portal.get_localized_time(
                        entry["time"], long_format=True
                    ),
                    "iso": entry["time"].ISO8601(),
                    "state": states.get(
                        entry.get("review_state"), entry.get("review_state")
                    ),
                    "actor": name if entry.get("action") else "",
                    "action": entry.get("action"),
                    "comments": entry.get("comments") or "",
                }
            )
        return list(reversed(entries))

    def landlord(self):
        if not self.may_see_landlord():
            return None
        return {name: getattr(self.context, name, None) for name in LANDLORD_FIELDS}

    def text(self, value):
        return number_text(value)

    def place(self):
        token = self.context.municipality
        return municipality_name(token)

    def pets_title(self):
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        vocabulary = getUtility(IVocabularyFactory, "integrationsportal.PetsAllowed")(
            self.context
        )
        pets = self.context.pets
        if pets in vocabulary:
            return translate(vocabulary.getTerm(pets).title, context=self.request)
        return pets

    def money(self, value):
        return euro(value)

    def handle_post(self):
        CheckAuthenticator(self.request)
        if not self.may_manage():
            raise Forbidden("Only the housing team changes the status of a flat.")
        form = self.request.form
        transition = last_value(form.get("transition"))
        allowed = {t["id"] for t in self.transitions()}
        if transition not in allowed:
            raise BadRequest(f"The transition '{transition}' is not possible now.")
        household = last_value(form.get("household_reference")).strip()
        comment = last_value(form.get("comment")).strip()[:1000]
        if household and not HOUSEHOLD_REFERENCE.match(household):
            self.error = _(
                "Enter the household's reference number (for example BG-2026-0042), "
                "not a name."
            )
            self.request.response.setStatus(400)
            return self.index()
        if transition in self.TRANSITIONS_NEEDING_HOUSEHOLD:
            household = household or (self.context.household_reference or "")
            if not household:
                self.error = _(
                    "Reserving and placing need the household's reference number."
                )
                self.request.response.setStatus(400)
                return self.index()
            self.context.household_reference = household
        api.content.transition(obj=self.context, transition=transition, comment=comment)
        self.context.reindexObject()
        api.portal.show_message(
            _("Status changed: ${state}", mapping={"state": self.state_title()}),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())
        return ""

    error = None


class FlatReceivedView(BrowserView):
    """Confirmation after the form: the reference number, nothing else."""

    def reference(self):
        ref = last_value(self.request.form.get("ref")).strip()
        return ref if REFERENCE.match(ref) else None


class PublicFlatsView(BrowserView):
    """Checked flats, without address and without anything about the
    landlord; only where the site profile switched the listing on."""

    def __call__(self):
        if not api.portal.get_registry_record(
            "integrationsportal.housing.public_listing", default=False
        ):
            raise NotFound("The public listing of flats is switched off.")
        limits = kdu.get_limits()
        names = municipality_names()
        today = date.today().isoformat()
        rows = []
        for row in flat_rows(states=("checked",), unrestricted=True):
            rows.append(
                {
                    "municipality": names.get(
                        row.get("municipality"), row.get("municipality")
                    ),
                    "rooms": number_text(row.get("rooms")),
                    "living_space": number_text(row.get("living_space")),
                    "rent": euro(row.get("gross_cold_rent")),
                    "max_persons": row.get("max_persons"),
                    "barrier_free": row.get("barrier_free"),
                    "available_from": row.get("available_from"),
                    "available_now": (row.get("available_from") or "") <= today,
                    "sizes": kdu.sizes_within_limit(row, limits),
                    "reference": row.get("reference"),
                }
            )
        rows.sort(key=lambda r: (r["municipality"] or "", r["available_from"] or ""))
        self.rows = rows
        return self.index()

    def form_url(self):
        form = self.context.get(FORM_ID)
        return form.absolute_url() if form is not None else None


class RentLimitsView(BrowserView):
    """Control panel: the table municipality × household size → limit."""

    def __call__(self):
        self.errors = []
        self.values = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.save()
        return self.index()

    def municipalities(self):
        return [name for _token, name in municipalities()]

    def columns(self):
        return [*kdu.TABLE_SIZES, kdu.FURTHER_PERSON]

    def field_name(self, index, persons):
        return f"limit-{index}-{persons}"

    def value(self, municipality, index, persons):
        name = self.field_name(index, persons)
        if name in self.values:
            return self.values[name]
        limit = kdu.get_limits().get(kdu.key(municipality, persons))
        return number_text(limit) if limit is not None else ""

    def save(self):
        limits = {}
        for index, municipality in enumerate(self.municipalities()):
            for persons in self.columns():
                name = self.field_name(index, persons)
                raw = last_value(self.request.form.get(name)).strip()
                self.values[name] = raw
                if not raw:
                    continue
                try:
                    amount = (
                        float(raw.replace(".", "").replace(",", "."))
                        if "," in raw
                        else float(raw)
                    )
                except ValueError:
                    amount = None
                if amount is None or not 0 <= amount <= kdu.MAX_RENT:
                    who = (
                        translate(_("each further person"), context=self.request)
                        if persons == kdu.FURTHER_PERSON
                        else str(persons)
                    )
                    self.errors.append(
                        translate(
                            _(
                                "${municipality}, ${persons}: '${value}' is not an "
                                "amount from 0 to 10000.",
                                mapping={
                                    "municipality": municipality,
                                    "persons": who,
                                    "value": raw,
                                },
                            ),
                            context=self.request,
                        )
                    )
                    continue
                limits[kdu.key(municipality, persons)] = amount
        if self.errors:
            self.request.response.setStatus(400)
            return
        kdu.set_limits(limits)
        self.values = {}
        api.portal.show_message(_("The rent limits are saved."), request=self.request)


class HousingFiguresView(BrowserView):
    """Counts per state and the median days from offer to placement."""

    def __call__(self):
        self.figures = housing_figures()
        self.states = state_titles(self.request)
        self.names = municipality_names()
        return self.index()

    def median_text(self):
        median = self.figures["median_days_to_placement"]
        return number_text(median) if median is not None else None


class HousingPrivacyView(BrowserView):
    """Data protection for the housing team: a landlord's data on request
    (Art. 15 GDPR), erasure (Art. 17), and the retention job for admins."""

    def __call__(self):
        self.result = None
        self.message = None
        form = self.request.form
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        action = last_value(form.get("action"))
        if action == "retention":
            if not self.may_run_retention():
                raise Forbidden("Only administrators run the retention job.")
            erased = privacy.erase_expired(self.context)
            self.message = _(
                "Retention: the landlord's data of ${count} flats erased.",
                mapping={"count": len(erased)},
            )
            return self.index()
        if not api.user.has_permission(ViewLandlordData.title, obj=self.context):
            raise Forbidden("Only the housing team reads landlords' data.")
        email = last_value(form.get("contact")).strip()[:200]
        if len(email) < 5:
            self.message = _("Enter the landlord's email address or phone number.")
            self.request.response.setStatus(400)
            return self.index()
        if action == "export":
            data = privacy.export_landlord(self.context, email)
            if not data["flats"]:
                self.message = _("No flat of this landlord is stored.")
                return self.index()
            response = self.request.response
            response.setHeader("Content-Type", "application/json; charset=utf-8")
            response.setHeader(
                "Content-Disposition", 'attachment; filename="auskunft-vermieter.json"'
            )
            response.setHeader("Cache-Control", "no-store")
            return json.dumps(data, ensure_ascii=False, indent=2)
        if action == "erase":
            if not api.user.has_permission(ManageHousing.title, obj=self.context):
                raise Forbidden("Only the housing team erases landlords' data.")
            erased = privacy.erase_landlord(self.context, email)
            self.message = _(
                "The landlord's data is erased from ${count} flats.",
                mapping={"count": len(erased)},
            )
            return self.index()
        raise BadRequest("Unknown action.")

    def may_run_retention(self):
        return api.user.has_permission(RunHousingRetention.title, obj=self.context)

    def retention_days(self):
        return privacy.retention_days()
