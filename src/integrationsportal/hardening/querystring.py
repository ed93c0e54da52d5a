"""The querystring searches check their query before the catalog sees it.

plone.app.querystring trusts the shape of a query: a dict where a value
belongs, a criterion that is not an object, an operation that does not exist
or a sort index that is a list end in TypeError, KeyError or ValueError,
which the publisher answers with 500 (as anonymous too, for
``@querystring-search``). Here the services and ``@@getVocabulary`` are
registered again for the add-on's layer: they check the query first and
answer 400 naming what is wrong, then hand over to Plone's own code.
"""

from integrationsportal import _
from integrationsportal.hardening.guard import ClientError
from plone import api
from plone.app.content.browser.vocabulary import VocabularyView
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services.querystringsearch.get import QuerystringSearchGet
from plone.restapi.services.querystringsearch.get import QuerystringSearchPost
from urllib.parse import unquote
from zope.i18n import translate
import json
import math


MAX_CRITERIA = 30
MAX_VALUES = 500
MAX_NUMBER = 1_000_000
NUMBERS = ("b_start", "b_size", "limit")


def _problem(text, **mapping):
    raise ClientError(_(text, mapping=mapping))


def _is_number(value):
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _scalar(value):
    return isinstance(value, (str, bool)) or _is_number(value)


def check_criteria(criteria):
    """Refuse criteria that plone.app.querystring cannot work with."""
    if not isinstance(criteria, list) or not 0 < len(criteria) <= MAX_CRITERIA:
        _problem("The query must be a list of 1 to ${max} criteria.", max=MAX_CRITERIA)
    registry = api.portal.get_tool("portal_registry")
    for number, criterion in enumerate(criteria, start=1):
        if not isinstance(criterion, dict):
            _problem(
                "Criterion ${number} of the query is not an object.", number=number
            )
        index, operation = criterion.get("i"), criterion.get("o")
        if not isinstance(index, str) or not isinstance(operation, str):
            _problem(
                "Criterion ${number} of the query needs an index (i) and an "
                "operation (o), both text.",
                number=number,
            )
        operations = registry.get(f"plone.app.querystring.field.{index}.operations")
        if operations is None:
            _problem(
                "Criterion ${number} of the query names an index that cannot "
                "be searched.",
                number=number,
            )
        if operation not in operations:
            _problem(
                "Criterion ${number} of the query names an operation that "
                "index does not have.",
                number=number,
            )
        if "v" in criterion:
            value = criterion["v"]
            if isinstance(value, list):
                if len(value) > MAX_VALUES or not all(_scalar(v) for v in value):
                    _problem(
                        "The value of criterion ${number} must be text, a "
                        "number or a list of those.",
                        number=number,
                    )
            elif value is not None and not _scalar(value):
                _problem(
                    "The value of criterion ${number} must be text, a number "
                    "or a list of those.",
                    number=number,
                )


def check_sorting(data):
    sort_on = data.get("sort_on")
    if sort_on is not None:
        catalog = api.portal.get_tool("portal_catalog")
        if not isinstance(sort_on, str) or sort_on not in catalog.indexes():
            _problem("sort_on must name an index of the catalog.")
    sort_order = data.get("sort_order")
    if sort_order is not None and not isinstance(sort_order, str):
        _problem("sort_order must be text.")


def check_numbers(data):
    for name in NUMBERS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not (_is_number(value) and 0 <= value <= MAX_NUMBER):
            _problem(
                "${name} must be a whole number from 0 to ${max}.",
                name=name,
                max=MAX_NUMBER,
            )


def check_search_body(data):
    check_criteria(data.get("query"))
    check_sorting(data)
    check_numbers(data)


class CheckedQuerystringSearchPost(QuerystringSearchPost):
    def reply(self):
        try:
            data = json_body(self.request)
        except DeserializationError as error:
            raise ClientError(_("The request body is not valid JSON.")) from error
        check_search_body(data)
        return super().reply()


class CheckedQuerystringSearchGet(QuerystringSearchGet):
    def reply(self):
        raw = self.request.form.get("query", "{}")
        if not isinstance(raw, str):
            _problem("The parameter query must be JSON text.")
        try:
            data = json.loads(unquote(raw))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            _problem("The parameter query must be a JSON object.")
        check_search_body(data)
        return super().reply()


class CheckedVocabularyView(VocabularyView):
    """``@@getVocabulary`` (the widgets' search) with its query checked."""

    def __call__(self):
        try:
            self._check()
        except ClientError as error:
            response = self.request.response
            response.setStatus(400)
            response.setHeader("Content-Type", "application/json; charset=utf-8")
            return json.dumps({"error": translate(error.message, context=self.request)})
        return super().__call__()

    def _json_parameter(self, name):
        raw = self.request.form.get(name)
        if raw in (None, ""):
            return None
        if not isinstance(raw, str):
            _problem("The parameter ${name} must be JSON text.", name=name)
        try:
            return json.loads(raw)
        except ValueError:
            return raw  # plain text: a search word (query) or a list (attributes)

    def _check(self):
        query = self._json_parameter("query")
        if isinstance(query, dict):
            check_criteria(query.get("criteria"))
            check_sorting(query)
        elif query is not None and not isinstance(query, str):
            _problem("The parameter query must be text or a JSON object.")
        batch = self._json_parameter("batch")
        if batch is not None:
            if not isinstance(batch, dict):
                _problem("The parameter batch must be a JSON object.")
            for key in ("page", "size"):
                value = batch.get(key)
                if value is None:
                    continue
                if isinstance(value, str) and value.isdigit():
                    value = int(value)
                if not (_is_number(value) and 0 <= value <= MAX_NUMBER):
                    _problem(
                        "batch.${name} must be a whole number from 0 to ${max}.",
                        name=key,
                        max=MAX_NUMBER,
                    )
        attributes = self._json_parameter("attributes")
        if attributes is not None and not (
            isinstance(attributes, str)
            or (
                isinstance(attributes, list)
                and all(isinstance(a, str) for a in attributes)
            )
        ):
            _problem("The parameter attributes must be a list of names.")
