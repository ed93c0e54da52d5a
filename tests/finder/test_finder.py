"""The offer finder: every result satisfies every filter, every matching
published offer appears, facet counts are right, bad input never breaks it."""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import OfferFinder
from integrationsportal.finder.query import PAGE_SIZE
from integrationsportal.vocabularies import german_level_rank
from plone import api
from plone.app.testing import logout
from support import create_published
import pytest
import random


CATEGORIES = ["language", "counselling", "apprenticeship", "work", "internship"]
GROUPS = ["youth", "adults", "women"]
STATUSES = ["gestattung", "duldung", "aufenthaltserlaubnis"]
LEVELS = ["none", "A1", "A2", "B1", "B2", "C1"]
LANGUAGES = ["de", "ar", "fa", "uk"]
PLACES = ["musterstadt", "beispielheim", "lindenau"]
WORDS = ["Schweissen", "Pflege", "Kochkurs", "Werkstatt"]
OFFER_STATUSES = ["active", "active", "active", "booked", "paused", "ended"]


def random_offer(rng, number):
    age_min = rng.choice([None, None, 16, 18, 25])
    age_max = rng.choice([None, None, 27, 35, 64])
    if age_min is not None and age_max is not None and age_min > age_max:
        age_min, age_max = age_max, age_min
    return {
        "title": f"Angebot {number:03d}",
        "description": f"Ein Angebot mit {rng.choice(WORDS)}",
        "categories": rng.sample(CATEGORIES, rng.randint(1, 2)),
        "target_groups": rng.sample(GROUPS, rng.randint(0, 2)),
        "residence_status": rng.sample(STATUSES, rng.choice([0, 0, 1, 2])),
        "german_level": rng.choice(LEVELS),
        "languages": rng.sample(LANGUAGES, rng.randint(0, 2)),
        "municipality": rng.choice(PLACES),
        "age_min": age_min,
        "age_max": age_max,
        "cost": rng.choice(["free", "free", "fee"]),
        "barrier_free": rng.choice([True, False]),
        "offer_status": rng.choice(OFFER_STATUSES),
    }


@pytest.fixture
def offers(portal):
    """45 offers with random fields; about one in five stays private."""
    api.portal.set_registry_record(
        "integrationsportal.municipalities", ["Musterstadt", "Beispielheim", "Lindenau"]
    )
    rng = random.Random(20261124)
    created = []
    with api.env.adopt_roles(["Manager"]):
        folder = create_published(portal, "Folder", id="angebote", title="Angebote")
        for number in range(45):
            data = random_offer(rng, number)
            offer = api.content.create(folder, "Offer", **data)
            if rng.random() > 0.2:
                api.content.transition(offer, to_state="published")
            created.append(offer)
    logout()
    return created


def matches(offer, query):
    """The finder's documented semantics, applied to one offer object."""
    if api.content.get_state(offer) != "published" or offer.offer_status == "ended":
        return False
    for name, field in (
        ("category", "categories"),
        ("target_group", "target_groups"),
        ("language", "languages"),
    ):
        chosen = query.selected.get(name)
        if chosen and not set(chosen) & set(getattr(offer, field) or []):
            return False
    if query.selected.get("municipality") and (
        offer.municipality not in query.selected["municipality"]
    ):
        return False
    status = query.selected.get("residence_status")
    if status and offer.residence_status and status[0] not in offer.residence_status:
        return False
    level = query.selected.get("german_level")
    if level and german_level_rank(offer.german_level) > german_level_rank(level[0]):
        return False
    if "free" in query.flags and offer.cost != "free":
        return False
    if "barrier_free" in query.flags and not offer.barrier_free:
        return False
    if query.age is not None:
        if offer.age_min is not None and offer.age_min > query.age:
            return False
        if offer.age_max is not None and offer.age_max < query.age:
            return False
    if query.words:
        text = f"{offer.title} {offer.description}".lower()
        if not all(word.lower() in text for word in query.words):
            return False
    return True


def all_results(portal, query):
    """UIDs over all pages of the finder."""
    finder = OfferFinder(portal, query)
    uids, page = [], 1
    while True:
        query.page = page
        brains, total, page_number, pages = finder.results()
        uids.extend(brain.UID for brain in brains)
        assert len(brains) <= PAGE_SIZE
        if page_number >= pages:
            break
        page += 1
    assert len(uids) == total
    return uids


forms = st.fixed_dictionaries(
    {},
    optional={
        "category": st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=2),
        "target_group": st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2),
        "residence_status": st.sampled_from(STATUSES),
        "german_level": st.sampled_from(LEVELS),
        "language": st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2),
        "municipality": st.lists(st.sampled_from(PLACES), min_size=1, max_size=2),
        "free": st.just("1"),
        "barrier_free": st.just("1"),
        "age": st.integers(min_value=0, max_value=70).map(str),
        "q": st.sampled_from(WORDS),
    },
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(form=forms)
def test_results_are_exactly_the_matching_published_offers(portal, offers, form):
    query = FinderQuery.from_form(form)
    assert query.problems == []
    expected = {offer.UID() for offer in offers if matches(offer, query)}
    found = all_results(portal, query)
    assert len(found) == len(set(found)), "an offer appears twice"
    assert set(found) == expected


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(form=forms)
def test_facet_counts_are_what_a_choice_would_give(portal, offers, form):
    query = FinderQuery.from_form(form)
    facets = OfferFinder(portal, query).facets()
    for facet in facets:
        for option in facet["options"]:
            changed = dict(form)
            changed[facet["name"]] = option["value"]
            expected = {
                offer.UID()
                for offer in offers
                if matches(offer, FinderQuery.from_form(changed))
            }
            assert option["count"] == len(expected), (facet["name"], option["value"])


def test_private_offer_never_appears(portal, offers):
    private = [o for o in offers if api.content.get_state(o) != "published"]
    assert private, "the fixture leaves some offers private"
    found = set(all_results(portal, FinderQuery.from_form({})))
    assert not found & {o.UID() for o in private}
    with api.env.adopt_roles(["Manager"]):
        found_by_manager = set(all_results(portal, FinderQuery.from_form({})))
    assert not found_by_manager & {o.UID() for o in private}


def test_ended_offers_are_left_out(portal, offers):
    ended = {o.UID() for o in offers if o.offer_status == "ended"}
    assert ended
    assert not set(all_results(portal, FinderQuery.from_form({}))) & ended


@pytest.mark.parametrize(
    "form,parameter",
    [
        ({"category": "kochen"}, "category"),
        ({"german_level": "Z9"}, "german_level"),
        ({"age": "-5"}, "age"),
        ({"age": "1000"}, "age"),
        ({"age": "zwanzig"}, "age"),
        ({"page": "0"}, "page"),
        ({"page": "-3"}, "page"),
        ({"page": "9" * 30}, "page"),
        ({"free": "vielleicht"}, "free"),
        ({"residence_status": ["duldung", "gestattung"]}, "residence_status"),
        ({"bogus": "1"}, "bogus"),
    ],
)
def test_bad_input_becomes_a_problem_not_an_error(portal, form, parameter):
    query = FinderQuery.from_form(form)
    assert [p["parameter"] for p in query.problems] == [parameter]


def test_page_beyond_the_end_shows_the_last_page(portal, offers):
    query = FinderQuery.from_form({"page": "500"})
    brains, total, page, pages = OfferFinder(portal, query).results()
    assert page == pages
    assert brains
    assert any(p["parameter"] == "page" for p in query.problems)


def test_text_with_query_syntax_is_harmless(portal, offers):
    for text in ['"', "(", "AND", "not or", "*", "Pflege)(", "ÄÖÜ ß", "x" * 500]:
        query = FinderQuery.from_form({"q": text})
        OfferFinder(portal, query).results()  # no exception


def test_params_round_trip(portal):
    form = {
        "category": ["work", "language"],
        "german_level": "B1",
        "free": "1",
        "age": "19",
        "q": "Pflege",
    }
    query = FinderQuery.from_form(form)
    again = FinderQuery.from_form(
        {k: [v for kk, v in query.params() if kk == k] for k, _v in query.params()}
    )
    assert again.selected == query.selected
    assert again.flags == query.flags
    assert again.age == 19
    assert again.text == "Pflege"
