"""The finder's request parameters, read and checked: a request becomes a
``FinderQuery`` of known filters with checked values, and a list of problems
for everything that could not be used (unknown values, junk numbers). The
page shows the problems and ignores those values; the REST service answers
400 with them. A ``FinderQuery`` also writes itself back as URL parameters.
"""

from dataclasses import dataclass
from dataclasses import field
from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.facets import FACETS_BY_NAME
from integrationsportal.finder.facets import FLAGS
from integrationsportal.places.gazetteer import find_place
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.request import last_value
import re
import unicodedata


MAX_AGE = 120
MAX_WORDS = 10
MAX_RADIUS_KM = 200
PARAMETERS = tuple(FACETS_BY_NAME) + ("age", "q", "page", "near", "radius")
# Parameters that Plone itself or REST clients add; the finder ignores them.
IGNORED_PARAMETERS = {"set_language", "expand", "ajax_load", "ajax_include_head"}
TRUE_VALUES = {"1", "true", "on", "yes"}


@dataclass
class FinderQuery:
    selected: dict = field(default_factory=dict)  # facet name -> tuple of tokens
    flags: set = field(default_factory=set)
    age: int | None = None
    text: str = ""
    words: tuple = ()
    page: int = 1
    near: object = None  # places.gazetteer.Place: a municipality or postal code
    radius: float | None = None  # km around ``near``
    problems: list = field(default_factory=list)

    @classmethod
    def from_form(cls, form, context=None):
        """Read request parameters (a dict whose values are str or lists)."""
        query = cls()
        for facet in FACETS:
            values = _values(form.get(facet.name))
            if not values:
                continue
            terms = vocabulary(facet.vocabulary, context)
            good = []
            for value in values:
                if value in terms:
                    if value not in good:
                        good.append(value)
                else:
                    query.problem(facet.name, value, "is not a known value")
            if good and not facet.multiple:
                if len(good) > 1:
                    query.problem(facet.name, ", ".join(good), "takes one value only")
                good = good[-1:]
            if good:
                query.selected[facet.name] = tuple(good)
        for flag in FLAGS:
            values = _values(form.get(flag.name))
            if not values:
                continue
            if values[-1].lower() in TRUE_VALUES:
                query.flags.add(flag.name)
            elif values[-1].lower() not in {"0", "false", "off", "no", ""}:
                query.problem(flag.name, values[-1], "must be 1 or 0")
        age = last_value(form.get("age"))
        if age not in (None, ""):
            number = _integer(age)
            if number is None or not 0 <= number <= MAX_AGE:
                query.problem("age", age, f"must be a whole number from 0 to {MAX_AGE}")
            else:
                query.age = number
        text = last_value(form.get("q")) or ""
        # control characters (a line break, a bell) are never words: a space
        text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
        query.text = " ".join(text.split())[:200]
        query.words = text_words(query.text)
        query.read_near(form)
        page = last_value(form.get("page"))
        if page not in (None, ""):
            number = _integer(page)
            if number is None or number < 1:
                query.problem("page", page, "must be a whole number from 1")
            else:
                query.page = number
        for name in form:
            if name in IGNORED_PARAMETERS or name.startswith(("-", "_")):
                continue
            if name not in PARAMETERS:
                query.problem(name, last_value(form.get(name)), "is not a parameter")
        return query

    def read_near(self, form):
        """``near`` (a postal code or a municipality's token) and ``radius``
        (km, 1 to 200, decimals with a point or a comma). Each names one
        thing: two different values are a problem, not the last one."""
        near = self.one_value(form, "near")
        if near:
            place = find_place(near)
            if place is None:
                self.problem(
                    "near", near, "is not a postal code or municipality of the district"
                )
            else:
                self.near = place
        radius = self.one_value(form, "radius")
        if not radius:
            return
        number = _kilometres(radius)
        if number is None or not 1 <= number <= MAX_RADIUS_KM:
            self.problem(
                "radius",
                radius,
                f"must be a number of kilometres from 1 to {MAX_RADIUS_KM}",
            )
        elif near == "":
            self.problem("radius", radius, "needs near: a postal code or municipality")
        elif self.near is not None:
            self.radius = number

    def one_value(self, form, name):
        """The value of a parameter that takes one: "" if there is none,
        None (and a problem) if it came with different values."""
        raw = form.get(name)
        values = raw if isinstance(raw, (list, tuple)) else [raw]
        given = []
        for value in values:
            value = "" if value is None else str(value).strip()
            if value and value not in given:
                given.append(value)
        if len(given) > 1:
            self.problem(name, ", ".join(given), "takes one value only")
            return None
        return given[0] if given else ""

    def problem(self, name, value, message):
        self.problems.append(
            {"parameter": name, "value": str(value)[:100], "message": message}
        )

    def params(self, **changes):
        """This query as URL parameters (a list of pairs), with changes."""
        selected = dict(self.selected)
        flags = set(self.flags)
        age, text, page = self.age, self.text, None
        near, radius = self.near, self.radius
        for name, value in changes.items():
            if name in FACETS_BY_NAME and FACETS_BY_NAME[name] in FLAGS:
                flags.discard(name)
                if value:
                    flags.add(name)
            elif name in FACETS_BY_NAME:
                selected.pop(name, None)
                if value:
                    selected[name] = tuple(value)
            elif name == "age":
                age = value
            elif name == "q":
                text = value
            elif name == "page":
                page = value
            elif name == "near":
                near = value
                radius = radius if value else None
            elif name == "radius":
                radius = value
        pairs = []
        for facet in FACETS:
            for token in selected.get(facet.name, ()):
                pairs.append((facet.name, token))
        for flag in FLAGS:
            if flag.name in flags:
                pairs.append((flag.name, "1"))
        if age is not None:
            pairs.append(("age", str(age)))
        if text:
            pairs.append(("q", text))
        if near is not None:
            pairs.append(("near", near.token))
            if radius:
                pairs.append(("radius", f"{radius:g}"))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    @property
    def is_empty(self):
        return not (
            self.selected
            or self.flags
            or self.age is not None
            or self.words
            or self.near is not None
        )


def _values(raw):
    if raw is None:
        return []
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    result = []
    for value in values:
        if isinstance(value, str):
            result.extend(part.strip() for part in value.split(",") if part.strip())
    return result[:50]


def _integer(value):
    if not isinstance(value, str) or not re.fullmatch(r"\s*\d{1,9}\s*", value):
        return None
    return int(value)


def _kilometres(value):
    """A distance as typed: "10", "2.5" or "2,5"; None if it is none."""
    if not isinstance(value, str) or not re.fullmatch(
        r"\s*\d{1,4}([.,]\d{1,2})?\s*", value
    ):
        return None
    return float(value.strip().replace(",", "."))


def text_words(text):
    """The words of the full text: letters and digits only. "Not" and "or"
    are words too; the text index honours no operators (search/query.py)."""
    words = []
    for word in re.findall(r"\w+", text or ""):
        if word in words:
            continue
        words.append(word[:50])
    return tuple(words[:MAX_WORDS])
