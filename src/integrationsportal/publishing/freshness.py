"""``@@offers-to-verify``: offers whose information has not been checked for
longer than the district's freshness period, and offers readers reported a
problem with (feedback/), which come first, the most reports first."""

from datetime import date
from integrationsportal import _
from integrationsportal.feedback.store import open_counts
from integrationsportal.interfaces import ISiteSettings
from integrationsportal.shared.formatting import localized_date
from integrationsportal.shared.formatting import months_before
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.request import last_value
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


DEFAULT_MONTHS = ISiteSettings["freshness_months"].default


class OffersToVerifyView(BrowserView):
    """Editors' list: offers never checked, or checked before the cutoff."""

    def __call__(self):
        self.problem = ""
        self.months = self.configured_months()
        raw = last_value(self.request.form.get("months")).strip()
        if raw:
            try:
                months = int(raw)
            except ValueError:
                months = 0
            if 1 <= months <= 120:
                self.months = months
            else:
                self.problem = _(
                    "The number of months must be a whole number from 1 to 120; "
                    "the list uses ${months} months.",
                    mapping={"months": self.months},
                )
        self.cutoff = months_before(date.today(), self.months)
        self.items = self.stale_offers()
        return self.index()

    def configured_months(self):
        months = api.portal.get_registry_record(
            "integrationsportal.freshness_months", default=DEFAULT_MONTHS
        )
        return months if isinstance(months, int) and months > 0 else DEFAULT_MONTHS

    def stale_offers(self):
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.context.getPhysicalPath())
        # no sort_on: a date index leaves out offers never checked
        brains = catalog(portal_type="Offer", path=path)
        workflow = api.portal.get_tool("portal_workflow")
        statuses = vocabulary_titles("integrationsportal.OfferStatus", self.context)
        reported = open_counts([brain.UID for brain in brains])
        root = api.portal.get_navigation_root(self.context).absolute_url()
        items = []
        for brain in brains:
            verified = brain.last_verified
            reports = reported.get(brain.UID, 0)
            if not reports and verified is not None and verified >= self.cutoff:
                continue
            if not reports and brain.offer_status == "ended":
                continue
            items.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "language": brain.Language or "",
                    "state": workflow.getTitleForStateOnType(
                        brain.review_state, "Offer"
                    ),
                    "status": statuses.get(brain.offer_status, brain.offer_status),
                    "provider": brain.provider_title or "",
                    "verified": verified,
                    "verified_text": localized_date(verified),
                    "reports": reports,
                    "reports_url": f"{root}/@@feedback-inbox?"
                    + urlencode({"target": brain.UID, "state": "open"}),
                }
            )
        # open reports first (the most first), then never checked, then the
        # longest unchecked
        return sorted(
            items,
            key=lambda item: (
                -item["reports"],
                item["verified"] is not None,
                item["verified"] or date.min,
            ),
        )
