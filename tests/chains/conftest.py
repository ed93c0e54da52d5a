"""Fixtures of the process chain tests: a functional portal (committed, for
tests over HTTP) with a process chain and the organisations, contacts and
offers its steps refer to."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import rel
import pytest
import transaction


@pytest.fixture
def chain(functional_portal):
    """A published chain of three steps (the last with nobody responsible)
    and the organisations, contacts and offer its steps link; one contact
    stays unpublished. {name: object}, with the portal."""
    portal = functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = api.content.create(portal, "Folder", id="kreis", title="Kreis")
        jobcenter = api.content.create(
            folder,
            "Organisation",
            id="jobcenter",
            title="Jobcenter Musterkreis",
            kind="jobcenter",
        )
        abh = api.content.create(
            folder,
            "Organisation",
            id="abh",
            title="Ausländerbehörde",
            kind="auslaenderbehoerde",
        )
        feldmann = api.content.create(
            folder,
            "Contact",
            id="feldmann",
            title="Markus Feldmann",
            phone="+49 9999 1000-112",
        )
        draft_contact = api.content.create(
            folder, "Contact", id="entwurf", title="Noch Nicht Veröffentlicht"
        )
        course = api.content.create(
            folder,
            "Offer",
            id="kurs",
            title="Integrationskurs",
            categories=["language"],
        )
        chain = api.content.create(
            folder,
            "ProcessChain",
            id="arbeit",
            title="Geflüchtete in Arbeit",
            goal="work",
            target_groups=["adults"],
            region="Musterkreis",
        )
        api.content.create(
            chain,
            "ProcessStep",
            id="ankommen",
            title="Ankommen und anmelden",
            phase="arrival",
            responsible_organisations=[rel(abh)],
            contacts=[rel(feldmann)],
            prerequisites="Pass oder Ankunftsnachweis\nMeldebescheinigung",
            duration="1 Woche",
        )
        api.content.create(
            chain,
            "ProcessStep",
            id="sprache",
            title="Deutsch lernen",
            phase="language",
            responsible_organisations=[rel(jobcenter)],
            contacts=[rel(draft_contact)],
            related_offers=[rel(course)],
            branches="Deutsch B1 erreicht => Die Agentur für Arbeit übernimmt",
        )
        api.content.create(
            chain, "ProcessStep", id="offen", title="Arbeit finden", phase="work"
        )
        for obj in (
            folder,
            jobcenter,
            abh,
            feldmann,
            course,
            chain,
            *chain.objectValues(),
        ):
            api.content.transition(obj, to_state="published")
    transaction.commit()
    return {
        "portal": portal,
        "chain": chain,
        "feldmann": feldmann,
        "course": course,
        "jobcenter": jobcenter,
    }
