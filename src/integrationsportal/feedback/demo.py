"""Example feedback for the demo portal: a few votes and reports on demo
pages, so that the editors' inbox, the counts on pages and the key figures
show something to try. The texts are examples; no address is kept."""

from integrationsportal.feedback import store
from integrationsportal.feedback.content import KINDS
from integrationsportal.translation import language_of
from plone import api


# (language, portal_type, helpful, reason, text, done with a note)
EXAMPLES = (
    ("de", "Offer", None, "outdated", "Der Kurs hat schon im Oktober begonnen.", None),
    ("ar", "Offer", None, "contact", "رقم الهاتف لا يعمل.", None),
    (
        "de",
        "Contact",
        None,
        "contact",
        "Die Sprechzeit am Freitag gibt es nicht mehr.",
        None,
    ),
    ("en", "Offer", None, "unclear", "What does Maßnahme mean?", None),
    ("fa", "Offer", None, "translation", "", None),
    ("de", "Offer", False, None, "", None),
    ("de", "Offer", True, None, "", None),
    ("ar", "Offer", True, None, "", None),
    (
        "de",
        "Organisation",
        None,
        "outdated",
        "Neue Adresse seit Juni.",
        "Adresse geändert.",
    ),
)


def create_demo_feedback():
    """File the examples on the first demo page of each kind and language;
    returns how many were filed (none when there are reports already)."""
    folder = store.reports_folder(create=True)
    if any(o.portal_type == "Feedback" for o in folder.objectValues()):
        return 0
    catalog = api.portal.get_tool("portal_catalog")
    filed = 0
    for language, portal_type, helpful, reason, text, note in EXAMPLES:
        brains = catalog.unrestrictedSearchResults(
            portal_type=portal_type,
            Language=language,
            review_state="published",
            sort_on="path",
        )
        if not brains:
            continue
        page = brains[0]._unrestrictedGetObject()
        report = store.file_report(
            folder,
            {
                "kind": KINDS[portal_type],
                "target_uid": page.UID(),
                "target_url": page.absolute_url(),
                "target_title": page.Title(),
                "reader_language": language_of(page) or language,
                "helpful": helpful,
                "reason": reason,
                "text": text or None,
            },
        )
        if note:
            store.mark_done(report, note, "redaktion")
        filed += 1
    return filed
