"""The control panel "Vocabularies" over HTTP, as a site manager uses it:
a table per vocabulary, one row per term."""

from integrationsportal.vocabularies import editable
from zope.component import getUtility
from zope.globalrequest import setRequest
from zope.schema.interfaces import IVocabularyFactory
import html
import pytest
import re
import requests
import transaction


def panel_url(portal, name=""):
    url = portal.absolute_url() + "/@@vocabularies-controlpanel"
    return f"{url}/{name}" if name else url


def form_of(text):
    """What the browser would send for the form as shown: every input's
    value (checkboxes only when ticked)."""
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", text):
        attributes = dict(re.findall(r'(\w[\w:.-]*)="([^"]*)"', tag))
        name = attributes.get("name")
        if not name or name.startswith("confirm"):
            continue
        if attributes.get("type") == "checkbox" and "checked" not in attributes:
            continue
        data[name] = html.unescape(attributes.get("value", ""))
    return data


def row_of(data, token):
    for name, value in data.items():
        if name.endswith("-token") and value == token:
            return name[: -len("-token")]
    raise AssertionError(token)


@pytest.fixture
def manager(credentials):
    session = requests.Session()
    session.auth = credentials["verwaltung"]
    return session


def open_form(session, portal, name):
    page = session.get(panel_url(portal, name), timeout=30)
    assert page.status_code == 200
    return form_of(page.text)


def save(session, portal, name, data, **extra):
    return session.post(
        panel_url(portal, name),
        data={**data, "form.buttons.save": "save", **extra},
        timeout=30,
    )


def see_commits(portal):
    """See what the server committed (the server's database object is not
    this connection's, so nothing tells it that its cache is stale)."""
    transaction.abort()
    portal._p_jar.cacheMinimize()


def shown(session, portal, name):
    """The table as the control panel shows it."""
    data = open_form(session, portal, name)
    del data["_authenticator"]
    return data


def tokens_shown(session, portal, name):
    """The tokens as the control panel shows them, in their order."""
    data = open_form(session, portal, name)
    rows = int(data["rows"])
    return [data[f"term-{i}-token"] for i in range(rows) if data[f"term-{i}-token"]]


def titles_in(portal, http_request, utility, language):
    see_commits(portal)
    http_request["LANGUAGE"] = language
    http_request.other.pop("LANGUAGE_TOOL", None)
    setRequest(http_request)
    terms = getUtility(IVocabularyFactory, utility)(portal)
    return {term.value: term.title for term in terms}


def test_site_setup_lists_the_panel(panel_portal, manager):
    overview = manager.get(
        panel_portal.absolute_url() + "/@@overview-controlpanel", timeout=30
    )
    assert "@@vocabularies-controlpanel" in overview.text
    page = manager.get(panel_url(panel_portal), timeout=30)
    assert page.status_code == 200
    for name in editable.NAMES:
        assert panel_url(panel_portal, name) in page.text


@pytest.mark.parametrize("login", [None, "redakteur"])
def test_anonymous_and_editors_cannot_reach_the_panel(
    panel_portal, manager, credentials, login
):
    auth = credentials[login] if login else None
    for name in ("", "categories"):
        url = panel_url(panel_portal, name)
        page = requests.get(url, auth=auth, timeout=30)
        # Plone answers with its login form, or says the rights are missing
        assert re.search(r"/(login|require_login|insufficient-privileges)", page.url)
        assert 'name="rows"' not in page.text
    before = shown(manager, panel_portal, "categories")
    refused = requests.post(
        panel_url(panel_portal, "categories"),
        data={"rows": "1", "term-0-token": "x", "term-0-title-de": "X"},
        auth=auth,
        timeout=30,
    )
    assert 'name="rows"' not in refused.text
    assert shown(manager, panel_portal, "categories") == before


def test_the_table_shows_every_language_accessibly(panel_portal, manager):
    text = manager.get(panel_url(panel_portal, "categories"), timeout=30).text
    assert 'value="تعلم اللغة الألمانية"' in text
    arabic = re.search(r'<input[^>]*name="term-0-title-ar"[^>]*>', text).group(0)
    assert 'lang="ar"' in arabic
    assert 'dir="rtl"' in arabic
    farsi = re.search(r'<input[^>]*name="term-0-title-fa"[^>]*>', text).group(0)
    assert 'dir="rtl"' in farsi
    # every input has a label of its own
    for input_id in re.findall(r'<input[^>]*\bid="([^"]+)"', text):
        assert f'for="{input_id}"' in text, input_id


def test_edit_an_arabic_title(panel_portal, manager, http_request):
    data = open_form(manager, panel_portal, "categories")
    row = row_of(data, "work")
    data[f"{row}-title-ar"] = "عمل ووظائف"
    answer = save(manager, panel_portal, "categories", data)
    assert answer.status_code == 200
    assert "عمل ووظائف" in answer.text
    titles = titles_in(
        panel_portal, http_request, "integrationsportal.OfferCategories", "ar"
    )
    assert titles["work"] == "عمل ووظائف"
    # nothing else changed
    assert tokens_shown(manager, panel_portal, "categories")[:3] == [
        "language",
        "counselling",
        "recognition",
    ]


def test_add_reorder_and_remove(panel_portal, manager, http_request):
    data = open_form(manager, panel_portal, "funding")
    count = len(tokens_shown(manager, panel_portal, "funding"))
    # a new term in the first empty row, placed first
    data[f"term-{count}-position"] = "0"
    data[f"term-{count}-token"] = "stiftung"
    data[f"term-{count}-title-de"] = "Gefördert von einer Stiftung"
    data[f"term-{count}-title-en"] = "Funded by a foundation"
    # the last term moves to second place
    data[row_of(data, "spenden") + "-position"] = "1"
    # an unused term goes
    data[row_of(data, "esf") + "-remove"] = "1"
    answer = save(manager, panel_portal, "funding", data)
    assert answer.status_code == 200
    tokens = tokens_shown(manager, panel_portal, "funding")
    assert tokens[:3] == ["stiftung", "bildungsgutschein", "spenden"]
    assert "esf" not in tokens
    assert len(tokens) == count
    titles = titles_in(panel_portal, http_request, "integrationsportal.Funding", "fa")
    assert titles["stiftung"] == "Funded by a foundation"  # English for Farsi
    assert list(titles)[:3] == tokens[:3]


def test_more_rows_keep_the_input(panel_portal, manager):
    data = open_form(manager, panel_portal, "chain_phases")
    data[row_of(data, "arrival") + "-title-de"] = "Ankommen im Kreis"
    answer = manager.post(
        panel_url(panel_portal, "chain_phases"),
        data={**data, "form.buttons.more": "more"},
        timeout=30,
    )
    more = form_of(answer.text)
    assert int(more["rows"]) == int(data["rows"]) + 3
    assert "Ankommen im Kreis" in more.values()
    assert shown(manager, panel_portal, "chain_phases")["term-0-title-de"] == "Ankommen"


@pytest.mark.parametrize(
    "change,message",
    [
        ({"-token": "counselling"}, "is already the token of row 2"),
        ({"-token": ""}, "a token is needed"),
        ({"-token": "zwei Wörter"}, "contains spaces"),
        ({"-title-de": ""}, "the German title is needed"),
        ({"-position": "erste"}, "is not a whole number"),
    ],
)
def test_an_invalid_table_names_vocabulary_row_and_column(
    panel_portal, manager, change, message
):
    before = shown(manager, panel_portal, "categories")
    data = open_form(manager, panel_portal, "categories")
    row = row_of(data, "recognition")  # row 3
    data[f"{row}-title-en"] = "Recognition of degrees"  # typed, kept
    for suffix, value in change.items():
        data[row + suffix] = value
    answer = save(manager, panel_portal, "categories", data)
    assert answer.status_code == 400
    errors = html.unescape(answer.text)
    assert "Offer categories, row 3, " in errors
    assert message in errors
    kept = form_of(answer.text)
    assert kept[f"{row}-title-en"] == "Recognition of degrees"
    for suffix, value in change.items():
        assert kept[row + suffix] == value
    assert shown(manager, panel_portal, "categories") == before


def test_a_used_token_is_removed_only_when_confirmed(panel_portal, manager):
    data = open_form(manager, panel_portal, "categories")
    data[row_of(data, "work") + "-remove"] = "1"
    refused = save(manager, panel_portal, "categories", data)
    assert refused.status_code == 409
    assert "'work' is used by 2 items" in html.unescape(refused.text)
    assert "work" in tokens_shown(manager, panel_portal, "categories")
    # renaming a used token is a removal too
    renamed = dict(data)
    del renamed[row_of(data, "work") + "-remove"]
    renamed[row_of(data, "work") + "-token"] = "arbeit"
    assert save(manager, panel_portal, "categories", renamed).status_code == 409
    # the warning keeps the input; confirming removes
    kept = form_of(refused.text)
    assert kept[row_of(data, "work") + "-remove"] == "1"
    confirmed = save(
        manager, panel_portal, "categories", kept, **{"confirm:list": "work"}
    )
    assert confirmed.status_code == 200
    assert "work" not in tokens_shown(manager, panel_portal, "categories")


@pytest.mark.parametrize(
    "name,token",
    [
        ("categories", "work"),  # a field with a catalog index of its name
        ("funding", "bamf"),  # a field without: read from the items
    ],
)
def test_usage_is_counted_for_every_field(panel_portal, manager, name, token):
    data = open_form(manager, panel_portal, name)
    data[row_of(data, token) + "-remove"] = "1"
    refused = save(manager, panel_portal, name, data)
    assert refused.status_code == 409
    assert f"'{token}' is used by 2 items" in html.unescape(refused.text)


def test_the_form_needs_the_authenticator(panel_portal, manager):
    before = shown(manager, panel_portal, "categories")
    data = open_form(manager, panel_portal, "categories")
    del data["_authenticator"]
    data[row_of(data, "work") + "-title-de"] = "Erwerbsarbeit"
    answer = save(manager, panel_portal, "categories", data)
    assert answer.status_code == 403
    assert shown(manager, panel_portal, "categories") == before


SCRIPT = '<script>alert("x")</script>'


@pytest.mark.parametrize(
    "changes",
    [
        {"term-0-token": SCRIPT},
        {"term-0-title-ar": SCRIPT, "term-0-title-de": "x" * 5000},
        {"term-0-position": "9" * 40},
        {"rows": "-1"},
        {"rows": "1e9"},
        {"rows": "100000"},
        {"confirm.x:record": "work", "term-5-remove": "1"},
        {"term-0-token:list": ["a", "b"]},
    ],
)
def test_hostile_input_gets_an_answer_not_an_error(panel_portal, manager, changes):
    data = open_form(manager, panel_portal, "categories")
    for name, value in changes.items():
        data.pop(name.split(":")[0], None)
        data[name] = value
    answer = save(manager, panel_portal, "categories", data)
    assert answer.status_code < 500
    assert SCRIPT not in answer.text
    assert "Traceback" not in answer.text


@pytest.mark.parametrize("path", ["no-such-vocabulary", "categories/more"])
def test_unknown_vocabularies_are_not_found(panel_portal, manager, path):
    assert manager.get(panel_url(panel_portal, path), timeout=30).status_code == 404


def test_a_new_title_is_found_in_full_text_search(panel_portal, manager):
    """The offers of a category are found by its title: after the title is
    changed, they are found by the new one (and no longer by the old)."""

    def found(words):
        see_commits(panel_portal)
        catalog = panel_portal.portal_catalog
        return {
            b.getId for b in catalog.unrestrictedSearchResults(SearchableText=words)
        }

    def rename(title):
        data = open_form(manager, panel_portal, "categories")
        data[row_of(data, "work") + "-title-de"] = title
        assert save(manager, panel_portal, "categories", data).status_code == 200

    assert found("Arbeit") == {"kurs-0", "kurs-1"}
    assert found("Broterwerb") == set()
    rename("Broterwerb")
    assert found("Broterwerb") == {"kurs-0", "kurs-1"}
    # (the search glossary keeps "Arbeit" meeting the category's other
    # languages, so the old title is checked after a second change)
    rename("Erwerbsleben")
    assert found("Erwerbsleben") == {"kurs-0", "kurs-1"}
    assert found("Broterwerb") == set()


@pytest.mark.parametrize("rows", ["", "-1", "1e9", "1001", "zwei"])
def test_a_tampered_row_count_saves_nothing(panel_portal, manager, rows):
    """A form that does not say how many rows it holds could otherwise drop
    every term no item uses: it is refused, and the table stays."""
    before = shown(manager, panel_portal, "categories")
    data = open_form(manager, panel_portal, "categories")
    data["rows"] = rows
    answer = save(manager, panel_portal, "categories", data)
    assert answer.status_code == 400
    assert "The table was not sent whole" in html.unescape(answer.text)
    assert shown(manager, panel_portal, "categories") == before


def test_a_vocabulary_keeps_at_least_one_term(panel_portal, manager):
    before = shown(manager, panel_portal, "funding")
    data = open_form(manager, panel_portal, "funding")
    for name in [name for name in data if name.endswith("-token")]:
        data[name.replace("-token", "-remove")] = "1"
    answer = save(manager, panel_portal, "funding", data, **{"confirm:list": "bamf"})
    assert answer.status_code == 400
    assert "needs at least one term" in html.unescape(answer.text)
    assert shown(manager, panel_portal, "funding") == before
