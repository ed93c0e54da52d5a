"""The public pages of the housing tool: the landlord's confirmation after
the form, and the optional listing of checked flats."""

from datetime import date
from integrationsportal.housing import limits as kdu
from integrationsportal.housing.flats import flat_rows
from integrationsportal.housing.form import FORM_ID
from integrationsportal.housing.numbers import euro
from integrationsportal.housing.numbers import number_text
from integrationsportal.shared.municipalities import municipality_names
from integrationsportal.shared.request import last_value
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import NotFound
import re


REFERENCE = re.compile(r"^W-\d{4}-\d{4,6}$")


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
            sizes = kdu.sizes_within_limit(row, limits)
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
                    "sizes": sizes,
                    "sizes_text": ", ".join(str(n) for n in sizes),
                    "reference": row.get("reference"),
                }
            )
        rows.sort(key=lambda r: (r["municipality"] or "", r["available_from"] or ""))
        self.rows = rows
        return self.index()

    def form_url(self):
        form = self.context.get(FORM_ID)
        return form.absolute_url() if form is not None else None
