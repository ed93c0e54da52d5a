"""The pages of an organisation and a contact person."""

from AccessControl import getSecurityManager
from integrationsportal.permissions import ViewStaffFields
from integrationsportal.places.maps import page_place
from integrationsportal.shared.pages import ContentView
from integrationsportal.shared.pages import lines
from integrationsportal.shared.relations import related
from integrationsportal.shared.relations import translation_uids
from integrationsportal.shared.summaries import contact_card
from integrationsportal.shared.summaries import contact_card_from_brain


class OrganisationView(ContentView):
    def kind(self):
        return self.term("integrationsportal.OrganisationKinds", self.context.kind)

    def municipality(self):
        return self.term("integrationsportal.Municipalities", self.context.municipality)

    def contacts(self):
        return [
            contact_card_from_brain(brain, self.language)
            for brain in self.brains(
                portal_type="Contact",
                organisation_uid=translation_uids(self.context),
            )
        ]

    def offers(self):
        return self.offer_cards(provider_uid=translation_uids(self.context))

    def steps(self):
        return self.chain_steps(responsible_uids=translation_uids(self.context))

    def place(self):
        """The organisation on a small map, with the journey planner's link."""
        return page_place(
            self.context,
            self.request,
            self.context.Title(),
            [str(line) for line in self.address()],
        )


class ContactView(ContentView):
    def organisation(self):
        target = related(self.context, "organisation")
        return contact_card(target, self.language) if target is not None else None

    def offers(self):
        return self.offer_cards(contact_uids=translation_uids(self.context))

    def steps(self):
        return self.chain_steps(responsible_uids=translation_uids(self.context))

    def may_see_staff_fields(self):
        return bool(
            getSecurityManager().checkPermission(ViewStaffFields.title, self.context)
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
