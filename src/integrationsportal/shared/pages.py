"""What the pages of the portal's own types share: the base view with
its helpers (terms, dates, addresses, cards of related items) and the card
macros (cards.pt)."""

from integrationsportal.shared.bidi import fragment
from integrationsportal.shared.bidi import join
from integrationsportal.shared.bidi import marked
from integrationsportal.shared.bidi import marked_rich_text
from integrationsportal.shared.formatting import localized_date
from integrationsportal.shared.formatting import other_language
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.icons import Icons
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from integrationsportal.shared.summaries import offer_card
from integrationsportal.shared.summaries import offer_titles
from plone import api
from plone.base.interfaces import ILanguage
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote_plus


def lines(text):
    """Non-empty lines of a plain text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ContentView(BrowserView):
    """Helpers shared by the views of the portal's own types."""

    card_macros = ViewPageTemplateFile("cards.pt")

    def __call__(self):
        return self.index()

    @property
    def language(self):
        return ILanguage(self.context).get_language() or ""

    def marked(self, text):
        """Text of the page's language, with the German words it keeps
        marked as German (shared/bidi.py)."""
        return marked(text, self.language)

    def join(self, items):
        """Items as one list, separated as the page's language does
        (messages translated)."""
        return join(items, self.language)

    def term(self, vocabulary_name, token):
        if not token:
            return ""
        titles = vocabulary_titles(vocabulary_name, self.context)
        return self.marked(titles.get(token, token))

    def terms(self, vocabulary_name, tokens):
        titles = vocabulary_titles(vocabulary_name, self.context)
        return [self.marked(titles.get(token, token)) for token in tokens or ()]

    def lines(self, field_name):
        return [
            self.marked(line) for line in lines(getattr(self.context, field_name, None))
        ]

    def text(self, field_name="text"):
        value = getattr(self.context, field_name, None)
        if value is None or not value.raw.strip():
            return ""
        return marked_rich_text(value.output_relative_to(self.context), self.language)

    def localized_date(self, value):
        return localized_date(value, self.language)

    def address(self):
        """Street, postcode and town as lines (German, whatever the page's
        language); empty when nothing is filled."""
        street = getattr(self.context, "street", None) or ""
        town = " ".join(
            part
            for part in (
                getattr(self.context, "zip_code", None) or "",
                getattr(self.context, "city", None) or "",
            )
            if part
        )
        return [
            fragment(part, SOURCE_LANGUAGE, self.language)
            for part in (street, town)
            if part
        ]

    def map_url(self):
        address = self.address()
        if not address:
            return ""
        return "https://www.openstreetmap.org/search?query=" + quote_plus(
            ", ".join(str(part) for part in address)
        )

    def phone_href(self, number):
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")

    def languages_spoken(self):
        return self.join(
            self.terms(
                "integrationsportal.Languages", getattr(self.context, "languages", None)
            )
        )

    def last_verified(self):
        return self.localized_date(getattr(self.context, "last_verified", None))

    def brains(self, **query):
        """Published (or otherwise visible) items, one per translation group,
        in the page's language, else the original (the default language)."""
        query.setdefault("sort_on", "sortable_title")
        default = api.portal.get_default_language()
        chosen = {}
        order = []
        for brain in api.content.find(**query):
            group = getattr(brain, "TranslationGroup", None) or brain.UID
            if group not in chosen:
                order.append(group)
                chosen[group] = brain
            elif brain.Language == self.language or (
                brain.Language == default and chosen[group].Language != self.language
            ):
                chosen[group] = brain
        return [chosen[group] for group in order]

    def offer_cards(self, **query):
        titles = offer_titles(self.context)
        brains = self.brains(portal_type="Offer", **query)
        return [
            offer_card(brain, titles, self.language)
            for brain in brains
            if brain.offer_status != "ended"
        ]

    def chain_steps(self, **query):
        """Process-chain steps that point here, with their chain, from the
        catalog: [{'title', 'url', 'chain_title', 'chain_url', 'other'}],
        ``other`` marking a step shown in another language (see
        ``other_language``)."""
        steps = self.brains(portal_type="ProcessStep", **query)
        if not steps:
            return []
        parents = {brain.getPath().rpartition("/")[0] for brain in steps}
        chains = {
            brain.getPath(): brain
            for brain in api.content.find(
                portal_type="ProcessChain", path={"query": list(parents), "depth": 0}
            )
        }
        result = []
        for brain in steps:
            chain = chains.get(brain.getPath().rpartition("/")[0])
            if chain is None:
                continue
            result.append(
                {
                    "title": fragment(brain.Title, brain.Language, self.language),
                    "url": brain.getURL(),
                    "chain_title": fragment(chain.Title, chain.Language, self.language),
                    "chain_url": chain.getURL(),
                    # a step not translated into the page's language yet
                    "other": other_language(brain.Language, self.language),
                }
            )
        return result

    @property
    def icons(self):
        if getattr(self, "_icons", None) is None:
            self._icons = Icons(self.context, self.request)
        return self._icons
