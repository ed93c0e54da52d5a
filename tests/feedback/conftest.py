"""Fixtures of the feedback tests: a portal in the six languages of the
demo district, with a published offer in each, an organisation, a contact,
a process chain with a step, and the editorial staff (``site``)."""

from feedback_data import LANGUAGES
from feedback_data import OFFER_TITLES
from feedback_data import PASSWORD
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import transaction


@pytest.fixture
def site(functional_portal):
    from integrationsportal.site.groups import setup_groups
    from integrationsportal.site.groups import setup_languages

    portal = functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_languages(portal, "de", LANGUAGES)
        setup_groups(portal)
        for name, group in (
            ("redakteur", "editors"),
            ("pruefer", "reviewers"),
            ("leser", None),
        ):
            api.user.create(
                email=f"{name}@example.org", username=name, password=PASSWORD
            )
            if group:
                api.group.add_user(groupname=group, username=name)
        offers = {}
        for code in LANGUAGES:
            folder = create_published(portal[code], "Folder", title="Angebote")
            offers[code] = create_published(folder, "Offer", title=OFFER_TITLES[code])
        organisation = create_published(
            portal["de"], "Organisation", title="Jugendmigrationsdienst"
        )
        contact = create_published(portal["de"], "Contact", title="Frau Beispiel")
        chain = create_published(portal["de"], "ProcessChain", title="Weg in Arbeit")
        step = create_published(chain, "ProcessStep", title="Beratung")
    transaction.commit()
    return {
        "portal": portal,
        "offers": offers,
        "organisation": organisation,
        "contact": contact,
        "chain": chain,
        "step": step,
    }
