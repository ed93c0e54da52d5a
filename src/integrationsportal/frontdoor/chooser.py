"""The portal root: every language in its own name and script.

A reader who chose a language before (Plone's language cookie
``I18N_LANGUAGE``, set by Plone's language negotiation when a link carries
``set_language``, as the language selector's links do) goes straight to
that language's start page; ``?choose`` shows the chooser anyway. Without a
choice, the browser's Accept-Language suggests one: it comes first, with a
short line in that language. A direct link (/de/…, /ar/…) never passes
through here.

The answer depends on the cookie and on Accept-Language, so it says so in
``Vary``; the cache proxy keeps only the language cookie for the root
(deploy/varnish.vcl.in).
"""

from integrationsportal import _
from integrationsportal.shared.languages import language
from integrationsportal.shared.languages import root_languages
from plone import api
from plone.i18n.interfaces import ILanguageUtility
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.i18n import translate


COOKIE = "I18N_LANGUAGE"
VARY = "Accept-Language, Cookie"

CHOOSE_LANGUAGE = _("Choose your language")
CONTINUE = _("continue_in_this_language", default="Continue in English")
DESCRIPTION = _(
    "chooser_description",
    default="Offers, help and the way into training and work, in your language.",
)


class LanguageChooser(BrowserView):
    """The portal root's view on sites with the add-on (its layout, in
    place of plone.app.multilingual's ``language-switcher``)."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Vary", VARY)
        chosen = self.chosen()
        if chosen and "choose" not in self.request.form:
            response.setHeader("Cache-Control", "private, max-age=0, must-revalidate")
            response.redirect(f"{self.context.absolute_url()}/{chosen}", status=302)
            return ""
        self.choices = self._choices()
        return self.index()

    def available(self):
        """Codes of the available languages that have a language root, in
        the site's order, the default language first."""
        return root_languages(self.context)

    def chosen(self):
        """The language the reader chose before, if it is still offered."""
        code = self.request.cookies.get(COOKIE)
        return code if code in self.available() else None

    def suggested(self):
        """The earlier choice, else the browser's first available
        language, else the site's default."""
        available = self.available()
        chosen = self.chosen()
        if chosen:
            return chosen
        tool = getUtility(ILanguageUtility)
        for code in tool.getRequestLanguages(self.request) or ():
            code = code.split("-")[0]
            if code in available:
                return code
        return available[0] if available else None

    def _text(self, message, code):
        return translate(message, context=self.request, target_language=code)

    def _choices(self):
        suggested = self.suggested()
        portal_url = self.context.absolute_url()
        codes = self.available()
        if suggested in codes:
            codes.remove(suggested)
            codes.insert(0, suggested)
        choices = []
        for code in codes:
            info = language(code)
            choices.append(
                {
                    "code": code,
                    "name": info.native,
                    "dir": info.direction,
                    # Plone's language negotiation remembers the choice in
                    # the language cookie (set_language), as the language
                    # selector's links do
                    "url": f"{portal_url}/{code}?set_language={code}",
                    "suggested": code == suggested,
                    "hint": self._text(CONTINUE, code) if code == suggested else "",
                }
            )
        return choices

    def page_language(self):
        return language(self.suggested() or "en")

    def title(self):
        code = self.page_language().code
        district = api.portal.get_registry_record(
            "integrationsportal.district_name", default=""
        )
        heading = self._text(CHOOSE_LANGUAGE, code)
        return f"{heading} · {district}" if district else heading

    def heading(self):
        return self._text(CHOOSE_LANGUAGE, self.page_language().code)

    def description(self):
        return self._text(DESCRIPTION, self.page_language().code)

    def others(self):
        """ "Choose your language" in every other language, each with its own
        lang and dir, for readers who do not read the suggested one."""
        page = self.page_language().code
        return [
            {
                "code": code,
                "dir": language(code).direction,
                "text": self._text(CHOOSE_LANGUAGE, code),
            }
            for code in self.available()
            if code != page
        ]

    def district(self):
        return api.portal.get_registry_record(
            "integrationsportal.district_name", default=""
        )

    def site_language(self):
        return api.portal.get_registry_record("plone.default_language")
