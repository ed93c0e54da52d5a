"""Theme colours and their contrast (WCAG 2.1, relative luminance).

Used where colours enter the portal (answer file, distribution form) and
where they are written into the page, so both read them the same way."""

import re


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
WHITE = "#ffffff"


def is_colour(value):
    return isinstance(value, str) and bool(HEX_COLOUR.match(value))


def _channel(value):
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour):
    """Relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first, second):
    """Contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_problems(colours):
    """Yields ``(field, problem)`` for the identity's colours: each must be
    ``#rrggbb``; text on the primary colour and the accent (links) on white
    need 4.5:1."""
    valid = {}
    for field in ("primary", "on_primary", "accent"):
        value = colours.get(field)
        if value is None:
            continue
        if not is_colour(value):
            yield field, f"'{value}' is not a colour like #1a5f7a"
        else:
            valid[field] = value
    pairs = (
        ("on_primary", "primary", "text on the primary colour"),
        ("accent", WHITE, "links and text on white"),
    )
    for field, other_field, what in pairs:
        colour = valid.get(field)
        other = valid.get(other_field, other_field if other_field == WHITE else None)
        if colour is None or other is None:
            continue
        ratio = contrast(colour, other)
        if ratio < MIN_CONTRAST:
            yield (
                field,
                f"contrast {ratio:.2f}:1 of {colour} on {other} is too low for "
                f"{what}; at least {MIN_CONTRAST}:1 is needed",
            )
