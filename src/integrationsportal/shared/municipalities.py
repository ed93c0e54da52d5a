"""The district's municipalities: the one reader of the registry record
``integrationsportal.municipalities`` (their names, in the district's order).

Offers, flats and figures store a municipality by its token, the name made
into an id ("Neudorf am See" → "neudorf-am-see")."""

from plone import api
from plone.i18n.normalizer import IDNormalizer


RECORD = "integrationsportal.municipalities"


def municipality_token(name):
    """A municipality's token, from its name (or from its token)."""
    return IDNormalizer().normalize(name or "")


def municipalities():
    """(token, name) of every municipality, in the district's order; a name
    that normalizes to a token already given is left out."""
    try:
        names = api.portal.get_registry_record(RECORD, default=[]) or []
    except api.exc.InvalidParameterError:  # the add-on is not installed
        names = []
    pairs, seen = [], set()
    for name in names:
        token = municipality_token(name)
        if token and token not in seen:
            seen.add(token)
            pairs.append((token, name))
    return pairs


def municipality_names():
    """{token: name} of every municipality, in the district's order."""
    return dict(municipalities())


def municipality_name(token):
    """The name of the municipality ``token``; the token itself if the
    district does not know it (any more)."""
    return municipality_names().get(token, token)
