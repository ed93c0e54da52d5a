"""Only a real change of an original's text outdates its translations: a
save that changes nothing, or puts back the text a translation was made
from, leaves it current. Saved as editors save: through the edit form and
the REST API."""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from integrationsportal import translation
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from support import edit
from support import outdated_in_catalog
from support import OWNER
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import itertools
import lxml.html
import pytest
import requests
import transaction


TEXT = "<p>Jeden Dienstag.</p>\n<p>Bitte anmelden.</p>"
REGISTRATION = "Einstufungstest dienstags\nAusweis mitbringen"


@pytest.fixture
def offer(ml_functional_portal):
    """A German offer with multi-line text and its Arabic translation."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            ml_functional_portal["de"],
            "Offer",
            id="sprachcafe",
            title="Sprachcafé",
            description="Deutsch sprechen bei Kaffee",
            categories=["language"],
            text=RichTextValue(TEXT, "text/html", "text/x-html-safe"),
            registration=REGISTRATION,
        )
        arabic = ITranslationManager(original).add_translation("ar")
        arabic.title = "مقهى اللغة"
    transaction.commit()
    return original, arabic


def browser_form_data(html, changes):
    """What a browser with JavaScript sends for the edit form in ``html``:
    every field as shown (text areas with CRLF line ends, the chosen options
    of ordered selections as lists), with ``changes`` {widget: value}."""
    form = lxml.html.fromstring(html).get_element_by_id("form")
    data = []
    for name, value in form.form_values():
        if name.endswith(".to"):  # orderedselect_input.js copies these
            name = name[: -len(".to")] + ":list"
        if name in changes:
            value = changes[name]
        data.append((name, value.replace("\r\n", "\n").replace("\n", "\r\n")))
    data.append(("form.buttons.save", "Save"))
    return form.action, data


def save_form(obj, **changes):
    """Open the edit form of ``obj`` as a Manager and save it."""
    changes = {f"form.widgets.{name}": value for name, value in changes.items()}
    page = requests.get(f"{obj.absolute_url()}/@@edit", auth=OWNER, timeout=30)
    assert page.status_code == 200
    action, data = browser_form_data(page.text, changes)
    answer = requests.post(action, data=data, auth=OWNER, timeout=30)
    assert answer.status_code == 200
    assert answer.url == obj.absolute_url(), "the form was not saved"
    transaction.begin()  # see what the server wrote


def patch(obj, **values):
    answer = requests.patch(
        obj.absolute_url(),
        json=values,
        headers={"Accept": "application/json"},
        auth=OWNER,
        timeout=30,
    )
    assert answer.status_code == 204, answer.text
    transaction.begin()


def assert_status(arabic, expected):
    assert translation.status(arabic) == expected
    assert outdated_in_catalog(arabic) == (expected == translation.OUTDATED)


def test_saving_the_unchanged_form_keeps_translation_current(offer):
    original, arabic = offer
    save_form(original)
    save_form(original)
    assert_status(arabic, translation.CURRENT)
    assert translation.revision(original) == 0
    # the form did save: the same text, line ends and all
    assert original.registration.splitlines() == REGISTRATION.splitlines()


def test_change_and_change_back_through_the_form(offer):
    original, arabic = offer
    save_form(original, **{"IDublinCore.title": "Sprachcafé am Mittwoch"})
    assert_status(arabic, translation.OUTDATED)
    changed_on = translation.revision_date(original)
    assert changed_on is not None
    save_form(original, **{"IDublinCore.title": "Sprachcafé"})
    assert_status(arabic, translation.CURRENT)
    save_form(original, text="<p>Jeden Mittwoch.</p>")
    assert_status(arabic, translation.OUTDATED)
    save_form(original, text=TEXT)
    assert_status(arabic, translation.CURRENT)


def test_real_change_through_the_form_outdates(offer):
    original, arabic = offer
    save_form(original, registration="Einfach vorbeikommen")
    assert_status(arabic, translation.OUTDATED)
    # a translation made after the change is current; a no-op save of the
    # original afterwards keeps it so
    with api.env.adopt_user(SITE_OWNER_NAME):
        english = ITranslationManager(original).add_translation("en")
        english.title = "Language café"
    transaction.commit()
    save_form(original)
    assert_status(english, translation.CURRENT)
    assert_status(arabic, translation.OUTDATED)


def test_language_independent_change_through_the_form_keeps_current(offer):
    original, arabic = offer
    save_form(original, **{"categories:list": "meeting"})
    assert original.categories == ["meeting"]
    assert_status(arabic, translation.CURRENT)


def test_rest_patch_with_the_same_values_keeps_translation_current(offer):
    original, arabic = offer
    patch(
        original,
        title="Sprachcafé",
        description="Deutsch sprechen bei Kaffee",
        registration=REGISTRATION.replace("\n", "\r\n"),
        text={"data": TEXT, "content-type": "text/html"},
    )
    assert_status(arabic, translation.CURRENT)
    patch(original, title="Sprachcafé am Mittwoch")
    assert_status(arabic, translation.OUTDATED)
    patch(original, title="Sprachcafé")
    assert_status(arabic, translation.CURRENT)


# minor changes, and translations from before fingerprints -----------------


@pytest.fixture
def draft(ml_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            ml_portal["de"], "Offer", id="kurs", title="Kurs", categories=["work"]
        )
        arabic = ITranslationManager(original).add_translation("ar")
    return original, arabic


def test_minor_change_counts_as_the_text_before_it(draft):
    original, arabic = draft
    edit(original, minor=True, title="Kurs!")
    edit(original, title="Kurs!")  # saved again, unchanged
    assert translation.status(arabic) == translation.CURRENT
    edit(original, title="Neuer Kurs")
    assert translation.status(arabic) == translation.OUTDATED
    edit(original, title="Kurs!")  # back to the minor change of "Kurs"
    assert translation.status(arabic) == translation.CURRENT
    assert translation.revision(original) == 2


def test_translation_from_before_fingerprints_compares_revisions(draft):
    original, arabic = draft
    # as kept before: revisions only
    record = IAnnotations(arabic)[translation.KEY]
    del record["source_fingerprint"]
    del IAnnotations(original)[translation.KEY]["fingerprint"]
    record["source_revision"] = 0
    assert translation.status(arabic) == translation.CURRENT
    edit(original, title="Kurs")  # unknown before: counted as a change
    assert translation.status(arabic) == translation.OUTDATED
    edit(original, title="Kurs")  # known from now on
    assert translation.revision(original) == 1


# the rule, for any sequence of saves ----------------------------------------

FIELDS = ("title", "description", "registration")
VALUES = ("A", "B", "A\nB", "A\r\nB", " A ")
LANGUAGE_INDEPENDENT = (["language"], ["language", "meeting"])


def same_text(one, other):
    """As an editor sees it: line ends and surrounding space do not count."""
    return {
        name: "\n".join(value.strip().splitlines()) for name, value in one.items()
    } == {name: "\n".join(value.strip().splitlines()) for name, value in other.items()}


saves = st.lists(
    st.tuples(
        st.sampled_from(FIELDS),
        st.sampled_from(VALUES),
        st.sampled_from(LANGUAGE_INDEPENDENT),
    ),
    max_size=6,
)
numbers = itertools.count()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(saves=saves)
def test_translation_is_current_exactly_when_the_text_is_as_translated(
    ml_portal, saves
):
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = api.content.create(
            ml_portal["de"],
            "Offer",
            id=f"angebot-{next(numbers)}",
            title="A",
            categories=["language"],
        )
        arabic = ITranslationManager(original).add_translation("ar")
    translated = {name: translation.field_value(original, name) for name in FIELDS}
    for name, value, categories in saves:
        setattr(original, name, value)
        original.categories = categories
        notify(ObjectModifiedEvent(original, Attributes(None, name, "categories")))
        now = {name: translation.field_value(original, name) for name in FIELDS}
        expected = (
            translation.CURRENT if same_text(now, translated) else translation.OUTDATED
        )
        assert translation.status(arabic) == expected, (translated, now)
