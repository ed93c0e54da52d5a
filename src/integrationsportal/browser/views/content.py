"""Classic UI views of Offer, Organisation, Contact and GoodPractice.

Every helper returns what the template shows or an empty value, so a template
renders a heading only when something follows it. Listings come from catalog
brains; only the relations of the page itself are followed to objects."""

from AccessControl import getSecurityManager
from datetime import date
from datetime import datetime
from integrationsportal import _
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.icons import Icons
from integrationsportal.shared.relations import related
from integrationsportal.shared.relations import related_list
from integrationsportal.shared.relations import translation_uids
from integrationsportal.shared.summaries import contact_card
from integrationsportal.shared.summaries import contact_card_from_brain
from integrationsportal.shared.summaries import offer_card
from integrationsportal.shared.summaries import offer_titles
from plone import api
from plone.base.interfaces import ILanguage
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


VIEW_STAFF_FIELDS = "integrationsportal: View staff-only fields"


def lines(text):
    """Non-empty lines of a plain text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ContentView(BrowserView):
    """Helpers shared by the views of the portal's own types."""

    card_macros = ViewPageTemplateFile("cards.pt")

    def __call__(self):
        return self.index()

    @property
    def language(self):
        return ILanguage(self.context).get_language() or ""

    def term(self, vocabulary_name, token):
        if not token:
            return ""
        titles = vocabulary_titles(vocabulary_name, self.context)
        return titles.get(token, token)

    def terms(self, vocabulary_name, tokens):
        titles = vocabulary_titles(vocabulary_name, self.context)
        return [titles.get(token, token) for token in tokens or ()]

    def lines(self, field_name):
        return lines(getattr(self.context, field_name, None))

    def text(self, field_name="text"):
        value = getattr(self.context, field_name, None)
        if value is None or not value.raw.strip():
            return ""
        return value.output_relative_to(self.context)

    def localized_date(self, value):
        if not value:
            return ""
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        return api.portal.get_localized_time(datetime=value)

    def address(self):
        """Street, postcode and town as lines; empty when nothing is filled."""
        street = getattr(self.context, "street", None) or ""
        town = " ".join(
            part
            for part in (
                getattr(self.context, "zip_code", None) or "",
                getattr(self.context, "city", None) or "",
            )
            if part
        )
        return [part for part in (street, town) if part]

    def map_url(self):
        address = self.address()
        if not address:
            return ""
        from urllib.parse import quote_plus

        return "https://www.openstreetmap.org/search?query=" + quote_plus(
            ", ".join(address)
        )

    def phone_href(self, number):
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")

    def languages_spoken(self):
        return self.terms(
            "integrationsportal.Languages", getattr(self.context, "languages", None)
        )

    def last_verified(self):
        return self.localized_date(getattr(self.context, "last_verified", None))

    def brains(self, **query):
        """Published (or otherwise visible) items, one per translation group,
        preferring the page's language."""
        query.setdefault("sort_on", "sortable_title")
        chosen = {}
        order = []
        for brain in api.content.find(**query):
            group = getattr(brain, "TranslationGroup", None) or brain.UID
            if group not in chosen:
                order.append(group)
                chosen[group] = brain
            elif brain.Language == self.language:
                chosen[group] = brain
        return [chosen[group] for group in order]

    def offer_cards(self, **query):
        titles = offer_titles(self.context)
        brains = self.brains(portal_type="Offer", **query)
        return [
            offer_card(brain, titles)
            for brain in brains
            if brain.offer_status != "ended"
        ]

    def chain_steps(self, **query):
        """Process-chain steps that point here, with their chain, from the
        catalog: [{'title', 'url', 'chain_title', 'chain_url'}]."""
        steps = self.brains(portal_type="ProcessStep", **query)
        if not steps:
            return []
        parents = {brain.getPath().rpartition("/")[0] for brain in steps}
        chains = {
            brain.getPath(): brain
            for brain in api.content.find(
                portal_type="ProcessChain", path={"query": list(parents), "depth": 0}
            )
        }
        result = []
        for brain in steps:
            chain = chains.get(brain.getPath().rpartition("/")[0])
            if chain is None:
                continue
            result.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "chain_title": chain.Title,
                    "chain_url": chain.getURL(),
                }
            )
        return result

    @property
    def icons(self):
        if getattr(self, "_icons", None) is None:
            self._icons = Icons(self.context, self.request)
        return self._icons


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
        return contact_card(target) if target is not None else None

    def contacts(self):
        return [contact_card(obj) for obj in related_list(self.context, "contacts")]

    def steps(self):
        return self.chain_steps(related_offer_uids=translation_uids(self.context))


class OrganisationView(ContentView):
    def kind(self):
        return self.term("integrationsportal.OrganisationKinds", self.context.kind)

    def municipality(self):
        return self.term("integrationsportal.Municipalities", self.context.municipality)

    def contacts(self):
        return [
            contact_card_from_brain(brain)
            for brain in self.brains(
                portal_type="Contact",
                organisation_uid=translation_uids(self.context),
            )
        ]

    def offers(self):
        return self.offer_cards(provider_uid=translation_uids(self.context))

    def steps(self):
        return self.chain_steps(responsible_uids=translation_uids(self.context))


class ContactView(ContentView):
    def organisation(self):
        target = related(self.context, "organisation")
        return contact_card(target) if target is not None else None

    def offers(self):
        return self.offer_cards(contact_uids=translation_uids(self.context))

    def steps(self):
        return self.chain_steps(responsible_uids=translation_uids(self.context))

    def may_see_staff_fields(self):
        return bool(
            getSecurityManager().checkPermission(VIEW_STAFF_FIELDS, self.context)
        )

    def staff_fields(self):
        """Internal phone and notes, only for those allowed to see them."""
        if not self.may_see_staff_fields():
            return None
        phone = self.context.internal_phone or ""
        notes = lines(self.context.internal_notes)
        if not phone and not notes:
            return None
        return {"phone": phone, "notes": notes}


class GoodPracticeView(ContentView):
    def federal_state(self):
        return self.term("integrationsportal.FederalStates", self.context.federal_state)

    def topics(self):
        return self.terms("integrationsportal.OfferCategories", self.context.topics)

    def source_date(self):
        return self.localized_date(self.context.source_date)
