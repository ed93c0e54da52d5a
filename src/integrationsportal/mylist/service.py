"""GET @offer-list?uid=…&uid=… (or ?l=…): a reader's list for apps, in the
language of the root it is called on. Offers have the summary of
@offer-finder's items; contacts, chains and organisations the summary
plone.restapi shows of a relation. Values that are not UIDs answer 400;
entries no longer there (or not visible to the caller) are counted in
``missing``."""

from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.items import offer_item
from integrationsportal.finder.query import finder_root
from integrationsportal.mylist.selection import MAX_ENTRIES
from integrationsportal.mylist.selection import select
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.summaries import relation_summary
from integrationsportal.translation import language_of
from plone import api
from plone.restapi.services import Service
from urllib.parse import urlencode


class OfferListGet(Service):
    def reply(self):
        root, language = finder_root(self.context)
        language = language or language_of(self.context) or "de"
        selection = select(self.request.form, language)
        if selection.unreadable:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "BadRequest",
                    "message": "Some values are not UIDs.",
                    "problems": [
                        {
                            "parameter": "uid",
                            "message": "takes UIDs (32 hex digits), or l takes "
                            "their first ten digits joined by dots",
                        }
                    ],
                }
            }
        titles = {
            facet.name: {
                term.value: term.title for term in vocabulary(facet.vocabulary)
            }
            for facet in FACETS
        }
        items = []
        for obj in selection.objects:
            brains = (
                api.content.find(UID=obj.UID()) if obj.portal_type == "Offer" else []
            )
            if brains:
                items.append(offer_item(brains[0], titles))
            else:
                items.append(relation_summary(obj))
        root_url = root.absolute_url()
        pairs = urlencode([("uid", uid) for uid in selection.uids])
        result = {
            "@id": f"{root_url}/@offer-list" + (f"?{pairs}" if pairs else ""),
            "language": language,
            "items_total": len(items),
            "items": items,
            "missing": selection.missing,
            "max_entries": MAX_ENTRIES,
        }
        if selection.uids:
            result["short_link"] = f"{root_url}/@@my-list?l={selection.short}"
            result["counselling_sheet"] = f"{root_url}/@@counselling-sheet?{pairs}"
            result["counselling_sheet_pdf"] = (
                f"{root_url}/@@counselling-sheet.pdf?{pairs}"
            )
        if selection.truncated:
            result["truncated"] = True
        return result
