"""Helpers for the catalog indexers of every feature."""

from integrationsportal.vocabularies.editable import get_terms


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
    """The titles of tokens in every language, so full text finds any of them."""
    wanted = set(tokens or [])
    words = []
    for term in get_terms(name):
        if term["token"] in wanted:
            words.extend(term["title"].values())
    return words


def joined(*parts):
    return " ".join(str(part) for part in parts if part)
