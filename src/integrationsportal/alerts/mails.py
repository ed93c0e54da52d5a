"""The alert mails, through Plone's mail settings (MailHost): the
confirmation of a new alert, and the news of an alert. Each goes to one
reader and holds only public offers and that reader's own links; each alert
mail carries a link and a List-Unsubscribe header that end the alert. The
confirmation, which goes to an address nobody has confirmed yet, holds no
text a visitor typed.

Both go out at once, before what they report is stored: a confirmation
that cannot be sent makes no alert (the form says so), and news that cannot
be sent stays news for the next run (see job.py)."""

from email.message import EmailMessage
from email.utils import formataddr
from integrationsportal import _
from plone import api
from zope.i18n import translate


def _t(message, language):
    return translate(message, target_language=language)


def _sender():
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    name = api.portal.get_registry_record("plone.email_from_name", default="")
    return formataddr((name or "", address or "noreply@localhost"))


def _send(to, subject, body, unsubscribe=None, immediate=False):
    message = EmailMessage()
    message["From"] = _sender()
    message["To"] = to
    message["Subject"] = subject
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)
    api.portal.get_tool("MailHost").send(message.as_string(), immediate=immediate)


def send_confirmation(email, language, summary, confirm_url):
    site = api.portal.get().Title()
    subject = _t(
        _("Please confirm your alert from ${site}", mapping={"site": site}), language
    )
    body = "\n\n".join(
        [
            _t(
                _(
                    "Someone, probably you, asked for an e-mail when there are "
                    "new offers for this search: ${summary}",
                    mapping={"summary": summary},
                ),
                language,
            ),
            _t(_("To start the alert, open this link and confirm:"), language),
            confirm_url,
            _t(
                _(
                    "If you did not ask for it, do nothing: without confirmation "
                    "your address is deleted within two days."
                ),
                language,
            ),
        ]
    )
    # sent at once: a mail server that refuses is the reader's to know
    _send(email, subject, body + "\n", immediate=True)


def send_news(alert, summary, offers, finder_url, unsubscribe_url):
    """``offers`` are (title, url) of new or changed offers."""
    language = alert.language
    site = api.portal.get().Title()
    subject = _t(
        _(
            "New offers for your search on ${site}: ${count}",
            mapping={"site": site, "count": len(offers)},
        ),
        language,
    )
    lines = [
        _t(
            _(
                "These offers for your search are new or have changed: ${summary}",
                mapping={"summary": summary},
            ),
            language,
        ),
        "",
    ]
    for title, url in offers:
        lines += [f"- {title}", f"  {url}"]
    lines += [
        "",
        _t(_("All offers of this search:"), language),
        finder_url,
        "",
        _t(
            _("To end this alert and delete your address, open:"),
            language,
        ),
        unsubscribe_url,
    ]
    # sent now, so that a failure keeps the news for the next run
    _send(
        alert.email,
        subject,
        "\n".join(lines) + "\n",
        unsubscribe=unsubscribe_url,
        immediate=True,
    )
