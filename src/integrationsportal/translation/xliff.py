"""XLIFF 1.2 exchange with external translators.

Export: one ``<file>`` per original item (``original`` = its UID), one
``<trans-unit>`` per language-dependent text field, with the current
translation (if any) as ``<target>``. Import: the whole file is checked
first; a file with any problem (not XLIFF, wrong language, unknown item or
field, markup where none belongs or markup that would be removed as unsafe)
is refused and changes nothing. Units with an empty target are skipped and
reported."""

from dataclasses import dataclass
from dataclasses import field
from integrationsportal import _
from integrationsportal.translation import default_language
from integrationsportal.translation import field_value
from integrationsportal.translation import language_of
from integrationsportal.translation import translatable_fields
from lxml import etree
from plone import api
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.permissions import View
from typing import NamedTuple
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import lxml.html
import re


NS = "urn:oasis:names:tc:xliff:document:1.2"
MAX_BYTES = 10 * 1024 * 1024
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


# export ---------------------------------------------------------------------


def export(originals, language):
    """XLIFF bytes for ``originals`` (items in the default language)."""
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    for original in originals:
        translation = ITranslationManager(original).get_translation(language)
        file_element = etree.SubElement(
            root,
            f"{{{NS}}}file",
            original=original.UID(),
            datatype="plaintext",
            attrib={
                "source-language": language_of(original),
                "target-language": language,
                "product-name": "/".join(original.getPhysicalPath()[2:]),
            },
        )
        header = etree.SubElement(file_element, f"{{{NS}}}header")
        note = etree.SubElement(header, f"{{{NS}}}note")
        note.text = f"{original.portal_type}: {original.absolute_url()}"
        body = etree.SubElement(file_element, f"{{{NS}}}body")
        for name, kind in translatable_fields(original).items():
            source = field_value(original, name)
            if not source.strip():
                continue
            unit = etree.SubElement(body, f"{{{NS}}}trans-unit", id=name)
            if kind == "html":
                unit.set("datatype", "html")
            etree.SubElement(unit, f"{{{NS}}}source").text = source
            target = etree.SubElement(unit, f"{{{NS}}}target")
            if translation is not None:
                target.text = field_value(translation, name)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


# import ---------------------------------------------------------------------


class Skipped(NamedTuple):
    """A unit the file leaves untranslated: the original's title, the field."""

    title: str
    field: str


class ImportResult(NamedTuple):
    """How many translations an import created and updated."""

    created: int
    updated: int


@dataclass
class ImportPlan:
    language: str = ""
    items: list = field(default_factory=list)  # (original, {name: (kind, text)})
    problems: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # Skipped


def _text(element):
    """All text of a <source>/<target>, inline elements included."""
    return "".join(element.itertext()) if element is not None else ""


def _markup_signature(html):
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    return sorted(
        (element.tag, tuple(sorted(element.attrib.items())))
        for element in fragment.iter()
        if isinstance(element.tag, str)
    )


def unsafe_html(html):
    """True if Plone's safe_html filter would remove anything from ``html``."""
    if not html.strip():
        return False
    transforms = api.portal.get_tool("portal_transforms")
    safe = transforms.convertTo("text/x-html-safe", html, mimetype="text/html")
    cleaned = safe.getData() if safe is not None else ""
    before, after = _markup_signature(html), _markup_signature(cleaned)
    return before is None or before != after


def read(data, expected_language=None):
    """Check an uploaded XLIFF file completely; returns an ImportPlan. Its
    ``problems`` list is empty when the file may be applied."""
    plan = ImportPlan()

    def problem(message):
        plan.problems.append(message)

    if not data:
        problem(_("The file is empty."))
        return plan
    if len(data) > MAX_BYTES:
        problem(_("The file is larger than 10 MB."))
        return plan
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        problem(
            _("The file is not well-formed XML: ${error}", mapping={"error": str(exc)})
        )
        return plan
    if root.tag != f"{{{NS}}}xliff" or root.get("version") != "1.2":
        problem(_("The file is not an XLIFF 1.2 document."))
        return plan

    available = set(
        api.portal.get_registry_record("plone.available_languages", default=[])
    )
    default = default_language()
    catalog = api.portal.get_tool("portal_catalog")
    files = root.findall(f"{{{NS}}}file")
    if not files:
        problem(_("The file contains no translations."))
    for number, file_element in enumerate(files, start=1):
        where = f"<file> {number}"
        target_language = file_element.get("target-language", "")
        if target_language not in available or target_language == default:
            problem(
                _(
                    "${where}: target language “${language}” is not a language "
                    "to translate into.",
                    mapping={"where": where, "language": target_language[:20]},
                )
            )
            continue
        if expected_language and target_language != expected_language:
            problem(
                _(
                    "${where}: the file is for “${language}”, "
                    "but this import is for “${expected}”.",
                    mapping={
                        "where": where,
                        "language": target_language,
                        "expected": expected_language,
                    },
                )
            )
            continue
        if plan.language and plan.language != target_language:
            problem(_("The file mixes target languages."))
            continue
        plan.language = target_language
        uid = file_element.get("original", "")
        brains = catalog.unrestrictedSearchResults(UID=uid) if uid else []
        original = brains[0]._unrestrictedGetObject() if len(brains) == 1 else None
        if original is None or not ITranslatable.providedBy(original):
            problem(
                _(
                    "${where}: no item with the id “${uid}” exists.",
                    mapping={"where": where, "uid": uid[:40]},
                )
            )
            continue
        if (
            language_of(original) != default
            or file_element.get("source-language") != default
        ):
            problem(
                _(
                    "${where}: “${title}” is not an original in the default language.",
                    mapping={"where": where, "title": original.Title()},
                )
            )
            continue
        if not api.user.has_permission(View, obj=original):
            problem(
                _(
                    "${where}: no item with the id “${uid}” exists.",
                    mapping={"where": where, "uid": uid[:40]},
                )
            )
            continue
        known = translatable_fields(original)
        values = {}
        for unit in file_element.iter(f"{{{NS}}}trans-unit"):
            name = unit.get("id", "")
            if name not in known:
                problem(
                    _(
                        "${where} (${title}): unknown field “${field}”.",
                        mapping={
                            "where": where,
                            "title": original.Title(),
                            "field": name[:40],
                        },
                    )
                )
                continue
            target = _text(unit.find(f"{{{NS}}}target"))
            if not target.strip():
                plan.skipped.append(Skipped(original.Title(), name))
                continue
            kind = known[name]
            if kind == "text" and TAG.search(target):
                problem(
                    _(
                        "${where} (${title}), field “${field}”: "
                        "markup is not allowed in this field.",
                        mapping={
                            "where": where,
                            "title": original.Title(),
                            "field": name,
                        },
                    )
                )
                continue
            if kind == "html" and unsafe_html(target):
                problem(
                    _(
                        "${where} (${title}), field “${field}”: the text contains "
                        "markup that is not allowed (scripts, event handlers, "
                        "frames or similar).",
                        mapping={
                            "where": where,
                            "title": original.Title(),
                            "field": name,
                        },
                    )
                )
                continue
            values[name] = (kind, target)
        plan.items.append((original, values))
    return plan


def apply(plan):
    """Write a checked plan; returns the ``ImportResult``."""
    created = updated = 0
    for original, values in plan.items:
        if not values:
            continue
        manager = ITranslationManager(original)
        translation = manager.get_translation(plan.language)
        if translation is None:
            translation = manager.add_translation(plan.language)
            created += 1
        else:
            updated += 1
        for name, (kind, text) in values.items():
            if name == "title":
                translation.title = text
            elif name == "description":
                translation.description = text
            elif kind == "html":
                setattr(
                    translation,
                    name,
                    RichTextValue(text, "text/html", "text/x-html-safe"),
                )
            else:
                setattr(translation, name, text)
        notify(ObjectModifiedEvent(translation, Attributes(None, *values)))
    return ImportResult(created, updated)
