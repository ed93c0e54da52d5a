"""The housing team learns of a new flat by email: its reference, place,
rooms and a link; no personal data. Sent after the commit, so that a mail
server that is down never costs a landlord's offer."""

from email.message import EmailMessage
from plone import api
import logging
import transaction


logger = logging.getLogger("integrationsportal.housing")


def notify_team(flat):
    """Tell the housing team: reference, municipality, rooms and a link."""
    recipients = list(
        api.portal.get_registry_record(
            "integrationsportal.housing.notify_addresses", default=[]
        )
        or []
    )
    if not recipients:
        group = api.group.get(groupname="housing-team")
        members = api.user.get_users(group=group) if group is not None else []
        recipients = [m.getProperty("email") for m in members if m.getProperty("email")]
    if not recipients:
        logger.warning("New flat %s: nobody to notify", flat.reference)
        return
    portal = api.portal.get()
    sender = portal.getProperty("email_from_address") or "noreply@localhost"
    message = EmailMessage()
    message["Subject"] = f"Neues Wohnungsangebot {flat.reference}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    rooms = f"{flat.rooms:g}".replace(".", ",") if flat.rooms else "?"
    message.set_content(
        f"Über das Formular ist eine Wohnung angeboten worden.\n\n"
        f"Referenznummer: {flat.reference}\n"
        f"Ort: {flat.municipality}\n"
        f"Zimmer: {rooms}\n\n"
        f"Zur Wohnung (Anmeldung nötig):\n{flat.absolute_url()}\n"
    )
    mailhost = api.portal.get_tool("MailHost")
    reference = flat.reference

    def send(committed):
        # only for a flat that is really filed; a mail server that is down
        # must not cost the landlord's offer, so this runs after the commit
        if not committed:
            return
        try:
            mailhost.send(message, immediate=True)
        except Exception:
            logger.exception("New flat %s: the notification was not sent", reference)

    transaction.get().addAfterCommitHook(send)
