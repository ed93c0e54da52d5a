"""The Musterkreis demo portal: the content a visitor of the demo sees."""

from datetime import date
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import OfferFinder
from integrationsportal.shared.formatting import months_before
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import logout
from zope.component import getMultiAdapter
import os
import re


def unrestricted(portal, **query):
    catalog = api.portal.get_tool("portal_catalog")
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(**query)
    ]


def vocabulary_tokens(name):
    return {
        term["token"]
        for term in api.portal.get_registry_record(
            f"integrationsportal.vocabularies.{name}"
        )
    }


def test_demo_portal_content(make_portal, project_root):
    portal = make_portal(project_root / "profiles" / "musterkreis.toml")
    assert len(api.portal.get_registry_record("integrationsportal.municipalities")) >= 8

    by_type = {
        portal_type: unrestricted(portal, portal_type=portal_type, Language="de")
        for portal_type in (
            "Offer",
            "Organisation",
            "Contact",
            "GoodPractice",
            "ProcessChain",
        )
    }
    assert len(by_type["ProcessChain"]) == 2
    from io import BytesIO
    from pypdf import PdfReader

    try:
        import weasyprint  # noqa: F401

        pdf_output = True
    except (ImportError, OSError):  # no Pango here: the PDF test says so
        pdf_output = bool(os.environ.get("CI"))
    for chain in by_type["ProcessChain"] if pdf_output else ():  # one sheet each
        pdf = chain.restrictedTraverse("@@chain.pdf")()
        assert len(PdfReader(BytesIO(pdf)).pages) == 1, chain.absolute_url()
    for chain in by_type["ProcessChain"]:
        steps = chain.contentValues()
        assert len(steps) >= 8
        for step in steps:
            assert step.responsible_organisations, step.absolute_url()
            english = ITranslationManager(step).get_translation("en")
            assert english is not None
            # relations lead to the English organisations
            for relation in english.responsible_organisations:
                assert relation.to_object.Language() == "en"
    assert len(by_type["Organisation"]) == 15
    assert len(by_type["Contact"]) == 25
    assert len(by_type["Offer"]) == 40
    assert len(by_type["GoodPractice"]) >= 12

    offers = by_type["Offer"]
    assert set().union(*(o.categories for o in offers)) == vocabulary_tokens(
        "categories"
    )
    assert {o.german_level for o in offers} == vocabulary_tokens("german_levels")
    assert {o.offer_status for o in offers} == {"active", "booked", "paused", "ended"}
    private = [o for o in offers if api.content.get_state(o) == "private"]
    assert len(private) == 2
    cutoff = months_before(date.today(), 12)
    stale = [o for o in offers if o.last_verified is None or o.last_verified < cutoff]
    assert len(stale) >= 8

    contacts = by_type["Contact"]
    assert len([c for c in contacts if c.internal_phone or c.internal_notes]) >= 6
    for contact in contacts:
        assert contact.email is None or contact.email.endswith("@example.org")

    for example in by_type["GoodPractice"]:
        assert example.source and example.municipality

    # every published German item has an English translation
    for items in by_type.values():
        for obj in items:
            if api.content.get_state(obj) != "published":
                continue
            translation = ITranslationManager(obj).get_translation("en")
            assert translation is not None, obj.absolute_url()
            assert translation.portal_type == obj.portal_type

    # start page with its task tiles, ten offers and the accessibility pages
    # in every language
    for language in ("en", "ar", "fa", "uk", "tr"):
        root = portal[language]
        assert root.getLayout() == "start-page", language
        tiles = [obj for obj in root.objectValues() if obj.portal_type == "TaskTile"]
        assert len(tiles) >= 3, language
        translated = unrestricted(portal, portal_type="Offer", Language=language)
        assert len(translated) >= 10, language
        for offer in translated:
            original = ITranslationManager(offer).get_translation("de")
            assert offer.categories == original.categories
            assert offer.municipality == original.municipality
        for path in (
            "de/leichte-sprache",
            "de/gebaerdensprache",
            "de/barrierefreiheit",
        ):
            page = portal.unrestrictedTraverse(path)
            assert ITranslationManager(page).get_translation(language) is not None

    # every published page renders for a visitor, without staff-only fields
    internal = [c.internal_phone for c in contacts if c.internal_phone]
    logout()
    request = portal.REQUEST
    for items in by_type.values():
        for obj in items:
            if api.content.get_state(obj) != "published":
                continue
            html = getMultiAdapter((obj, request), name="view")()
            assert obj.Title() in html
            for phone in internal:
                assert phone not in html, obj.absolute_url()
            assert not re.search(r"<h2[^>]*>\s*</h2>", html)

    # every language root lists both chains, in its own language (no marker)
    for language in ("de", "en", "ar", "fa", "uk", "tr"):
        titles = {
            ITranslationManager(chain).get_translation(language).Title()
            for chain in by_type["ProcessChain"]
        }
        listing = portal[language].restrictedTraverse("@@process-chains")()
        found = set(re.findall(r'card-title"><a href="[^"]*"\s*>([^<]+)</a>', listing))
        assert found == titles, language
        assert "other-language" not in listing, language
        for chain in by_type["ProcessChain"]:
            translation = ITranslationManager(chain).get_translation(language)
            steps = translation.contentValues()
            assert len(steps) == len(chain.contentValues()), translation.absolute_url()
            # the section folder, in the navigation, shows the same list
            section = translation.__parent__
            assert section.getLayout() == "process-chains"
            assert api.content.get_state(section) == "published"

    # the finder on the German root lists the published offers that have not ended
    finder = OfferFinder(portal["de"], FinderQuery.from_form({}), language="de")
    _brains, total, _page, _pages = finder.results()
    visible = [
        o
        for o in offers
        if api.content.get_state(o) == "published" and o.offer_status != "ended"
    ]
    assert total == len(visible)


def test_demo_users_log_in_with_their_roles(make_portal, project_root):
    from integrationsportal.site.setuphandlers import DEMO_PASSWORD
    from integrationsportal.site.setuphandlers import DEMO_USERS

    portal = make_portal(project_root / "profiles" / "musterkreis.toml")
    acl = portal.acl_users
    for username, _fullname, group in DEMO_USERS:
        assert acl.authenticate(username, DEMO_PASSWORD, portal.REQUEST) is not None
        assert group in [g.getId() for g in api.group.get_groups(username=username)]
    # round tables: members find their minutes and tasks, others nothing
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(portal_type="RoundTable")) == 2
    with api.env.adopt_user(username="wohnungsteam"):
        titles = {b.Title for b in catalog(portal_type=["RoundTable", "Meeting"])}
    assert "Runder Tisch Arbeitsmarktintegration" in titles
    assert "Arbeitstisch Ausbildung" not in titles
    with api.env.adopt_user(username="pruefung"):
        assert len(catalog(portal_type=["RoundTable", "Meeting", "ActionItem"])) == 0
    reviewer = api.user.get(username="pruefung")
    assert "Reviewer" in api.user.get_roles(user=reviewer)
    translator = api.user.get(username="uebersetzung-ar")
    assert "Editor" in api.user.get_roles(user=translator, obj=portal["ar"])
    assert "Editor" not in api.user.get_roles(user=translator, obj=portal["de"])
