"""Where alerts are kept: a BTree in an annotation of the portal, shared by
every instance of a cluster (as ZODB data), with the limits that keep the
form from being used to send mail to strangers or to flood the portal."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations
import hashlib
import secrets


KEY = "integrationsportal.alerts"
CONFIRM_WITHIN = timedelta(days=2)
MAX_PER_ADDRESS = 5  # running or waiting alerts of one e-mail address
MAX_REQUESTS_PER_CLIENT = 5  # subscriptions a network address asks for an hour
MAX_MAILS_PER_ADDRESS = 3  # confirmation mails to one address a day
CLIENT_WINDOW = timedelta(hours=1)
ADDRESS_WINDOW = timedelta(days=1)


def now():
    return datetime.now(timezone.utc)


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Alert(Persistent):
    """One reader's alert for one finder state. Its ``token`` is the secret
    of its links (confirm, end); the alerts are found by its hash."""

    token = None
    base = ""  # the language root's address as the reader reached it

    def __init__(self, email, language, params, created):
        self.email = email
        self.language = language
        self.params = tuple(params)  # (name, value) pairs of the finder state
        self.created = created
        self.confirmed = None
        self.last_sent = None
        self.seen = OOBTree()  # offer UID -> modification time reported


class Alerts:
    """The alerts of a portal, by the hash of their secret token."""

    def __init__(self, portal):
        annotations = IAnnotations(portal)
        data = annotations.get(KEY)
        if data is None:
            data = annotations[KEY] = OOBTree()
            data["alerts"] = OOBTree()
            data["clients"] = OOBTree()  # hash of network address -> times
            data["addresses"] = OOBTree()  # hash of e-mail -> mail times
            data["salt"] = secrets.token_hex(16)
        self.data = data

    @property
    def alerts(self):
        return self.data["alerts"]

    def _hashed(self, text):
        return digest(f"{self.data['salt']}|{text}")

    def add(self, email, language, params, when, base):
        """A new alert waiting for confirmation, and its secret token.
        ``base`` is the address of the language root the reader used: the
        mails, sent without a request, link there."""
        token = secrets.token_urlsafe(24)
        alert = Alert(email, language, params, when)
        alert.token = token  # for the links of its mails
        alert.base = base
        self.alerts[digest(token)] = alert
        return token

    def get(self, token):
        if not isinstance(token, str) or not 20 <= len(token) <= 64:
            return None
        return self.alerts.get(digest(token))

    def remove(self, token):
        key = digest(token)
        if key in self.alerts:
            del self.alerts[key]
            return True
        return False

    def of_address(self, email):
        return [a for a in self.alerts.values() if a.email == email]

    def _recent(self, tree, key, window, when):
        times = [t for t in tree.get(key, ()) if when - t < window]
        return times

    def client_may_ask(self, client, when):
        key = self._hashed(client or "unknown")
        times = self._recent(self.data["clients"], key, CLIENT_WINDOW, when)
        if len(times) >= MAX_REQUESTS_PER_CLIENT:
            return False
        self.data["clients"][key] = tuple(times) + (when,)
        return True

    def may_mail(self, email, when):
        key = self._hashed(email)
        times = self._recent(self.data["addresses"], key, ADDRESS_WINDOW, when)
        if len(times) >= MAX_MAILS_PER_ADDRESS:
            return False
        self.data["addresses"][key] = tuple(times) + (when,)
        return True

    def expire(self, when):
        """Delete alerts never confirmed in time and old rate-limit
        entries; the number of alerts deleted."""
        stale = [
            key
            for key, alert in self.alerts.items()
            if alert.confirmed is None and when - alert.created > CONFIRM_WITHIN
        ]
        for key in stale:
            del self.alerts[key]
        for tree, window in (
            (self.data["clients"], CLIENT_WINDOW),
            (self.data["addresses"], ADDRESS_WINDOW),
        ):
            for key in [k for k, v in tree.items() if when - max(v) >= window]:
                del tree[key]
        return len(stale)


def uninstall(portal):
    """The alerts go with the add-on: the readers' addresses must not stay,
    nor objects of a class that is gone."""
    annotations = IAnnotations(portal)
    if KEY in annotations:
        del annotations[KEY]
