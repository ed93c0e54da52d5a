"""Control panel "Vocabularies": a site manager edits each vocabulary of
``editable.py`` as a table, one row per term: its position, its token and its
title in every language of the portal.

A plain HTML form (no JavaScript), protected by plone.protect's
authenticator. z3c.form's multi and object widgets were the alternative: they
cannot reorder rows, name a row in their errors, or ask before a token that
content uses is removed, and collective.z3cform.datagridfield needs
JavaScript and a new dependency. Nothing is saved while any cell is wrong;
the table comes back with everything typed and each error names the
vocabulary, the row and the column.
"""

from integrationsportal import _
from integrationsportal.shared.request import last_value
from integrationsportal.vocabularies import editable
from integrationsportal.vocabularies.table import Cell
from integrationsportal.vocabularies.table import columns_for
from integrationsportal.vocabularies.table import EMPTY_ROWS
from integrationsportal.vocabularies.table import Row
from integrationsportal.vocabularies.table import validated_terms
from integrationsportal.vocabularies.usage import reindex_text
from integrationsportal.vocabularies.usage import usage
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from zope.schema.interfaces import ValidationError


@implementer(IPublishTraverse)
class VocabulariesControlPanel(BrowserView):
    """``@@vocabularies-controlpanel`` lists the vocabularies;
    ``@@vocabularies-controlpanel/<name>`` edits one."""

    name = None

    def publishTraverse(self, request, name):
        if self.name is None and name in editable.NAMES:
            self.name = name
            return self
        raise NotFound(name)

    def __call__(self):
        self.errors = []
        self.in_use = {}  # token -> number of items, when a removal needs confirming
        if self.name is None:
            return self.index()
        self.field = editable.field(self.name)
        stored = editable.get_terms(self.name)
        self.columns = columns_for(stored)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.rows = self.rows_from_form()
            if self.rows is None:  # the form's row count was tampered with
                self.errors.append(
                    self.t(_("The table was not sent whole; nothing is saved."))
                )
                self.request.response.setStatus(400)
                self.rows = self.rows_from_terms(stored)
            elif "form.buttons.more" in self.request.form:
                self.rows.extend(self.empty_rows(len(self.rows)))
            elif self.save(stored):  # "Save", or Enter in a cell
                return ""
        else:
            self.rows = self.rows_from_terms(stored)
        return self.index()

    # ------------------------------------------------------------ overview

    def vocabularies(self):
        return [
            {
                "title": editable.field(name).title,
                "description": editable.field(name).description,
                "count": len(editable.get_terms(name)),
                "url": f"{self.base_url()}/{name}",
            }
            for name in editable.NAMES
        ]

    def base_url(self):
        return f"{self.context.absolute_url()}/@@vocabularies-controlpanel"

    def form_url(self):
        return f"{self.base_url()}/{self.name}"

    # ------------------------------------------------------------ rows

    def empty_rows(self, after):
        return [Row(number=after + n + 1) for n in range(EMPTY_ROWS)]

    def rows_from_terms(self, terms):
        rows = [
            Row(
                number=index + 1,
                position=str(index + 1),
                token=term["token"],
                titles=dict(term["title"]),
            )
            for index, term in enumerate(terms)
        ]
        return rows + self.empty_rows(len(rows))

    def _value(self, name):
        return last_value(self.request.form.get(name)).strip()

    def rows_from_form(self):
        """The submitted rows; ``None`` when the form does not say how many
        rows it holds (0 to 1000), as the page always does."""
        raw = self._value("rows")
        if not raw.isdigit() or int(raw) > 1000:
            return None
        count = int(raw)
        rows = []
        for index in range(count):
            prefix = f"term-{index}"
            rows.append(
                Row(
                    number=index + 1,
                    position=self._value(f"{prefix}-position"),
                    token=self._value(f"{prefix}-token"),
                    titles={
                        column.code: self._value(f"{prefix}-title-{column.code}")
                        for column in self.columns
                    },
                    remove=bool(self._value(f"{prefix}-remove")),
                )
            )
        return rows

    def labels(self, row):
        """Labels of a row's position, token and remove cells."""
        mapping = {"row": row.number}
        return {
            "position": self.t(_("Row ${row}, position", mapping=mapping)),
            "token": self.t(_("Row ${row}, token", mapping=mapping)),
            "remove": self.t(_("Remove row ${row}", mapping=mapping)),
        }

    def cells(self, row):
        """The title cells of a row, named for the template."""
        index = row.number - 1
        return [
            Cell(
                name=f"term-{index}-title-{column.code}",
                value=row.titles.get(column.code, ""),
                label=self.t(
                    _(
                        "Row ${row}, title in ${language}",
                        mapping={"row": row.number, "language": column.name},
                    )
                ),
                lang=column.code,
                dir=column.direction,
                error=column.code in row.errors,
            )
            for column in self.columns
        ]

    # ------------------------------------------------------------ saving

    def t(self, message):
        return translate(message, context=self.request)

    def error(self, problem):
        self.errors.append(
            self.t(
                _(
                    "${vocabulary}, row ${row}, ${column}: ${problem}",
                    mapping={
                        "vocabulary": self.t(self.field.title),
                        "row": problem.row,
                        "column": self.t(problem.column),
                        "problem": self.t(problem.problem),
                    },
                )
            )
        )

    def save(self, stored):
        terms, problems = validated_terms(self.rows, self.columns)
        for problem in problems:
            self.error(problem)
        if terms == []:
            self.errors.append(
                self.t(
                    _(
                        "${vocabulary}: a vocabulary needs at least one term.",
                        mapping={"vocabulary": self.t(self.field.title)},
                    )
                )
            )
            terms = None
        if terms is not None:
            try:
                self.field.validate(terms)
            except ValidationError as error:
                self.errors.append(
                    f"{self.t(self.field.title)}: {error.doc() or error.args[0]}"
                )
                terms = None
        if terms is None:
            self.request.response.setStatus(400)
            return False
        new_tokens = [term["token"] for term in terms]
        gone = [term["token"] for term in stored if term["token"] not in new_tokens]
        in_use = {
            token: count
            for token, count in usage(editable.UTILITY_NAMES[self.name], gone).items()
            if count
        }
        confirmed = self.request.form.get("confirm", [])
        if isinstance(confirmed, str):
            confirmed = [confirmed]
        if not isinstance(confirmed, (list, tuple)):
            confirmed = []
        confirmed = {value for value in confirmed if isinstance(value, str)}
        if set(in_use) - confirmed:
            self.in_use = in_use
            self.request.response.setStatus(409)
            return False
        old_tokens = [term["token"] for term in stored]
        old_titles = {term["token"]: term["title"] for term in stored}
        retitled = [
            term["token"]
            for term in terms
            if term["token"] in old_titles
            and old_titles[term["token"]] != term["title"]
        ]
        editable.set_terms(self.name, terms)
        if retitled:
            reindex_text(editable.UTILITY_NAMES[self.name], retitled)
        if self.name == "german_levels" and old_tokens != new_tokens:
            reindex_level_ranks()
        api.portal.show_message(
            _("The vocabulary is saved."), request=self.request, type="info"
        )
        self.request.response.redirect(self.form_url())
        return True

    def in_use_list(self):
        return [
            {
                "token": token,
                "count": count,
                "text": self.t(
                    _(
                        "'${token}' is used by ${count} items. Remove it anyway.",
                        mapping={"token": token, "count": count},
                    )
                ),
            }
            for token, count in sorted(self.in_use.items())
        ]


def reindex_level_ranks():
    """Offers are found by the rank of their German level: a new order of
    the levels changes it."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Offer"):
        brain._unrestrictedGetObject().reindexObject(idxs=["german_level_rank"])
