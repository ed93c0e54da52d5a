"""Plone's search page, as screen readers meet it: the search field has a
label, and the navigation between pages of results has a name in the
reader's language, distinct from the site's other navigation."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
import pytest
import re
import requests
import transaction


@pytest.mark.parametrize(
    ("language", "word", "name"),
    [("de", "Kursplan", "Seiten mit Ergebnissen"), ("ar", "دورة", "صفحات النتائج")],
)
def test_search_field_and_result_pages_are_named(
    ml_functional_portal, language, word, name
):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        for number in range(12):  # more than one page of results
            create_published(
                portal[language],
                "Document",
                title=f"{word} {number}",
            )
    transaction.commit()
    response = requests.get(
        f"{portal.absolute_url()}/{language}/@@search",
        params={"SearchableText": word},
        timeout=30,
    )
    assert response.status_code == 200
    field = re.search(r'<input class="searchPage form-control"[^>]*>', response.text)
    assert field and re.search(r'aria-label="[^"]+"', field.group(0)), field
    navigations = re.findall(r"<nav\b[^>]*>", response.text)
    pager = [nav for nav in navigations if "justify-content-center" in nav]
    assert pager == [
        f'<nav class="d-flex justify-content-center" aria-label="{name}">'
    ], navigations
