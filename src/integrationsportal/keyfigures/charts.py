"""Small charts drawn on the server as SVG: read at a glance, no JavaScript,
each with a table of the same numbers beside it for screen readers and for
copying."""

from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr


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


def heatmap(row_labels, column_labels, values, title, cell=34, label_width=190):
    """A grid of counts; empty cells (gaps) are marked in red."""
    if not row_labels or not column_labels:
        return ""
    top = max((v for row in values for v in row), default=0) or 1
    head = 110
    width = label_width + cell * len(column_labels) + 4
    height = head + cell * len(row_labels) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kf-chart" role="img" '
        f'aria-label={quoteattr(title)} viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for j, label in enumerate(column_labels):
        x = label_width + j * cell + cell / 2
        parts.append(
            f'<text transform="translate({x:.1f},{head - 6}) rotate(-55)" '
            f'font-size="12">{escape(str(label))}</text>'
        )
    for i, label in enumerate(row_labels):
        y = head + i * cell
        parts.append(
            f'<text x="{label_width - 8}" y="{y + cell * 0.62:.1f}" '
            f'text-anchor="end" font-size="12">{escape(str(label))}</text>'
        )
        for j, value in enumerate(values[i]):
            x = label_width + j * cell
            if value:
                shade = 0.25 + 0.75 * value / top
                fill = f'fill="{BAR}" fill-opacity="{shade:.2f}"'
                text_colour = "#fff" if shade > 0.55 else "#000"
            else:
                fill = f'fill="#fde7e5" stroke="{WARN}"'
                text_colour = WARN
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                f"{fill}/>"
                f'<text x="{x + cell / 2:.1f}" y="{y + cell * 0.62:.1f}" '
                f'text-anchor="middle" font-size="12" fill="{text_colour}">'
                f"{value}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
