"""The table a site manager edits in Site Setup → Vocabularies: its columns
(one per language), rows and cells, and the check of a submitted table."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from integrationsportal import _
from integrationsportal.shared.languages import language as supported_language
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from integrationsportal.shared.languages import SUPPORTED_LANGUAGES
from integrationsportal.vocabularies import editable
from typing import NamedTuple
import re


# Empty rows under the terms, for new ones; "Add empty rows" adds as many.
EMPTY_ROWS = 3


@dataclass
class Column:
    """A title column: one language."""

    code: str
    name: str
    direction: str = "ltr"


@dataclass
class Cell:
    name: str  # the form field's name (and the input's id)
    value: str
    label: str
    lang: str
    dir: str
    error: bool = False


@dataclass
class Row:
    number: int  # 1, 2, … as shown
    position: str = ""
    token: str = ""
    titles: dict = dataclass_field(default_factory=dict)
    remove: bool = False
    errors: set = dataclass_field(default_factory=set)  # columns with an error

    def blank(self):
        return not (self.token or any(self.titles.values()))


def columns_for(terms):
    """The portal's languages, then any other language a title is stored in
    (so that saving the table keeps it)."""
    columns = [
        Column(lang.code, lang.native, lang.direction) for lang in SUPPORTED_LANGUAGES
    ]
    known = {column.code for column in columns}
    for term in terms:
        for code in term.get("title", {}):
            if code not in known:
                known.add(code)
                lang = supported_language(code)
                columns.append(Column(code, code, lang.direction if lang else "ltr"))
    return columns


class Problem(NamedTuple):
    """What is wrong in one cell: the row's number, the column's title and
    the problem (both messages to translate)."""

    row: int
    column: object
    problem: object


def validated_terms(rows, columns):
    """The terms of a submitted table in their new order, and the problems:
    ``(terms, [])``, or ``(None, [Problem, …])``; rows with a problem get
    its column in ``row.errors``."""
    problems = []

    def error(row, column, column_title, problem):
        row.errors.add(column)
        problems.append(Problem(row.number, column_title, problem))

    kept = []
    seen = {}
    source = next(c for c in columns if c.code == SOURCE_LANGUAGE)
    for index, row in enumerate(rows):
        if row.remove or row.blank():
            continue
        position = index + 1
        if row.position:
            try:
                position = int(row.position)
            except ValueError:
                error(
                    row,
                    "position",
                    _("Position"),
                    _(
                        "'${value}' is not a whole number.",
                        mapping={"value": row.position},
                    ),
                )
        token = row.token
        if not token:
            error(row, "token", _("Token"), _("a token is needed."))
        elif re.search(r"\s", token):
            error(
                row,
                "token",
                _("Token"),
                _(
                    "'${value}' contains spaces; a token is one word.",
                    mapping={"value": token},
                ),
            )
        elif (
            not re.match(editable.TOKEN_PATTERN, token)
            or len(token) > editable.TOKEN_MAX_LENGTH
        ):
            error(
                row,
                "token",
                _("Token"),
                _(
                    "'${value}' may hold only letters a–z, digits, '-', '_' "
                    "and '.' (at most ${length} characters).",
                    mapping={
                        "value": token,
                        "length": editable.TOKEN_MAX_LENGTH,
                    },
                ),
            )
        elif token in seen:
            error(
                row,
                "token",
                _("Token"),
                _(
                    "'${value}' is already the token of row ${other}.",
                    mapping={"value": token, "other": seen[token]},
                ),
            )
        else:
            seen[token] = row.number
        if not row.titles.get(SOURCE_LANGUAGE):
            error(
                row,
                SOURCE_LANGUAGE,
                _("Title in ${language}", mapping={"language": source.name}),
                _("the German title is needed."),
            )
        for column in columns:
            if len(row.titles.get(column.code, "")) > editable.TITLE_MAX_LENGTH:
                error(
                    row,
                    column.code,
                    _("Title in ${language}", mapping={"language": column.name}),
                    _(
                        "at most ${length} characters.",
                        mapping={"length": editable.TITLE_MAX_LENGTH},
                    ),
                )
        titles = {code: title for code, title in row.titles.items() if title}
        kept.append((position, index, {"token": token, "title": titles}))
    if problems:
        return None, problems
    return [term for _position, _index, term in sorted(kept, key=lambda k: k[:2])], []
