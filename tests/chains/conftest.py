"""Fixtures of the process chain tests: a functional portal (committed, for
tests over HTTP) with a process chain and the organisations, contacts and
offers its steps refer to; and one with language roots, a chain translated
into Arabic and one in German only."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
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


@pytest.fixture
def chains_in_languages(ml_functional_portal):
    """Chains under the language roots (German, English, Arabic, Farsi):
    "Geflüchtete in Arbeit" with its Arabic translation, whose step links a
    German organisation and contact (not translated) and an offer translated
    into Arabic; and "Neue Kette", in German only. {name: object}."""
    from plone.app.multilingual.interfaces import ITranslationManager

    portal = ml_functional_portal
    de, ar = portal["de"], portal["ar"]

    def translate(original, container, **fields):
        obj = api.content.create(container, original.portal_type, **fields)
        ITranslationManager(original).register_translation("ar", obj)
        api.content.transition(obj, to_state="published")
        return obj

    with api.env.adopt_user(SITE_OWNER_NAME):
        abh = create_published(
            de,
            "Organisation",
            id="abh",
            title="Ausländerbehörde",
            kind="auslaenderbehoerde",
        )
        feldmann = create_published(
            de, "Contact", id="feldmann", title="Markus Feldmann"
        )
        course = create_published(
            de, "Offer", id="kurs", title="Integrationskurs", categories=["language"]
        )
        course_ar = translate(
            course, ar, id="dawra", title="دورة الاندماج", categories=["language"]
        )
        folder = create_published(de, "Folder", id="prozessketten", title="Ketten")
        folder_ar = translate(folder, ar, id="salasil", title="سلاسل الخطوات")
        chain = create_published(
            folder,
            "ProcessChain",
            id="arbeit",
            title="Geflüchtete in Arbeit",
            goal="work",
            target_groups=["adults"],
            region="Musterkreis",
        )
        step = create_published(
            chain,
            "ProcessStep",
            id="sprache",
            title="Deutsch lernen",
            phase="language",
            responsible_organisations=[rel(abh)],
            contacts=[rel(feldmann)],
            related_offers=[rel(course)],
            duration="6 Monate",
            branches="Deutsch B1 erreicht => Die Agentur für Arbeit übernimmt",
        )
        chain_ar = translate(
            chain,
            folder_ar,
            id="amal",
            title="الطريق إلى العمل",
            goal="work",
            target_groups=["adults"],
            region="المنطقة",
        )
        step_ar = translate(
            step,
            chain_ar,
            id="lugha",
            title="تعلم اللغة",
            phase="language",
            responsible_organisations=[rel(abh)],
            contacts=[rel(feldmann)],
            related_offers=[rel(course)],
            duration="ستة أشهر",
            branches="مستوى ب1 => وكالة العمل تتابع معك",
        )
        new = create_published(
            folder,
            "ProcessChain",
            id="neu",
            title="Neue Kette",
            goal="recognition",
        )
        create_published(
            new, "ProcessStep", id="eins", title="Erster Schritt", phase="arrival"
        )
    transaction.commit()
    return {
        "portal": portal,
        "chain": chain,
        "chain_ar": chain_ar,
        "step_ar": step_ar,
        "new": new,
        "course": course,
        "course_ar": course_ar,
        "abh": abh,
        "feldmann": feldmann,
    }
