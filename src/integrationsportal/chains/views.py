"""The process chain: a diagram built from an ordered list, its print and PDF
forms, the step page, and the overview of all chains."""

from AccessControl import getSecurityManager
from integrationsportal import _
from integrationsportal.accessibility.direction import direction
from integrationsportal.chains.content import IProcessChain
from integrationsportal.chains.content import parse_branches
from integrationsportal.shared.bidi import marked
from integrationsportal.shared.bidi import marked_rich_text
from integrationsportal.shared.formatting import other_language
from integrationsportal.shared.formatting import vocabulary_titles
from integrationsportal.shared.pages import ContentView
from integrationsportal.shared.pages import lines
from integrationsportal.shared.qr import qr_svg
from integrationsportal.shared.relations import related_list
from integrationsportal.shared.summaries import contact_card
from integrationsportal.translation import language_of
from integrationsportal.translation import reader_query
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import INavigationRoot
from Products.CMFCore.permissions import ModifyPortalContent
from Products.CMFCore.permissions import View
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ChainMixin:
    """Builds the data of a chain's steps from the objects (a chain holds
    a dozen steps; their relations are followed once per page)."""

    chain_macros = ViewPageTemplateFile("macros.pt")

    def chain(self):
        context = self.context
        while context is not None and not IProcessChain.providedBy(context):
            context = getattr(context, "__parent__", None)
        return context

    def may_edit(self):
        return bool(
            getSecurityManager().checkPermission(ModifyPortalContent, self.chain())
        )

    def phase_titles(self):
        return vocabulary_titles("integrationsportal.ChainPhases", self.context)

    def step_objects(self):
        chain = self.chain()
        checker = getSecurityManager()
        return [
            obj
            for obj in chain.contentValues()
            if obj.portal_type == "ProcessStep" and checker.checkPermission(View, obj)
        ]

    def step_data(self, step, number, phases=None, with_qr=True):
        phases = phases if phases is not None else self.phase_titles()
        language = language_of(step)
        contacts = []
        for obj in related_list(step, "contacts"):
            card = contact_card(obj)
            if with_qr:
                card["qr"] = qr_svg(card["url"], str(card["title"]))
            # a contact not translated into the step's language yet
            card["other"] = other_language(language_of(obj), language)
            contacts.append(card)
        text = (
            marked_rich_text(step.text.output_relative_to(step), language)
            if step.text and step.text.raw.strip()
            else ""
        )

        def mark(value):
            # the step's language, with the German terms it keeps marked
            return marked(value, language) if value else ""

        def linked(obj):
            # an item not translated yet carries its own language instead
            other = other_language(language_of(obj), language)
            return {
                "title": obj.Title() if other else mark(obj.Title()),
                "url": obj.absolute_url(),
                "other": other,
            }

        return {
            "number": number,
            "id": step.getId(),
            "url": step.absolute_url(),
            "title": mark(step.Title()),
            "description": mark(step.Description()),
            "phase": step.phase or "",
            "phase_title": mark(phases.get(step.phase, step.phase or "")),
            "text": text,
            "prerequisites": [mark(line) for line in lines(step.prerequisites)],
            "duration": mark(step.duration),
            "branches": [
                {
                    **branch,
                    "condition": mark(branch["condition"]),
                    "outcome": mark(branch["outcome"]),
                }
                for branch in parse_branches(step.branches)
            ],
            "organisations": [
                linked(obj) for obj in related_list(step, "responsible_organisations")
            ],
            "contacts": contacts,
            "offers": [
                linked(obj)
                for obj in related_list(step, "related_offers")
                if getattr(obj, "offer_status", None) != "ended"
            ],
            "flags": self.flags(step) if self.may_edit() else [],
        }

    def steps(self, with_qr=True):
        phases = self.phase_titles()
        return [
            self.step_data(step, number, phases, with_qr)
            for number, step in enumerate(self.step_objects(), start=1)
        ]

    def phase_groups(self, steps):
        """Consecutive steps of the same phase: [{'title', 'first', 'last'}]."""
        groups = []
        for step in steps:
            if groups and groups[-1]["phase"] == step["phase"]:
                groups[-1]["last"] = step["number"]
            else:
                groups.append(
                    {
                        "phase": step["phase"],
                        "title": step["phase_title"],
                        "first": step["number"],
                        "last": step["number"],
                    }
                )
        return groups

    def flags(self, step):
        """What an editor should fix on a step."""
        found = []
        organisations = [r for r in step.responsible_organisations or [] if r]
        contacts = [r for r in step.contacts or [] if r]
        if not organisations and not contacts:
            found.append(_("Nobody is responsible for this step."))
        for relation in contacts:
            target = None if relation.isBroken() else relation.to_object
            if target is None:
                found.append(_("A contact person of this step no longer exists."))
            elif api.content.get_state(target, default=None) != "published":
                found.append(
                    _(
                        "The contact person “${name}” is not published.",
                        mapping={"name": target.Title()},
                    )
                )
        for relation in organisations:
            target = None if relation.isBroken() else relation.to_object
            if target is None:
                found.append(_("A responsible organisation no longer exists."))
            elif api.content.get_state(target, default=None) != "published":
                found.append(
                    _(
                        "The organisation “${name}” is not published.",
                        mapping={"name": target.Title()},
                    )
                )
        return found


class ProcessChainView(ChainMixin, ContentView):
    def __call__(self):
        # the diagram needs the width: no navigation column beside it
        self.request.set("disable_plone.leftcolumn", 1)
        # QR codes as images here (cached by the browser); inline only in print
        self.step_list = self.steps(with_qr=False)
        self.groups = self.phase_groups(self.step_list)
        return self.index()

    def target_groups(self):
        return self.terms("integrationsportal.TargetGroups", self.context.target_groups)

    def goal(self):
        return self.term("integrationsportal.OfferCategories", self.context.goal)


class ProcessStepView(ChainMixin, ContentView):
    DETAILS = (
        "organisations",
        "contacts",
        "duration",
        "branches",
        "text",
        "prerequisites",
        "offers",
    )

    def __call__(self):
        steps = self.step_objects()
        number = next(
            (n for n, step in enumerate(steps, 1) if step == self.context), None
        )
        self.this_step = self.step_data(self.context, number or 0, with_qr=False)
        self.previous_step = steps[number - 2] if number and number > 1 else None
        self.next_step = steps[number] if number and number < len(steps) else None
        self.step_count = len(steps)
        return self.index()

    def has_details(self):
        """Whether the step says more than its title and description: the
        page shows a card with it only then."""
        step = self.this_step
        return any(step[key] for key in self.DETAILS)


class ProcessChainPrint(ChainMixin, BrowserView):
    """A page of its own for printing and for the PDF: one A4 landscape
    sheet, QR codes to every contact person."""

    index = ViewPageTemplateFile("chain_print.pt")

    def __call__(self):
        self.step_list = self.steps()
        self.groups = self.phase_groups(self.step_list)
        return self.index()

    def language(self):
        return language_of(self.context) or "de"

    def direction(self):
        return direction(self.language())

    def marked(self, text):
        """Text of the chain's language with the German words it keeps
        marked as German (shared/bidi.py)."""
        return marked(text, self.language())


class ProcessChainPDF(ProcessChainPrint):
    def __call__(self):
        html = super().__call__()
        try:
            from weasyprint import HTML
        except (ImportError, OSError) as exc:  # the system libraries are missing
            response = self.request.response
            response.setStatus(503)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return (
                "The PDF cannot be made on this server: WeasyPrint needs the "
                f"Pango libraries (make system-packages). ({exc.__class__.__name__})"
            )
        pdf = HTML(string=html, base_url=self.context.absolute_url()).write_pdf()
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'inline; filename="{self.context.getId()}.pdf"'
        )
        return pdf


class ProcessChainsOverview(BrowserView):
    """All chains a reader finds under this navigation root (on a language
    root, or on the chains' section folder inside one): those in the page's
    language, and those not translated into it yet, in the original's
    language and marked so; a chain never disappears for lack of a
    translation."""

    card_macros = ViewPageTemplateFile("../shared/cards.pt")

    def language(self):
        """The readers' language: that of the language root above, if any
        (a portal without language roots lists every chain as it is)."""
        root = api.portal.get_navigation_root(self.context)
        return language_of(root) if ILanguageRootFolder.providedBy(root) else ""

    def is_section(self):
        """Whether the page is a section folder (with its own title and
        description) rather than a language root."""
        return not INavigationRoot.providedBy(self.context)

    def chains(self):
        root = api.portal.get_navigation_root(self.context)
        path = "/".join(root.getPhysicalPath())
        language = self.language()
        query = reader_query(path, language) if language else {"path": path}
        goals = vocabulary_titles("integrationsportal.OfferCategories", self.context)
        result = []
        for brain in api.content.find(
            portal_type="ProcessChain", sort_on="sortable_title", **query
        ):
            steps = api.content.find(
                portal_type="ProcessStep",
                path={"query": brain.getPath(), "depth": 1},
                sort_on="getObjPositionInParent",
            )
            result.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "description": brain.Description,
                    "goal": goals.get((brain.categories or [""])[0], ""),
                    "steps": [step.Title for step in steps],
                    "other": other_language(brain.Language, language),
                }
            )
        return result
