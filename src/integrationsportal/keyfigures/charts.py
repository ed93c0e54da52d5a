"""Small charts drawn on the server as SVG: read at a glance, no JavaScript,
each with a table of the same numbers beside it for screen readers and for
copying."""

from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr
import math


BAR = "#0b6fa4"
WARN = "#b3261e"


def bar_chart(items, title, width=560, bar_height=22, label_width=190):
    """Horizontal bars: ``items`` is a list of (label, value)."""
    if not items:
        return ""
    top = max((value for _label, value in items), default=0) or 1
    room = width - label_width - 50
    height = len(items) * (bar_height + 6) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kf-chart" role="img" '
        f'aria-label={quoteattr(title)} viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(items):
        y = 4 + index * (bar_height + 6)
        length = round(room * value / top) if value else 0
        colour = BAR if value else WARN
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" '
            f'text-anchor="end" font-size="13">{escape(str(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" '
            f'height="{bar_height}" fill="{colour}"/>'
            f'<text x="{label_width + max(length, 2) + 6}" '
            f'y="{y + bar_height * 0.7:.1f}" font-size="13">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# Labels are measured before the browser draws them: a generous average
# glyph width (of the font size) for Latin and Arabic script, so that the
# drawing is wide and tall enough for every label.
GLYPH_WIDTH = 0.6
COLUMN_ANGLE = 55  # degrees the column labels rise


def text_width(text, font_size):
    """The width ``text`` takes at ``font_size``, estimated generously."""
    return len(str(text)) * font_size * GLYPH_WIDTH


def heatmap(
    row_labels,
    column_labels,
    values,
    title,
    rtl=False,
    cell=30,
    cell_height=28,
    font_size=13,
):
    """A grid of counts; empty cells (gaps) are marked in red.

    Each row's label stands above its row, so that the grid stays narrow
    enough for a phone at the labels' full size (eight columns fit in the
    306 px the dashboard has on a 390 px phone); the column labels rise at
    an angle. The drawing's size follows from its labels: nothing is cut
    off. ``rtl`` mirrors it for right-to-left pages: the first column on
    the right, the labels read from the right."""
    if not row_labels or not column_labels:
        return ""
    top = max((v for row in values for v in row), default=0) or 1
    pad = 4
    angle = math.radians(COLUMN_ANGLE)
    sin, cos = math.sin(angle), math.cos(angle)
    widths = [text_width(label, font_size) for label in column_labels]
    centres = [pad + j * cell + cell / 2 for j in range(len(column_labels))]
    # a label rises from its column's centre: up by its length times the
    # sine, sideways by its length times the cosine (and its ascent)
    head = pad + max(w * sin + font_size * cos for w in widths) + 6
    width = pad + max(
        cell * len(column_labels),
        max(text_width(label, font_size) for label in row_labels),
        max(
            c - pad + w * cos + font_size * sin
            for c, w in zip(centres, widths, strict=True)
        ),
    )
    width = math.ceil(width + pad)
    row_height = font_size + 6 + cell_height + 8
    height = math.ceil(head + len(row_labels) * row_height + pad)

    def x_of(x, span=0):
        """The horizontal position ``x`` (of something ``span`` wide),
        mirrored for right-to-left."""
        return width - x - span if rtl else x

    direction = "rtl" if rtl else "ltr"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kf-chart kf-heatmap" '
        f'role="img" aria-label={quoteattr(title)} direction="{direction}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    rotation = COLUMN_ANGLE if rtl else -COLUMN_ANGLE
    for label, centre in zip(column_labels, centres, strict=True):
        parts.append(
            f'<text transform="translate({x_of(centre):.1f},{head - 6:.1f}) '
            f'rotate({rotation})" font-size="{font_size}">'
            f"{escape(str(label))}</text>"
        )
    for i, label in enumerate(row_labels):
        y = head + i * row_height
        parts.append(
            f'<text x="{x_of(pad):.1f}" y="{y + font_size:.1f}" '
            f'font-size="{font_size}" font-weight="600">'
            f"{escape(str(label))}</text>"
        )
        y += font_size + 6
        for j, value in enumerate(values[i]):
            x = pad + j * cell
            if value:
                shade = 0.25 + 0.75 * value / top
                fill = f'fill="{BAR}" fill-opacity="{shade:.2f}"'
                text_colour = "#fff" if shade > 0.55 else "#000"
            else:
                fill = f'fill="#fde7e5" stroke="{WARN}"'
                text_colour = WARN
            parts.append(
                f'<rect x="{x_of(x + 1, cell - 2):.1f}" y="{y:.1f}" '
                f'width="{cell - 2}" height="{cell_height}" {fill}/>'
                f'<text x="{x_of(x + cell / 2):.1f}" '
                f'y="{y + cell_height * 0.68:.1f}" text-anchor="middle" '
                f'font-size="{font_size}" fill="{text_colour}">{value}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
