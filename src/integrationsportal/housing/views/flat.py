"""A flat's page for the housing team: its facts, the rent check, the
landlord (with permission), the change of its status and its history."""

from AccessControl import getSecurityManager
from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.content import facts_of
from integrationsportal.housing.content import HOUSEHOLD_REFERENCE
from integrationsportal.housing.content import LANDLORD_FIELDS
from integrationsportal.housing.flats import state_titles
from integrationsportal.housing.flats import transition_title
from integrationsportal.housing.flats import WORKFLOW
from integrationsportal.housing.numbers import euro
from integrationsportal.housing.numbers import number_text
from integrationsportal.permissions import ManageHousing
from integrationsportal.permissions import ViewLandlordData
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.municipalities import municipality_name
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


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
        pets_vocabulary = vocabulary("integrationsportal.PetsAllowed", self.context)
        pets = self.context.pets
        if pets in pets_vocabulary:
            return translate(pets_vocabulary.getTerm(pets).title, context=self.request)
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
