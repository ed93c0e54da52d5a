"""Example flats of the fictional district for the demo portal: every state,
several municipalities, a few above the rent limits. Names, numbers and
addresses are examples (example.org)."""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import timedelta
from integrationsportal.housing.flats import WORKFLOW
from integrationsportal.housing.form import housing_folder
from integrationsportal.housing.intake import create_flat
from integrationsportal.shared.municipalities import municipality_token
from plone import api


# (municipality, rooms, m², cold rent, utilities, persons, barrier-free,
#  offered days ago, [(transition, days after offer, household)], landlord)
FLATS = (
    ("Musterstadt", 2, 54, 390, 95, 2, False, 2, [], "Helga Beispiel"),
    ("Musterstadt", 3, 71, 520, 130, 4, True, 9, [("check", 2, "")], "Karl Muster"),
    (
        "Beispielheim",
        1,
        34,
        300,
        80,
        1,
        False,
        20,
        [("check", 3, "")],
        "Wohnbau Beispielheim eG",
    ),
    (
        "Neudorf am See",
        4,
        92,
        640,
        160,
        6,
        False,
        30,
        [("check", 4, ""), ("reserve", 10, "BG-2026-0031")],
        "Ulrike Seeblick",
    ),
    (
        "Lindenau",
        3,
        68,
        480,
        120,
        4,
        False,
        60,
        [("check", 2, ""), ("reserve", 8, "BG-2026-0017"), ("place", 21, "")],
        "Peter Linde",
    ),
    (
        "Kirchberg",
        2,
        58,
        360,
        90,
        3,
        True,
        75,
        [("check", 5, ""), ("place", 12, "BG-2026-0009")],
        "Gemeindewerke Kirchberg",
    ),
    (
        "Musterstadt",
        5,
        110,
        890,
        210,
        7,
        False,
        90,
        [("check", 3, ""), ("reserve", 20, "BG-2026-0004"), ("place", 34, "")],
        "Familie Großhaus",
    ),
    ("Waldhausen", 2, 49, 410, 100, 2, False, 40, [("withdraw", 6, "")], "Anna Wald"),
    (
        "Sonnenfeld",
        3,
        75,
        720,
        150,
        3,
        False,
        12,
        [("check", 1, "")],
        "Sonnenfeld Immobilien",
    ),
    ("Altenbrück", 1.5, 41, 320, 85, 2, True, 5, [], "Jonas Brück"),
)


def create_demo_flats():
    folder = housing_folder()
    if folder is None or folder.objectIds():
        return 0
    version = api.portal.get_registry_record(
        "integrationsportal.housing.privacy_version", default="1"
    )
    now = datetime.now().astimezone()
    for number, row in enumerate(FLATS, start=1):
        place, rooms, space, rent, utilities, persons, free = row[:7]
        days_ago, steps, landlord = row[7], row[8], row[9]
        offered = now - timedelta(days=days_ago)
        data = {
            "municipality": municipality_token(place),
            "postal_code": f"9{number:04d}",
            "street": f"Beispielweg {number}",
            "rooms": float(rooms),
            "living_space": float(space),
            "cold_rent": float(rent),
            "utilities": float(utilities),
            "heating_costs": 60.0 + 10 * rooms,
            "available_from": date.today() + timedelta(days=14 * (number % 4)),
            "max_persons": persons,
            "floor": number % 3,
            "lift": number % 4 == 0,
            "barrier_free": free,
            "furnished": number % 5 == 0,
            "pets": ("yes", "ask", "no")[number % 3],
            "landlord_name": landlord,
            "landlord_phone": f"+49 6381 5550{number:02d}",
            "landlord_email": f"vermieter{number}@example.org",
            "message": "Besichtigung nach Absprache.",
        }
        flat = create_flat(folder, data, offered, version)
        for transition, _after, household in steps:
            if household:
                flat.household_reference = household
            api.content.transition(obj=flat, transition=transition)
        # the demo's history: spread over the past weeks, as if lived
        history = list(flat.workflow_history[WORKFLOW])
        history[0] = {**history[0], "time": DateTime(offered.isoformat())}
        for index, (_t, after, _h) in enumerate(steps, start=1):
            when = offered + timedelta(days=after)
            history[index] = {**history[index], "time": DateTime(when.isoformat())}
        flat.workflow_history[WORKFLOW] = tuple(history)
        flat.reindexObject()
    return len(FLATS)
