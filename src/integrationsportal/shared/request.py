"""Reading request values: a form value may arrive once, several times
(a list) or not at all."""


def first_value(value):
    """The first of repeated values; "" for none."""
    if isinstance(value, (list, tuple)):
        return value[0] if value else ""
    return value if value is not None else ""


def last_value(value):
    """The last of repeated values as text; "" for none."""
    if isinstance(value, (list, tuple)):
        return value[-1] if value else ""
    return "" if value is None else str(value)
