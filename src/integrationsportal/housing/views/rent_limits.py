"""@@rent-limits: the control panel for the rent limits, municipality ×
household size → the highest gross cold rent the authority accepts."""

from integrationsportal import _
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.numbers import number_text
from integrationsportal.housing.numbers import parse_amount
from integrationsportal.shared.municipalities import municipalities
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


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
                amount = parse_amount(raw)
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
