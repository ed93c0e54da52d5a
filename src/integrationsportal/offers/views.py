"""The page of an offer."""

from integrationsportal import _
from integrationsportal.places.maps import page_place
from integrationsportal.shared.pages import ContentView
from integrationsportal.shared.relations import related
from integrationsportal.shared.relations import related_list
from integrationsportal.shared.relations import translation_uids
from integrationsportal.shared.summaries import contact_card


class OfferView(ContentView):
    def categories(self):
        return self.terms("integrationsportal.OfferCategories", self.context.categories)

    def target_groups(self):
        return self.terms("integrationsportal.TargetGroups", self.context.target_groups)

    def residence_status(self):
        return self.terms(
            "integrationsportal.ResidenceStatus", self.context.residence_status
        )

    def age(self):
        low, high = self.context.age_min, self.context.age_max
        if low is not None and high is not None:
            return _("${low} to ${high} years", mapping={"low": low, "high": high})
        if low is not None:
            return _("from ${low} years", mapping={"low": low})
        if high is not None:
            return _("up to ${high} years", mapping={"high": high})
        return ""

    def german_level(self):
        level = self.context.german_level or "none"
        if level == "none":
            return ""
        return self.term("integrationsportal.GermanLevels", level)

    def delivery(self):
        return self.term("integrationsportal.Delivery", self.context.online)

    def municipality(self):
        return self.term("integrationsportal.Municipalities", self.context.municipality)

    def period(self):
        start = self.localized_date(self.context.start)
        end = self.localized_date(self.context.end)
        if start and end:
            return _("${start} to ${end}", mapping={"start": start, "end": end})
        if start:
            return _("from ${start}", mapping={"start": start})
        if end:
            return _("until ${end}", mapping={"end": end})
        return ""

    def funding(self):
        return self.terms("integrationsportal.Funding", self.context.funding)

    def status(self):
        """The status when it matters to a reader (not for running offers)."""
        status = self.context.offer_status
        if status in (None, "active"):
            return ""
        return self.term("integrationsportal.OfferStatus", status)

    def provider(self):
        target = related(self.context, "provider")
        return contact_card(target, self.language) if target is not None else None

    def contacts(self):
        return [
            contact_card(obj, self.language)
            for obj in related_list(self.context, "contacts")
        ]

    def steps(self):
        return self.chain_steps(related_offer_uids=translation_uids(self.context))

    def place(self):
        """Where the offer takes place on a small map, with the journey
        planner's link (none for an offer online only)."""
        return page_place(
            self.context,
            self.request,
            self.context.Title(),
            [str(line) for line in self.address()],
        )
