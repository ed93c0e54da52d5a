"""A finder state as an alert keeps it: (name, value) pairs, read back
through the finder's own parameters, so an alert can never search for more
than the finder allows."""

from integrationsportal import _
from integrationsportal.finder.facets import FACETS
from integrationsportal.finder.facets import FLAGS
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import OfferFinder
from integrationsportal.shared.formatting import vocabulary
from integrationsportal.shared.languages import direction
from integrationsportal.vocabularies.editable import pick_title
from integrationsportal.vocabularies.editable import titles_of
from integrationsportal.vocabularies.editable import UTILITY_NAMES
from urllib.parse import urlencode
from zope.i18n import translate


EDITABLE = {utility: name for name, utility in UTILITY_NAMES.items()}


def _titles(facet, language, context):
    """{token: title in ``language``} of a facet's vocabulary."""
    if facet.vocabulary in EDITABLE:
        titles = titles_of(EDITABLE[facet.vocabulary])
        return {token: pick_title(t, language, token) for token, t in titles.items()}
    return {
        term.value: translate(term.title, target_language=language)
        for term in vocabulary(facet.vocabulary, context)
    }


def as_form(pairs):
    form = {}
    for name, value in pairs:
        form.setdefault(name, []).append(value)
    return {
        name: values if len(values) > 1 else values[0] for name, values in form.items()
    }


def query_of(pairs, context):
    return FinderQuery.from_form(as_form(pairs), context)


def finder_url(base, pairs):
    """The finder state's page under the language root address ``base``."""
    page = f"{base}/@@offer-finder"
    return f"{page}?{urlencode(list(pairs))}" if pairs else page


def summary_parts(query, language, context=None, words=True):
    """The state in words of ``language``: the chosen values, then the
    reader's own words; [] for all offers."""
    parts = []
    for facet in FACETS:
        chosen = query.selected.get(facet.name, ())
        if not chosen:
            continue
        titles = _titles(facet, language, context)
        parts += [titles.get(token, token) for token in chosen]
    for flag in FLAGS:
        if flag.name in query.flags:
            parts.append(translate(flag.label, target_language=language))
    if query.age is not None:
        parts.append(str(query.age))
    if query.text and words:
        parts.append(query.text)
    return parts


def summary(query, language, context=None, words=True):
    """The state as one line of plain text in ``language`` (for mails):
    "Sprachkurse, Musterstadt, Pflege", or the words for all offers. Each
    part is isolated (Unicode FSI … PDI), so a German word keeps its
    direction in an Arabic line. Without ``words``, the reader's own words
    are left out (a mail to an address not yet confirmed never carries
    text a stranger typed)."""
    parts = summary_parts(query, language, context, words=words)
    if not parts:
        return translate(_("all offers"), target_language=language)
    separator = "، " if direction(language) == "rtl" else ", "
    return separator.join(f"\u2068{part}\u2069" for part in parts)


def current_offers(root, query, language, base=None):
    """{UID: (modified ISO time, title, url)} of the offers the state finds
    now (at most 200, the last changed first); their addresses under the
    language root address ``base`` (the root's own by default)."""
    base = base or root.absolute_url()
    root_path = "/".join(root.getPhysicalPath())
    portal_path = root_path.rsplit("/", 1)[0]
    portal_base = base.rsplit("/", 1)[0]
    finder = OfferFinder(root, query, language=language)
    brains = finder.catalog.searchResults(
        sort_on="modified",
        sort_order="descending",
        sort_limit=200,
        **finder.catalog_query(),
    )[:200]
    # an untranslated original lies under another root: from the portal
    return {
        brain.UID: (
            brain.modified.ISO8601(),
            brain.Title,
            portal_base + brain.getPath()[len(portal_path) :],
        )
        for brain in brains
    }
