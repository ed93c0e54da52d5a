"""The alert run: for each confirmed alert, the offers of its finder state
that are new or changed since its last mail, in one mail; alerts never
confirmed in time are deleted. Run by ``scripts/search_alerts.py``
(``make search-alerts``, from cron or a timer, once a day or more often).
Each alert is committed on its own, one failing alert stops no other, and
a mail is sent before the record that it was sent: a mail server that is
down leaves the news for the next run instead of losing it."""

from integrationsportal import logger
from integrationsportal.alerts import mails
from integrationsportal.alerts.state import current_offers
from integrationsportal.alerts.state import finder_url
from integrationsportal.alerts.state import query_of
from integrationsportal.alerts.state import summary
from integrationsportal.alerts.store import Alerts
from integrationsportal.alerts.store import now
import transaction


def end_url(alerts, alert):
    return f"{alert.base}/@@finder-alert-end?token={alerts.end_code(alert)}"


def changes(alert, found):
    """(title, url) of the offers in ``found`` the alert has not reported
    in this version, newest first."""
    news = []
    for uid, (modified, title, url) in found.items():
        if alert.seen.get(uid) != modified:
            news.append((title, url))
    return news


def remember(alert, found):
    alert.seen.clear()
    alert.seen.update({uid: modified for uid, (modified, _t, _u) in found.items()})


def run(portal, when=None, commit=True):
    """Send the due alert mails; (mails sent, alerts expired)."""
    when = when or now()
    alerts = Alerts(portal)
    expired = alerts.expire(when)
    if commit:
        transaction.commit()
    sent = 0
    for key in list(alerts.alerts.keys()):
        alert = alerts.alerts.get(key)
        if alert is None or alert.confirmed is None:
            continue
        root = portal.get(alert.language)
        if root is None:
            continue
        try:
            query = query_of(alert.params, root)
            found = current_offers(root, query, alert.language, alert.base)
            news = changes(alert, found)
            if news:
                mails.send_news(
                    alert,
                    summary(query, alert.language, root),
                    news,
                    finder_url(alert.base, query.params()),
                    end_url(alerts, alert),
                )
                sent += 1
            remember(alert, found)
            alert.last_sent = when if news else alert.last_sent
            if commit:
                transaction.commit()
        except Exception:
            if commit:
                transaction.abort()
            logger.exception("Search alert %s… could not be sent", key[:8])
    logger.info("Search alerts: %d mails sent, %d unconfirmed deleted.", sent, expired)
    return sent, expired
