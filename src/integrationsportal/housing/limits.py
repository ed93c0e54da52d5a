"""Rent limits of the Jobcenter (KdU, Kosten der Unterkunft).

The registry record ``integrationsportal.housing.rent_limits`` maps
``"<municipality>|<persons>"`` to the highest gross cold rent (EUR per month)
accepted for a household of that size. ``"<municipality>|0"`` holds the amount
added for each person beyond the largest size given.
"""

from integrationsportal.shared.municipalities import municipality_token
from plone import api


RECORD = "integrationsportal.housing.rent_limits"
TABLE_SIZES = (1, 2, 3, 4, 5, 6)
# The highest rent (EUR per month) a rent limit or the listing's filter may name.
MAX_RENT = 10000
FURTHER_PERSON = 0


def key(municipality, persons):
    return f"{municipality_token(municipality)}|{persons}"


def get_limits():
    try:
        return dict(api.portal.get_registry_record(RECORD, default={}) or {})
    except api.exc.InvalidParameterError:
        return {}


def set_limits(limits):
    api.portal.set_registry_record(RECORD, {k: float(v) for k, v in limits.items()})


def limits_from_rows(rows):
    """``{"Musterstadt": [450, 540, …, 80]}`` (sizes 1… then the amount per
    further person, as in a site profile) → registry mapping."""
    limits = {}
    for municipality, amounts in rows.items():
        *sizes, further = amounts
        for persons, amount in enumerate(sizes, start=1):
            limits[key(municipality, persons)] = float(amount)
        limits[key(municipality, FURTHER_PERSON)] = float(further)
    return limits


def rent_limit(limits, municipality, persons):
    """The limit for ``persons`` people in ``municipality``, or ``None`` if the
    table has none."""
    if not municipality or not persons or persons < 1:
        return None
    exact = limits.get(key(municipality, persons))
    if exact is not None:
        return exact
    place = municipality_token(municipality)
    sizes = [
        int(k.rsplit("|", 1)[1])
        for k in limits
        if k.rsplit("|", 1)[0] == place and not k.endswith("|0")
    ]
    further = limits.get(key(municipality, FURTHER_PERSON))
    if not sizes or further is None or persons < max(sizes):
        return None
    largest = max(sizes)
    return round(limits[key(place, largest)] + (persons - largest) * further, 2)


def within_limit(facts, limits, persons):
    """Whether a flat (its facts) suits a household of ``persons``: it takes
    that many people and its gross cold rent is within the limit."""
    gross = facts.get("gross_cold_rent")
    if gross is None or not facts.get("max_persons"):
        return False
    if persons > facts["max_persons"]:
        return False
    limit = rent_limit(limits, facts.get("municipality"), persons)
    return limit is not None and gross <= limit


def sizes_within_limit(facts, limits):
    """The household sizes for which the flat is within the limit."""
    largest = facts.get("max_persons") or 0
    return [n for n in range(1, largest + 1) if within_limit(facts, limits, n)]
