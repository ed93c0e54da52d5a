"""The outdated-translation notice and the editors' translation dashboard."""

from integrationsportal import _
from integrationsportal import translation
from integrationsportal.permissions import ReviewFeedback
from integrationsportal.shared.bidi import fragment
from integrationsportal.shared.formatting import language_name
from integrationsportal.shared.formatting import localized_date
from integrationsportal.shared.request import last_value
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.browser.helper_views import not_translated_yet
from Products.CMFCore.permissions import View
from Products.Five.browser import BrowserView
from typing import NamedTuple
from urllib.parse import urlencode


class TranslationNoticeViewlet(ViewletBase):
    """Tells readers of an outdated translation where the current text is."""

    def update(self):
        super().update()
        self.original = None
        if translation.status(self.context) != translation.OUTDATED:
            return
        original = translation.original_of(self.context)
        if original is None or not api.user.has_permission(View, obj=original):
            return
        self.original = original
        changed = translation.revision_date(original)
        self.changed = localized_date(changed, translation.language_of(self.context))
        code = translation.language_of(original)
        self.original_language = fragment(
            language_name(code, native=True),
            code,
            translation.language_of(self.context),
        )

    def available(self):
        return self.original is not None


STATUSES = (translation.MISSING, translation.OUTDATED, translation.CURRENT)
STATUS_TITLES = {
    translation.MISSING: _("missing"),
    translation.OUTDATED: _("outdated"),
    translation.CURRENT: _("current"),
}


class Choice(NamedTuple):
    """One option of the dashboard's filters."""

    value: str
    title: str


class TranslationDashboardView(BrowserView):
    """Per language: which items of the default language are missing,
    outdated or current in translation; from catalog data only."""

    def __call__(self):
        self.default = translation.default_language()
        self.portal = api.portal.get()
        self.languages = [
            code
            for code in api.portal.get_registry_record(
                "plone.available_languages", default=[]
            )
            if code != self.default
        ]
        here = translation.language_of(self.context)
        if here in self.languages:  # a language root: its translators' view
            self.languages = [here]
        form = self.request.form
        self.problems = []
        first = self.languages[0] if self.languages else ""
        self.language = self._choice(form, "language", self.languages, first)
        self.root = self.portal.get(self.default)
        self.sections = self._sections()
        self.portal_types = self._portal_types()
        self.portal_type = self._choice(
            form, "portal_type", [choice.value for choice in self.portal_types], ""
        )
        self.section = self._choice(
            form, "section", [choice.value for choice in self.sections], ""
        )
        self.status = self._choice(form, "status", STATUSES, "")
        self.rows_by_language = self._rows()
        # the reports themselves are for the portal's editors, not for the
        # translators of one language
        self.may_review = api.user.has_permission(ReviewFeedback.title, obj=self.portal)
        return self.index()

    def _choice(self, form, name, allowed, default):
        value = last_value(form.get(name))
        if value == "":
            return default
        if value not in allowed:
            self.problems.append(
                _(
                    "“${value}” is not a known choice for ${name}; it was left out.",
                    mapping={"value": str(value)[:50], "name": name},
                )
            )
            return default
        return value

    def _root_path(self):
        return "/".join(self.root.getPhysicalPath()) if self.root is not None else ""

    def _sections(self):
        if self.root is None:
            return []
        brains = api.content.find(
            path={"query": self._root_path(), "depth": 1},
            is_folderish=True,
            sort_on="getObjPositionInParent",
        )
        return [Choice(brain.getId, brain.Title) for brain in brains]

    def _portal_types(self):
        types = api.portal.get_tool("portal_types")
        used = set(api.portal.get_tool("portal_catalog").uniqueValuesFor("portal_type"))
        result = []
        for fti in types.listTypeInfo():
            behaviors = getattr(fti, "behaviors", ())
            if fti.getId() in used and "plone.translatable" in behaviors:
                result.append(Choice(fti.getId(), fti.Title()))
        return sorted(result, key=lambda item: item.value)

    def _originals(self):
        if self.root is None:
            return []
        query = {"path": self._root_path(), "Language": self.default}
        if self.section:
            query["path"] = f"{self._root_path()}/{self.section}"
        if self.portal_type:
            query["portal_type"] = self.portal_type
        root_depth = len(self.root.getPhysicalPath())
        originals = []
        for brain in api.content.find(sort_on="path", **query):
            parts = brain.getPath().split("/")
            if len(parts) <= root_depth or brain.portal_type == "LRF":
                continue
            if not brain.TranslationGroup:  # not translatable (round tables)
                continue
            originals.append((brain, parts[root_depth]))
        return originals

    def _translation_reports(self):
        """{page UID: open reports that its translation is wrong}. The
        number only, so the translators (who do not read the reports) see
        it too."""
        catalog = api.portal.get_tool("portal_catalog")
        counts = {}
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Feedback", review_state="open", feedback_reason="translation"
        ):
            counts[brain.feedback_target] = counts.get(brain.feedback_target, 0) + 1
        return counts

    def _rows(self):
        originals = self._originals()
        reports = self._translation_reports()
        result = {}
        for language in self.languages:
            translated = {
                brain.TranslationGroup: brain
                for brain in api.content.find(Language=language)
                if brain.TranslationGroup
            }
            rows = []
            for brain, section in originals:
                match = translated.get(brain.TranslationGroup)
                if match is None:
                    state = translation.MISSING
                elif match.translation_outdated:
                    state = translation.OUTDATED
                else:
                    state = translation.CURRENT
                rows.append(
                    {
                        "original": brain,
                        "section": section,
                        "translation": match,
                        "status": state,
                        "reports": reports.get(match.UID, 0) if match else 0,
                    }
                )
            result[language] = rows
        return result

    def counts(self, language):
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows_by_language.get(language, ()):
            counts[row["status"]] += 1
        return counts

    def rows(self):
        rows = self.rows_by_language.get(self.language, [])
        if self.status:
            rows = [row for row in rows if row["status"] == self.status]
        return rows

    def status_title(self, status):
        return STATUS_TITLES[status]

    def language_name(self, code):
        return language_name(code, native=False)

    def url(self, **changes):
        params = {
            "language": self.language,
            "portal_type": self.portal_type,
            "section": self.section,
            "status": self.status,
        }
        params.update(changes)
        query = urlencode({k: v for k, v in params.items() if v})
        return f"{self.context.absolute_url()}/@@translation-dashboard?{query}"

    def translate_url(self, row):
        """Where a translator adds the translation: the translated parent
        folder if there is one, else the language root."""
        original = row["original"]
        parent_path = original.getPath().rpartition("/")[0]
        parents = api.content.find(path={"query": parent_path, "depth": 0})
        if parents and parents[0].TranslationGroup:
            translated = api.content.find(
                TranslationGroup=parents[0].TranslationGroup, Language=self.language
            )
            if translated:
                return f"{translated[0].getURL()}/++addtranslation++{original.UID}"
        target = self.portal.get(self.language)
        return f"{target.absolute_url()}/++addtranslation++{original.UID}"


class NotTranslatedYet(not_translated_yet):
    """The language switcher's answer when a page has no translation in the
    chosen language: the versions that exist, the original first."""

    def __call__(self):
        return self.index()

    def versions(self):
        default = translation.default_language()
        order = {default: 0, "en": 1}
        items = sorted(
            self.already_translated(), key=lambda item: (order.get(item[0], 2), item[0])
        )
        return [
            {
                "language": code,
                "name": language_name(code, native=True),
                "title": obj.Title(),
                "url": obj.absolute_url(),
            }
            for code, obj in items
        ]
