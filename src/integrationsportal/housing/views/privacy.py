"""@@housing-privacy: data protection for the housing team, a landlord's
data on request (Art. 15 GDPR), erasure (Art. 17) and the retention job."""

from integrationsportal import _
from integrationsportal.housing import privacy
from integrationsportal.permissions import ManageHousing
from integrationsportal.permissions import RunHousingRetention
from integrationsportal.permissions import ViewLandlordData
from integrationsportal.shared.request import last_value
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import Forbidden
import json


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
