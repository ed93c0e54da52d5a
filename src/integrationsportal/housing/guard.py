"""The housing folder's memory of recent submissions: the per-address limit
and the protection against double clicks. It keeps hashes only: nothing in it
can be read back as an address or a person."""

from BTrees.OOBTree import OOBTree
from integrationsportal.housing.submission import text_or_none
import hashlib
import time


WINDOW = 3600  # seconds: the submission limit counts one hour
DUPLICATE_WINDOW = 3600  # the same flat again within an hour is a double click


def _client_key(request, salt):
    address = request.getClientAddr() or "unknown"
    return hashlib.sha256(f"{salt}|{address}".encode()).hexdigest()


def _fingerprint(data):
    parts = [
        str(text_or_none(data.get(name)) or "").lower()
        for name in (
            "landlord_email",
            "landlord_phone",
            "street",
            "postal_code",
            "municipality",
            "rooms",
            "living_space",
            "cold_rent",
            "available_from",
        )
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Guard:
    """The folder's memory of recent submissions: hashed client addresses for
    the per-address limit, and fingerprints of flats against double clicks.
    Nothing in it can be read back as an address or a person."""

    def __init__(self, folder):
        self.folder = folder
        if getattr(folder, "_recent_clients", None) is None:
            folder._recent_clients = OOBTree()
        if getattr(folder, "_recent_flats", None) is None:
            folder._recent_flats = OOBTree()
        if not getattr(folder, "_guard_salt", None):
            folder._guard_salt = hashlib.sha256(
                f"{id(folder)}{time.time()}".encode()
            ).hexdigest()

    def _prune(self, now):
        for tree, window in (
            (self.folder._recent_clients, WINDOW),
            (self.folder._recent_flats, DUPLICATE_WINDOW),
        ):
            for key in [k for k, v in tree.items() if now - v[-1] > window]:
                del tree[key]

    def too_many(self, request, limit, now):
        self._prune(now)
        key = _client_key(request, self.folder._guard_salt)
        recent = [
            t for t in self.folder._recent_clients.get(key, ()) if now - t < WINDOW
        ]
        return len(recent) >= limit

    def count(self, request, now):
        key = _client_key(request, self.folder._guard_salt)
        recent = [
            t for t in self.folder._recent_clients.get(key, ()) if now - t < WINDOW
        ]
        self.folder._recent_clients[key] = (*recent, now)

    def duplicate_of(self, data, now):
        entry = self.folder._recent_flats.get(_fingerprint(data))
        if entry and now - entry[-1] < DUPLICATE_WINDOW:
            return entry[0]
        return None

    def remember(self, data, reference, now):
        self.folder._recent_flats[_fingerprint(data)] = (reference, now)
