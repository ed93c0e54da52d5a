"""Fixtures of the finder tests: a functional portal (committed, for tests
over HTTP) with four published offers and a private draft. (The 45
random offers of the property tests are made in test_finder.py, next to the
field values its strategies draw from.)"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def offers_portal_url(functional_portal):
    """The address of a functional portal with published offers in
    /angebote (and a private draft); the municipalities Musterstadt
    and Lindenau."""
    portal = functional_portal
    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Musterstadt", "Lindenau"]
    )
    with api.env.adopt_user(SITE_OWNER_NAME):
        folder = create_published(portal, "Folder", id="angebote", title="Angebote")
        create_published(
            folder,
            "Organisation",
            title="Jugendmigrationsdienst",
            kind="migrationsberatung",
        )
        specs = [
            (
                "Ausbildung Metall",
                ["apprenticeship"],
                "A2",
                "musterstadt",
                16,
                27,
                "free",
            ),
            ("Pflegehelfer Kurs", ["qualification"], "B1", "lindenau", 18, None, "fee"),
            (
                "Sprachcafé",
                ["language", "meeting"],
                "none",
                "musterstadt",
                None,
                None,
                "free",
            ),
            (
                "Beratung für junge Menschen",
                ["counselling"],
                "none",
                "lindenau",
                12,
                27,
                "free",
            ),
        ]
        for title, categories, level, place, age_min, age_max, cost in specs:
            create_published(
                folder,
                "Offer",
                title=title,
                categories=categories,
                german_level=level,
                municipality=place,
                age_min=age_min,
                age_max=age_max,
                cost=cost,
                description=f"{title} im Musterkreis",
            )
        hidden = api.content.create(
            folder, "Offer", title="Geheimer Entwurf", categories=["apprenticeship"]
        )
        assert api.content.get_state(hidden) == "private"
    transaction.commit()
    return portal.absolute_url()
