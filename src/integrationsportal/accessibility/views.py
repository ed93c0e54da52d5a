"""Links every page carries: Leichte Sprache, German Sign Language and the
accessibility statement, each in the reader's language where translated."""

from integrationsportal.translation import language_of
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from Products.CMFCore.permissions import View
from Products.Five.browser import BrowserView
from zExceptions import NotFound


PAGES = {
    "easy-read": "easy_read_page",
    "sign-language": "sign_language_page",
    "accessibility-statement": "accessibility_page",
    "accessibility-feedback": "accessibility_feedback_form",
}


def configured_page(name, language=None):
    """The configured page, in ``language`` if it is translated and visible."""
    path = api.portal.get_registry_record(
        f"integrationsportal.{PAGES[name]}", default=None
    )
    if not path:
        return None
    portal = api.portal.get()
    page = portal.unrestrictedTraverse(path.strip("/"), None)
    if page is None or not api.user.has_permission(View, obj=page):
        return None
    if language and ITranslatable.providedBy(page):
        translation = ITranslationManager(page).get_translation(language)
        if translation is not None and api.user.has_permission(View, obj=translation):
            return translation
    return page


class AccessibilityLinksViewlet(ViewletBase):
    """Leichte Sprache and sign language, at the top of every page."""

    def update(self):
        super().update()
        self.links = []
        easy = configured_page("easy-read")  # always the German easy version
        if easy is not None:
            self.links.append(
                {"url": easy.absolute_url(), "kind": "easy-read", "lang": "de"}
            )
        sign = configured_page("sign-language")
        if sign is not None:
            self.links.append(
                {"url": sign.absolute_url(), "kind": "sign-language", "lang": "de"}
            )

        # on pages in other languages, the German name follows the label
        self.german_term = self.portal_state.language() != "de"

    def available(self):
        return bool(self.links)


class FeedbackLinkViewlet(ViewletBase):
    """Below the accessibility statement: the way to report a barrier."""

    def update(self):
        super().update()
        self.form_url = ""
        statement = configured_page("accessibility-statement")
        if statement is None or not ITranslatable.providedBy(self.context):
            return
        group = ITranslationManager(statement).get_translations().values()
        if self.context not in group:
            return
        try:
            language = language_of(self.context) or None
        except TypeError:
            language = None
        form = configured_page("accessibility-feedback", language)
        if form is not None:
            self.form_url = form.absolute_url()

    def available(self):
        return bool(self.form_url)


class PageRedirect(BrowserView):
    """``@@easy-read``, ``@@sign-language``, ``@@accessibility-statement`` on a
    navigation root: to the page in that root's language (or the original)."""

    name = ""

    def __call__(self):
        try:
            language = language_of(self.context) or None
        except TypeError:  # the portal root has no language of its own
            language = None
        page = configured_page(self.name, language)
        if page is None:
            raise NotFound(self.name)
        return self.request.response.redirect(page.absolute_url())


class EasyRead(PageRedirect):
    name = "easy-read"


class SignLanguage(PageRedirect):
    name = "sign-language"


class AccessibilityStatement(PageRedirect):
    name = "accessibility-statement"


class AccessibilityFeedback(PageRedirect):
    name = "accessibility-feedback"
