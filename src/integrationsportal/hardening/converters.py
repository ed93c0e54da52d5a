"""A field name like ``age:int`` asks Zope to convert the value before any
view sees it. A value that does not convert (``age:int=drei``) raised a
ValueError there, which the publisher answers with 500. Such a request is
the client's mistake: it is refused with 400, a plain message and nothing of
the value repeated."""

from zExceptions import BadRequest
from ZPublisher import Converters


MESSAGE = "A form field could not be read as the kind of value its name asks for."


def _refusing(converter):
    if getattr(converter, "_integrationsportal", False):
        return converter

    def convert(value):
        try:
            return converter(value)
        except BadRequest:
            raise
        except Exception:
            raise BadRequest(MESSAGE) from None

    convert._integrationsportal = True
    convert.binary = getattr(converter, "binary", False)
    convert.__name__ = getattr(converter, "__name__", "convert")
    return convert


def apply():
    # HTTPRequest looks converters up in this very dict (get_converter is
    # its bound .get), so wrapping the entries is enough
    for name, converter in list(Converters.type_converters.items()):
        Converters.type_converters[name] = _refusing(converter)
