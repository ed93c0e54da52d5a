"""Reading request values: a form value may arrive once, several times
(a list) or not at all.

Zope hands a view a list when a field name is repeated in the query string or
the form (``?page=1&page=2``). Every reader of one value in the add-on takes
the last one: a link that appends a parameter to the current query string
overrides the earlier value, and a form whose hidden default comes before the
visible field gets what the reader chose (Django's ``QueryDict`` answers
likewise). Readers of several values (facets, lists) take them all."""

import ipaddress


def last_value(value):
    """The last of repeated values as text; "" for none."""
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return "" if value is None else str(value)


def network_of(client):
    """What a per-client limit counts: an IPv4 address, or the /64 an IPv6
    address is in (one line, one household)."""
    client = (client or "unknown").strip()
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return client
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
