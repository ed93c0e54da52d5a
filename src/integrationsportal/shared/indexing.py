"""Helpers for the catalog indexers of every feature."""

from integrationsportal.vocabularies import parse_entry
from integrationsportal.vocabularies import registry_entries


def to_object(relation):
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def uid_of(obj):
    return obj.UID() if obj is not None else None


def html_text(value):
    if value is None:
        return ""
    return getattr(value, "output", "") or ""


def registry_titles(name, tokens):
    """German and English titles of tokens, so full text finds either word."""
    wanted = set(tokens or [])
    words = []
    for entry in registry_entries(name):
        token, titles = parse_entry(entry)
        if token in wanted:
            words.extend(titles.values())
    return words


def joined(*parts):
    return " ".join(str(part) for part in parts if part)
