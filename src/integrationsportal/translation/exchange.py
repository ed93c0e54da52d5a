"""``@@xliff-export`` and ``@@xliff-import``: files for external translators."""

from integrationsportal import _
from integrationsportal.translation import default_language
from integrationsportal.translation import language_of
from integrationsportal.translation import xliff
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import IPloneSiteRoot
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import Forbidden


def _language(context):
    try:
        return language_of(context)
    except TypeError:
        return ""


def target_languages():
    default = default_language()
    return [
        code
        for code in api.portal.get_registry_record(
            "plone.available_languages", default=[]
        )
        if code != default
    ]


class XLIFFExport(BrowserView):
    """Everything below this folder (in the default language), or with
    ``outdated=1`` everything whose translation is outdated."""

    def __call__(self):
        language = self.request.form.get("language") or ""
        here = _language(self.context)
        if not language and here in target_languages():
            language = here
        if language not in target_languages():
            return self.refuse(
                _(
                    "Choose the language to translate into (?language=): ${codes}.",
                    mapping={"codes": ", ".join(target_languages())},
                )
            )
        originals = self.originals(language)
        data = xliff.export(originals, language)
        name = f"{self.context.getId() or 'portal'}-{language}.xlf"
        response = self.request.response
        response.setHeader("Content-Type", "application/x-xliff+xml; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return data

    def refuse(self, message):
        self.request.response.setStatus(400)
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return api.portal.translate(message)

    def scope_path(self):
        """The folder in the default language whose items are exported."""
        portal = api.portal.get()
        context = self.context
        default = default_language()
        if IPloneSiteRoot.providedBy(context) or ILanguageRootFolder.providedBy(
            context
        ):
            root = portal.get(default)
            return "/".join((root or portal).getPhysicalPath())
        if _language(context) != default and ITranslatable.providedBy(context):
            original = ITranslationManager(context).get_translation(default)
            if original is not None:
                context = original
        return "/".join(context.getPhysicalPath())

    def originals(self, language):
        catalog = api.portal.get_tool("portal_catalog")
        path = self.scope_path()
        default = default_language()
        if self.request.form.get("outdated"):
            groups = {
                brain.TranslationGroup
                for brain in catalog(Language=language, translation_outdated=True)
            }
            brains = [
                brain
                for brain in catalog(Language=default, path=path, sort_on="path")
                if brain.TranslationGroup in groups
            ]
        else:
            brains = catalog(Language=default, path=path, sort_on="path")
        return [
            brain.getObject()
            for brain in brains
            if brain.portal_type != "LRF" and brain.TranslationGroup
        ]


class XLIFFImport(BrowserView):
    """Upload a translated XLIFF file; nothing changes unless all of it fits."""

    def __call__(self):
        self.plan = None
        self.result = None
        here = _language(self.context)
        self.fixed_language = here if here in target_languages() else ""
        if self.request.method == "POST":
            try:
                CheckAuthenticator(self.request)
            except Forbidden:
                self.request.response.setStatus(403)
                self.plan = xliff.ImportPlan(
                    problems=[_("The form has expired. Please load the page again.")]
                )
                return self.index()
            upload = self.request.form.get("file")
            data = upload.read() if hasattr(upload, "read") else b""
            self.plan = xliff.read(data, self.fixed_language or None)
            if self.plan.problems:
                self.request.response.setStatus(400)
            else:
                self.result = xliff.apply(self.plan)
        return self.index()

    def languages(self):
        return target_languages()
