"""The header and footer viewlets of public pages, bound to the add-on's
browser layer: a site without the add-on keeps Plone's logo and colophon."""

from integrationsportal.identity.colours import is_colour
from integrationsportal.identity.settings import display_name
from integrationsportal.identity.settings import identity_settings
from integrationsportal.shared.bidi import fragment
from integrationsportal.shared.languages import language
from integrationsportal.shared.languages import SOURCE_LANGUAGE
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.browser.selector import LanguageSelectorViewlet
from Products.CMFPlone.utils import getSiteLogo
from zope.i18n import translate


def site_logo_set():
    return bool(api.portal.get_registry_record("plone.site_logo", default=None))


class LogoViewlet(ViewletBase):
    """``plone.logo``: the district's logo (if one is set) and name."""

    def update(self):
        super().update()
        self.name = fragment(
            display_name(), SOURCE_LANGUAGE, self.portal_state.language()
        )
        self.img_src = getSiteLogo() if site_logo_set() else ""


class LanguageButtonViewlet(LanguageSelectorViewlet):
    """One button with the current language; opens the list of all
    languages in their own names (plone.app.multilingual's selector URLs,
    which lead to the translation of the current page)."""

    def update(self):
        super().update()
        self.items = []
        for info in self.languages():
            known = language(info["code"])
            self.items.append(
                {
                    "code": info["code"],
                    "native": known.native if known else info.get("native"),
                    "dir": known.direction if known else "ltr",
                    "url": info["url"],
                    "selected": bool(info.get("selected")),
                }
            )
        self.current = next((item for item in self.items if item["selected"]), None)

    def available(self):
        return len(self.items) > 1 and self.current is not None


class SearchViewlet(ViewletBase):
    """A compact search in the phone header; wider screens have Plone's
    search box in the navigation bar."""


class FooterViewlet(ViewletBase):
    """``plone.footer``: the district, its contact, the legal links, the site
    actions and the login, and a small "made with Plone". The blocks are
    marked as footer portlets, so that Barceloneta's theme lays them out as
    its footer columns."""

    def update(self):
        super().update()
        settings = identity_settings()
        # the district's name and address, in German on every page: each one
        # German run as a whole (its commas and postcode with it)
        language = self.portal_state.language()
        self.name = fragment(display_name(settings), SOURCE_LANGUAGE, language)
        self.address = (
            fragment(settings.address, SOURCE_LANGUAGE, language)
            if settings.address
            else ""
        )
        self.phone = settings.phone
        self.phone_href = "tel:" + "".join(
            c for c in (settings.phone or "") if c.isdigit() or c == "+"
        )
        self.email = settings.email
        self.legal = [
            link
            for link in (
                self._link("imprint", settings.imprint_url),
                self._link("privacy", settings.privacy_url),
                self._link("accessibility", settings.accessibility_url),
            )
            if link is not None
        ]
        context_state = api.content.get_view(
            "plone_context_state", self.context, self.request
        )
        self.site_actions = [
            {"id": action["id"], "url": action["url"], "title": self._title(action)}
            for action in context_state.actions("site_actions")
            if action["id"] != "accessibility" or not settings.accessibility_url
        ]
        self.anonymous = self.portal_state.anonymous()
        self.login_url = f"{self.navigation_root_url}/login"

    def _title(self, action):
        """Plone's site actions are translated in its domain, the add-on's
        in its own."""
        title = action["title"]
        for domain in ("plone", "integrationsportal"):
            translated = translate(title, domain=domain, context=self.request)
            if translated != title:
                return translated
        return title

    def _link(self, kind, value):
        value = (value or "").strip()
        if not value:
            return None
        if value.startswith(("https://", "http://")):
            url = value
        else:
            url = f"{self.navigation_root_url}/{value.lstrip('/')}"
        return {"kind": kind, "url": url}


class NothingViewlet(ViewletBase):
    """``plone.colophon`` and ``plone.site_actions``: their content is part
    of the district's footer."""

    def render(self):
        return ""


class ThemeColoursViewlet(ViewletBase):
    """The district's colours as CSS custom properties, checked when they
    are set; a value that is no colour falls back to the default."""

    def render(self):
        settings = identity_settings()
        values = []
        for name, field in (
            ("--ip-primary", "primary"),
            ("--ip-on-primary", "on_primary"),
            ("--ip-accent", "accent"),
        ):
            value = getattr(settings, field, None)
            if is_colour(value):
                values.append(f"{name}:{value}")
        if is_colour(settings.accent):
            rgb = ",".join(str(int(settings.accent[i : i + 2], 16)) for i in (1, 3, 5))
            values.append(f"--bs-link-color:{settings.accent}")
            values.append(f"--bs-link-color-rgb:{rgb}")
        if not values:
            return ""
        return f"<style>:root{{{';'.join(values)}}}</style>"


class ManifestViewlet(ViewletBase):
    """The link to the web app manifest (of the page's language) and the
    browser's theme colour."""

    def render(self):
        settings = identity_settings()
        # the language root's manifest inside a language, the portal's at
        # the root (plone.app.multilingual: a language root is a navigation
        # root)
        url = f"{self.navigation_root_url}/@@manifest.webmanifest"
        tags = [f'<link rel="manifest" href="{url}" />']
        if is_colour(settings.primary):
            tags.append(f'<meta name="theme-color" content="{settings.primary}" />')
        return "\n".join(tags)
