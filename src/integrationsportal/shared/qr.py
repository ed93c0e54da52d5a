"""QR codes for print: an address as an inline SVG (segno)."""

from functools import lru_cache
import segno


@lru_cache(maxsize=4096)
def qr_svg(url, title, scale=2):
    """An inline SVG QR code for ``url`` (no XML declaration), ``scale``
    pixels a module. A pure function of its arguments, so computed once per
    process for each address."""
    return segno.make(url, error="m").svg_inline(
        scale=scale, border=1, title=title, svgclass="qr-code", lineclass=None
    )
