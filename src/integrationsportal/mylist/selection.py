"""Reading a list from a request and finding its entries.

A list is carried as repeated ``uid`` parameters (the full UIDs, the
contract other tools link to) or as ``l``, the first ten hex digits of each
UID joined by dots: the short link, about a quarter as long. Entries are
looked up in the catalog as the current user (so a reader never sees an
entry they may not view), in the order given, each in the reader's language
where a translation exists. What cannot be read or is no longer there is
counted, never an error: a link a messenger cut short still shows what it
can.
"""

from dataclasses import dataclass
from dataclasses import field
from integrationsportal.shared.relations import in_language
from plone import api
import re


MAX_ENTRIES = 30
READ_LIMIT = MAX_ENTRIES * 2  # values read of one request; the rest is cut
SHORT_LENGTH = 10
TYPES = ("Offer", "Contact", "ProcessChain", "Organisation")
_UID = re.compile(r"^[0-9a-f]{32}$")
_SHORT = re.compile(rf"^[0-9a-f]{{{SHORT_LENGTH}}}$")


@dataclass
class Selection:
    """The entries of a list: ``objects`` (in the reader's language, in the
    list's order), the ``uids`` they were found by, and how many values
    could not be read (``unreadable``) or are no longer there
    (``missing``)."""

    objects: list = field(default_factory=list)
    uids: list = field(default_factory=list)
    unreadable: int = 0
    missing: int = 0
    truncated: bool = False

    @property
    def short(self):
        """The list's short form (the ``l`` parameter)."""
        return ".".join(uid[:SHORT_LENGTH] for uid in self.uids)


def _values(form, name):
    value = form.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]  # a record or a number: unreadable


def requested(form):
    """(full UIDs, short UIDs, unreadable count, more) of a request's form:
    each list without repeats and in the given order; reading stops after
    READ_LIMIT values, and ``more`` says whether some were left unread."""
    full, short, seen, unreadable = [], [], set(), 0
    values = _values(form, "uid")
    parts = []
    for value in _values(form, "l"):
        if isinstance(value, str):
            parts += value.replace(" ", ".").split(".", READ_LIMIT)[:READ_LIMIT]
        else:
            unreadable += 1
    more = len(values) + len(parts) > READ_LIMIT
    for value in values[:READ_LIMIT]:
        uid = value.strip().lower() if isinstance(value, str) else ""
        if not _UID.match(uid):
            unreadable += 1
        elif uid not in seen:
            seen.add(uid)
            full.append(uid)
    for part in parts[: max(0, READ_LIMIT - len(full))]:
        part = part.strip().lower()
        if not part:
            continue
        if not _SHORT.match(part):
            unreadable += 1
        elif part not in seen:
            seen.add(part)
            short.append(part)
    return full, short, unreadable, more


def has_list(form):
    return bool(form.get("uid") or form.get("l"))


def _by_short(catalog, prefix):
    brains = catalog(
        UID={"query": (prefix, prefix + "g"), "range": "min:max"},
        portal_type=list(TYPES),
        sort_on="UID",
    )
    return brains[0] if len(brains) else None


def select(form, language=None):
    """The Selection a request's form names, for a reader of ``language``."""
    full, short, unreadable, more = requested(form)
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    if full:
        for brain in catalog(UID=full, portal_type=list(TYPES)):
            found[brain.UID] = brain
    order = list(full)
    for prefix in short:
        brain = _by_short(catalog, prefix)
        if brain is None:
            order.append(prefix)  # counted as missing below
            continue
        found[brain.UID] = brain
        order.append(brain.UID)
    selection = Selection(unreadable=unreadable, truncated=more)
    seen = set()
    for key in order:
        brain = found.get(key)
        if brain is None:
            selection.missing += 1
            continue
        obj = in_language(brain.getObject(), language)
        uid = obj.UID()
        if uid in seen:  # an entry and its translation: once
            continue
        if len(selection.objects) >= MAX_ENTRIES:
            selection.truncated = True
            break
        seen.add(uid)
        selection.objects.append(obj)
        selection.uids.append(uid)
    return selection
