"""Fill a portal with a large, deterministic data set for the benchmark.
Run through zconsole (`make bench` does):

    zconsole run instance/zope.conf bench/generate.py [--offers 10000]
        [--contacts 1000] [--organisations 200] [--chains 100] [--site Plone]

Creates /de/lasttest with organisations, contact persons, offers and process
chains (8 steps each) spread over the district's municipalities, categories,
levels and languages; the same seed gives the same portal. Items are
published by setting the workflow state directly (the four-eyes review is
not what is measured). Prints its progress and the time it took; does
nothing if the folder exists.
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import date
from datetime import timedelta
from plone import api
from plone.base.interfaces import ILanguage
from plone.i18n.normalizer import IDNormalizer
from Products.CMFPlone.utils import _createObjectByType
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.intid.interfaces import IIntIds
import argparse
import random
import sys
import time
import transaction


FOLDER = "lasttest"
WORDS = [
    "Deutsch",
    "Beratung",
    "Kurs",
    "Ausbildung",
    "Arbeit",
    "Praktikum",
    "Anerkennung",
    "Familie",
    "Frauen",
    "Jugend",
    "Pflege",
    "Handwerk",
    "Gastronomie",
    "Logistik",
    "Einstieg",
    "Begleitung",
    "Sprache",
    "Beruf",
    "Zukunft",
    "Orientierung",
    "Bewerbung",
    "Mentoring",
    "Treffpunkt",
    "Werkstatt",
]
FIRST = [
    "Anna",
    "Ali",
    "Maria",
    "Omid",
    "Olena",
    "Ahmad",
    "Lena",
    "Yusuf",
    "Sara",
    "Karim",
    "Petra",
    "Hassan",
]
LAST = [
    "Müller",
    "Schmidt",
    "Rahimi",
    "Kowalenko",
    "Yilmaz",
    "Fischer",
    "Haddad",
    "Weber",
    "Wagner",
    "Becker",
]
KINDS = (
    "jobcenter",
    "employment_agency",
    "immigration_office",
    "education_provider",
    "counselling",
    "chamber",
    "employer",
    "volunteers",
)
LEVELS = ("none", "A1", "A2", "B1", "B2", "C1")
LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ps", "ti", "ru", "fr")
CATEGORIES = (
    "language",
    "counselling",
    "recognition",
    "qualification",
    "apprenticeship",
    "work",
    "internship",
    "housing",
    "childcare",
    "health",
    "mentoring",
    "meeting",
)
TARGETS = ("youth", "adults", "women", "parents", "academics", "skilled")
STATUSES = ("active",) * 8 + ("booked", "paused")


def script_arguments(argv):
    for index, arg in enumerate(argv):
        if arg.endswith("generate.py"):
            return argv[index + 1 :]
    return argv[1:]


class Publisher:
    """Set the published state without the review steps."""

    def __init__(self):
        self.wf_tool = api.portal.get_tool("portal_workflow")

    def __call__(self, obj):
        for wf in self.wf_tool.getWorkflowsFor(obj):
            if "published" not in wf.states:
                continue
            status = {
                "action": "publish",
                "actor": "bench",
                "comments": "",
                "review_state": "published",
                "time": obj.created(),
            }
            self.wf_tool.setStatusOf(wf.getId(), obj, status)
            wf.updateRoleMappingsFor(obj)
        obj.reindexObject()


def make(container, portal_type, id, **values):
    obj = _createObjectByType(portal_type, container, id)
    # German, as the folder it is in: the finder of /de shows German items
    ILanguage(obj).set_language("de")
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def main(app, argv):
    parser = argparse.ArgumentParser(prog="generate.py")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--offers", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--chains", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    site = app[args.site]
    setSite(site)
    newSecurityManager(None, app.acl_users.getUserById("admin") or site.getOwner())
    root = site["de"]
    if FOLDER in root.objectIds():
        print(f"/de/{FOLDER} exists: nothing generated.")
        return 0
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible data set
    publish = Publisher()
    intids = getUtility(IIntIds)
    places = list(api.portal.get_registry_record("integrationsportal.municipalities"))
    tokens = [IDNormalizer().normalize(p) for p in places]
    statuses = [
        term["token"]
        for term in api.portal.get_registry_record(
            "integrationsportal.vocabularies.residence_status"
        )
    ]
    started = time.monotonic()
    folder = make(root, "Folder", FOLDER, title="Lasttest")
    publish(folder)
    sections = {}
    for name, title in (
        ("akteure", "Akteure"),
        ("personen", "Ansprechpersonen"),
        ("angebote", "Angebote"),
        ("ketten", "Prozessketten"),
    ):
        sections[name] = make(folder, "Folder", name, title=title)
        publish(sections[name])
    transaction.commit()

    def progress(what, done, total):
        if done % 1000 == 0 or done == total:
            transaction.commit()
            print(
                f"  {what}: {done}/{total} ({time.monotonic() - started:.0f} s)",
                flush=True,
            )

    organisations = []
    for n in range(1, args.organisations + 1):
        place = rng.randrange(len(places))
        org = make(
            sections["akteure"],
            "Organisation",
            f"akteur-{n:04d}",
            title=f"{rng.choice(WORDS)}zentrum {places[place]} {n}",
            description=f"Beratung und Begleitung in {places[place]}.",
            kind=rng.choice(KINDS),
            municipality=tokens[place],
            city=places[place],
            street=f"Hauptstraße {n}",
            zip_code=f"9{n:04d}",
            phone=f"+49 6381 {100000 + n}",
            email=f"akteur{n}@example.org",
            last_verified=date(2026, 1, 1) + timedelta(days=rng.randrange(300)),
        )
        publish(org)
        organisations.append(org)
        progress("organisations", n, args.organisations)
    contacts = []
    for n in range(1, args.contacts + 1):
        org = rng.choice(organisations)
        contact = make(
            sections["personen"],
            "Contact",
            f"person-{n:05d}",
            title=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            position=f"Beratung {rng.choice(WORDS)}",
            organisation=RelationValue(intids.getId(org)),
            phone=f"+49 6381 {200000 + n}",
            email=f"person{n}@example.org",
            languages=rng.sample(LANGUAGES, 2),
        )
        publish(contact)
        contacts.append(contact)
        progress("contacts", n, args.contacts)
    offers = []
    for n in range(1, args.offers + 1):
        place = rng.randrange(len(places))
        categories = rng.sample(CATEGORIES, rng.choice((1, 1, 2)))
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(600))
        dated = rng.random() < 0.4
        offer = make(
            sections["angebote"],
            "Offer",
            f"angebot-{n:05d}",
            title=f"{rng.choice(WORDS)} und {rng.choice(WORDS)} {n}",
            description=f"Ein Angebot für {rng.choice(TARGETS)} in {places[place]}.",
            categories=categories,
            target_groups=rng.sample(TARGETS, 2),
            residence_status=rng.sample(statuses, rng.randrange(1, len(statuses))),
            german_level=rng.choice(LEVELS),
            languages=["de", *rng.sample(LANGUAGES[1:], rng.randrange(3))],
            municipality=tokens[place],
            online=rng.choice(("in_person", "online", "hybrid")),
            start=start if dated else None,
            end=start + timedelta(days=rng.randrange(30, 200)) if dated else None,
            cost=rng.choice(("free", "free", "fee")),
            barrier_free=rng.random() < 0.4,
            childcare=rng.random() < 0.2,
            offer_status=rng.choice(STATUSES),
            places=rng.choice((None, 8, 12, 16, 20, 25)),
            provider=RelationValue(intids.getId(rng.choice(organisations))),
            contacts=[RelationValue(intids.getId(rng.choice(contacts)))],
            last_verified=date(2025, 6, 1) + timedelta(days=rng.randrange(500)),
        )
        publish(offer)
        offers.append(offer)
        progress("offers", n, args.offers)
    for n in range(1, args.chains + 1):
        chain = make(
            sections["ketten"],
            "ProcessChain",
            f"kette-{n:03d}",
            title=f"Weg in {rng.choice(WORDS)} {n}",
        )
        publish(chain)
        phases = ("arrival", "benefits", "counselling", "language", "recognition",
                  "qualification", "placement", "work")  # fmt: skip
        for number, phase in enumerate(phases, start=1):
            step = make(
                chain,
                "ProcessStep",
                f"schritt-{number}",
                title=f"Schritt {number}: {rng.choice(WORDS)}",
                phase=phase,
                responsible_organisations=[
                    RelationValue(intids.getId(rng.choice(organisations)))
                ],
                contacts=[RelationValue(intids.getId(rng.choice(contacts)))],
                related_offers=[RelationValue(intids.getId(rng.choice(offers)))],
                duration=f"{rng.randrange(1, 12)} Wochen",
            )
            publish(step)
        if n % 25 == 0 or n == args.chains:
            transaction.commit()
            print(f"  chains: {n}/{args.chains} ({time.monotonic() - started:.0f} s)")
    transaction.commit()
    seconds = time.monotonic() - started
    total = args.organisations + args.contacts + args.offers + args.chains * 9
    print(f"GENERATED {total} items in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        status = main(zope_app, script_arguments(sys.argv))
    finally:
        transaction.abort()
        zope_app._p_jar.db().close()
    sys.exit(status)
