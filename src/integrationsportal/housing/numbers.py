"""Money and numbers as the housing team reads and writes them: German
notation (1.234,50 €, 2,5 rooms)."""


def euro(value):
    """An amount as text, "" for none."""
    if value is None:
        return ""
    return f"{value:,.2f}\u00a0€".replace(",", "X").replace(".", ",").replace("X", ".")


def number_text(value):
    """A number without trailing zeros and with a decimal comma, "" for none."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def parse_amount(raw):
    """An amount typed in German ("1.234,50") or plain ("1234.5") notation,
    or None when it is no number."""
    try:
        if "," in raw:
            return float(raw.replace(".", "").replace(",", "."))
        return float(raw)
    except ValueError:
        return None
