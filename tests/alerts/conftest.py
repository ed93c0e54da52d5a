"""Fixtures of the alert tests: a local SMTP server (aiosmtpd) that keeps
what it receives, the portal's mail settings pointed at it, and published
offers in a portal with language roots."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
from support import free_port
import pytest
import transaction


class Inbox:
    """What the SMTP server received: email.message objects."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email import policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        message.recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def inbox():
    from aiosmtpd.controller import Controller

    handler = Inbox()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def alert_portal(ml_functional_portal, inbox):
    portal = ml_functional_portal
    # Plone's mail settings (the mail control panel's registry records)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", inbox.port)

    api.portal.set_registry_record("plone.email_from_address", "portal@example.org")
    api.portal.set_registry_record("plone.email_from_name", "Musterkreis")
    with api.env.adopt_user(SITE_OWNER_NAME):
        for title in ("Sprachkurs am Abend", "Sprachcafé"):
            create_published(
                portal["de"], "Offer", title=title, categories=["language"]
            )
        create_published(
            portal["de"], "Offer", title="Bewerbungstraining", categories=["work"]
        )
    transaction.commit()
    return portal
