"""The portal's public forms (collective.easyform: the landlords' form, the
accessibility feedback) as a reader meets them, in their language.

A required choice starts with an empty "Please choose" entry, so that nobody
sends the first place in the list without having chosen it; and a field left
empty or filled in wrongly is named in its message, in the reader's language
(z3c.form's own messages exist in few languages). Numbers are read as
people write them whatever the page's language: 2.5 and 2,5, and with
Arabic-Indic or Persian digits (the Arabic locale alone knows neither
"2.5" nor "2,5"); this serves every form on the portal's pages. Bound to
the add-on's browser layer; the prompt and the messages to easyform forms."""

from collective.easyform.interfaces import IEasyFormForm
from integrationsportal import _
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.bidi import own_language
from z3c.form.converter import FloatDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.converter import IntegerDataConverter
from z3c.form.error import ComputedErrorViewMessage
from z3c.form.interfaces import IRadioWidget
from z3c.form.interfaces import ISelectWidget
from z3c.form.interfaces import ITextWidget
from z3c.form.widget import ComputedWidgetAttribute
from z3c.form.widget import StaticWidgetAttribute
from zope.component import adapter
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooSmall
import math
import unicodedata


select_prompt = ComputedWidgetAttribute(
    lambda adapter: bool(adapter.field.required),
    request=IIntegrationsportalLayer,
    view=IEasyFormForm,
    field=IChoice,
    widget=ISelectWidget,
)

select_prompt_message = StaticWidgetAttribute(
    _("Please choose"),
    request=IIntegrationsportalLayer,
    view=IEasyFormForm,
    field=IChoice,
    widget=ISelectWidget,
)


def option_language(widget, item):
    """The ``lang`` of a select's option on the portal's pages: a place
    name in German on an Arabic page is read as German (an option holds no
    markup). None elsewhere, and for the "Please choose" entry. The template
    that asks is registered for Plone's form layer, which comes before the
    add-on's layer on a request, so the add-on's layer is checked here."""
    if not IIntegrationsportalLayer.providedBy(widget.request):
        return None
    if item["value"] == widget.noValueToken:
        return None
    return own_language(item["content"], widget.request.get("LANGUAGE", ""))


def _number(value):
    """1.0 as 1, 2.5 as 2.5."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _label(adapter):
    return adapter.widget.label if adapter.widget is not None else ""


def _missing(adapter):
    widget = adapter.widget
    if ISelectWidget.providedBy(widget) or IRadioWidget.providedBy(widget):
        return _("Please choose: ${field}", mapping={"field": _label(adapter)})
    return _("Please fill in: ${field}", mapping={"field": _label(adapter)})


required_missing_message = ComputedErrorViewMessage(
    _missing,
    error=RequiredMissing,
    request=IIntegrationsportalLayer,
    form=IEasyFormForm,
)

too_small_message = ComputedErrorViewMessage(
    lambda adapter: _(
        "${field}: the number is too small. The smallest possible is ${min}.",
        mapping={"field": _label(adapter), "min": _number(adapter.field.min)},
    ),
    error=TooSmall,
    request=IIntegrationsportalLayer,
    form=IEasyFormForm,
)

too_big_message = ComputedErrorViewMessage(
    lambda adapter: _(
        "${field}: the number is too large. The largest possible is ${max}.",
        mapping={"field": _label(adapter), "max": _number(adapter.field.max)},
    ),
    error=TooBig,
    request=IIntegrationsportalLayer,
    form=IEasyFormForm,
)

too_long_message = ComputedErrorViewMessage(
    lambda adapter: _(
        "${field}: the text is too long. At most ${length} characters.",
        mapping={"field": _label(adapter), "length": adapter.field.max_length},
    ),
    error=TooLong,
    request=IIntegrationsportalLayer,
    form=IEasyFormForm,
)


def plain_number(value):
    """``value`` with ASCII digits and a decimal point: "٢٫٥", "۲٫۵", "2,5"
    and "2.5" all as "2.5"."""
    digits = "".join(
        str(unicodedata.digit(c)) if c.isdigit() else c for c in str(value)
    )
    return "".join(digits.split()).replace("\u066b", ".").replace(",", ".")


class _PlainNumbers:
    """The locale's reading first; failing that, on the portal's pages,
    the number as people write it."""

    def toFieldValue(self, value):
        try:
            return super().toFieldValue(value)
        except FormatterValidationError:
            if not IIntegrationsportalLayer.providedBy(self.widget.request):
                raise
            try:
                number = self.type(plain_number(value))
            except (TypeError, ValueError):
                raise FormatterValidationError(self.errorMessage, value) from None
            if not math.isfinite(number):
                raise FormatterValidationError(self.errorMessage, value) from None
            return number


@adapter(IFloat, ITextWidget)
class FloatConverter(_PlainNumbers, FloatDataConverter):
    """Decimal numbers as people write them."""


@adapter(IInt, ITextWidget)
class IntegerConverter(_PlainNumbers, IntegerDataConverter):
    """Whole numbers as people write them."""


not_a_number_message = ComputedErrorViewMessage(
    lambda adapter: _(
        "${field}: please write a number, for example 3 or 2.5.",
        mapping={"field": _label(adapter)},
    ),
    error=FormatterValidationError,
    request=IIntegrationsportalLayer,
    field=IFloat,
    form=IEasyFormForm,
)

not_a_whole_number_message = ComputedErrorViewMessage(
    lambda adapter: _(
        "${field}: please write a whole number, for example 3.",
        mapping={"field": _label(adapter)},
    ),
    error=FormatterValidationError,
    request=IIntegrationsportalLayer,
    field=IInt,
    form=IEasyFormForm,
)
