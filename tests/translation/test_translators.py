"""Translators: one group per language; they translate and submit in their
language root only and cannot publish."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import requests
import transaction


PASSWORD = "translate-it-2026"


@pytest.fixture
def translator(ml_portal):
    api.user.create(email="t@example.org", username="amal", password=PASSWORD)
    api.group.add_user(groupname="translators-ar", username="amal")
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = create_published(
            ml_portal["de"], "Document", id="info", title="Information"
        )
        arabic = ITranslationManager(original).add_translation("ar")
        arabic.title = "معلومات"
        farsi = ITranslationManager(original).add_translation("fa")
    return api.user.get(username="amal"), original, arabic, farsi


def test_groups_per_language(ml_portal):
    assert api.group.get(groupname="translators-ar") is not None
    assert api.group.get(groupname="translators-fa") is not None
    assert api.group.get(groupname="translators-de") is None  # the default


def test_translator_works_in_own_language_only(translator, ml_portal):
    user, original, arabic, farsi = translator
    with api.env.adopt_user(user=user):
        assert api.user.has_permission("Add portal content", obj=ml_portal["ar"])
        assert api.user.has_permission("Modify portal content", obj=arabic)
        assert not api.user.has_permission("Add portal content", obj=ml_portal["fa"])
        assert not api.user.has_permission("Modify portal content", obj=farsi)
        assert not api.user.has_permission("Modify portal content", obj=original)
        assert not api.user.has_permission("Add portal content", obj=ml_portal["de"])


def test_translator_submits_but_cannot_publish(translator):
    user, _original, arabic, _farsi = translator
    with api.env.adopt_user(user=user):
        with pytest.raises(api.exc.InvalidParameterError):
            api.content.transition(arabic, transition="publish")
        api.content.transition(arabic, transition="submit")
        assert api.content.get_state(arabic) == "pending"
        with pytest.raises(api.exc.InvalidParameterError):
            api.content.transition(arabic, transition="publish")
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(arabic, transition="publish")
    assert api.content.get_state(arabic) == "published"


def test_translator_opens_the_translation_form(ml_functional_portal):
    portal = ml_functional_portal
    api.user.create(email="t@example.org", username="amal", password=PASSWORD)
    api.group.add_user(groupname="translators-ar", username="amal")
    with api.env.adopt_user(SITE_OWNER_NAME):
        original = create_published(portal["de"], "Document", id="x", title="X")
    transaction.commit()
    auth = ("amal", PASSWORD)
    form = requests.get(
        f"{portal.absolute_url()}/ar/++addtranslation++{original.UID()}",
        auth=auth,
        timeout=30,
    )
    assert form.status_code == 200
    assert 'name="form.widgets.IDublinCore.title"' in form.text
    refused = requests.get(
        f"{portal.absolute_url()}/fa/++addtranslation++{original.UID()}",
        auth=auth,
        allow_redirects=False,
        timeout=30,
    )
    assert refused.status_code in (302, 401, 403)
