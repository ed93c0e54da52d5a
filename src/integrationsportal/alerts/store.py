"""Where alerts are kept: a BTree in an annotation of the portal, shared by
every instance of a cluster (as ZODB data), with the limits that keep the
form from being used to send mail to strangers or to flood the portal."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from integrationsportal.shared.request import network_of
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations
import hashlib
import hmac
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


def normal_address(email):
    """An e-mail address as the limits count it: "Amira@Example.org" and
    "amira@example.org" are one address."""
    return (email or "").strip().lower()


class Alert(Persistent):
    """One reader's alert for one finder state, kept under the hash of the
    secret of its confirmation link (the secret itself is not kept)."""

    base = ""  # the language root's address its mails link to

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
        alert = Alert(normal_address(email), language, params, when)
        alert.base = base
        self.alerts[digest(token)] = alert
        return token

    def end_code(self, alert):
        """The secret of an alert's end link: its key and a signature of it
        with this portal's salt (no secret of the reader's is kept)."""
        key = next(k for k, a in self.alerts.items() if a is alert)
        return f"{key}.{self._signature(key)}"

    def _signature(self, key):
        return hmac.new(
            self.data["salt"].encode(), key.encode(), hashlib.sha256
        ).hexdigest()[:32]

    def _key(self, token):
        """The key a confirmation token or an end code names, or None."""
        if not isinstance(token, str) or not 20 <= len(token) <= 120:
            return None
        if "." in token:
            key, signature = token.split(".", 1)
            if hmac.compare_digest(signature, self._signature(key)):
                return key
            return None
        return digest(token)

    def get(self, token):
        key = self._key(token)
        return self.alerts.get(key) if key else None

    def remove(self, token):
        key = self._key(token)
        if key and key in self.alerts:
            del self.alerts[key]
            return True
        return False

    def of_address(self, email):
        email = normal_address(email)
        return [a for a in self.alerts.values() if a.email == email]

    def _admit(self, tree, key, window, limit, when):
        """Count one more event of ``key`` in ``tree`` unless ``limit``
        events fell within ``window`` already; whether it was admitted."""
        tree = self.data[tree]
        times = tuple(t for t in tree.get(key, ()) if when - t < window)
        if len(times) >= limit:
            return False
        tree[key] = times + (when,)
        return True

    def client_may_ask(self, client, when):
        key = self._hashed(network_of(client))
        return self._admit("clients", key, CLIENT_WINDOW, MAX_REQUESTS_PER_CLIENT, when)

    def may_mail(self, email, when):
        key = self._hashed(normal_address(email))
        return self._admit(
            "addresses", key, ADDRESS_WINDOW, MAX_MAILS_PER_ADDRESS, when
        )

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
