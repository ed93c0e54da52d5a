"""The pages of the portal's own types render Plone's viewlet managers
around their content, as a Document does: the notice on an outdated
translation, the byline, keywords and every other viewlet above or below the
content show there too."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from support import get_ok
from support import OWNER
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import lxml.html
import pytest
import transaction


# the fields each type requires, besides its title
REQUIRED = {
    "Document": {},
    "Offer": {"categories": ["language"]},
    "Organisation": {"kind": "jobcenter"},
    "Contact": {"position": "Beratung"},
    "GoodPractice": {"municipality": "Landkreis Stendal", "source": "Pressetext"},
    "ProcessChain": {"goal": "work"},
    "ProcessStep": {"phase": "arrival"},
}
TYPES = [name for name in REQUIRED if name != "Document"]

# What the viewlet managers put around a Document's content (with the byline
# shown to visitors and keywords set), as id or class: the type pages must
# show the same, in the same order.
VIEWLETS = (
    "viewlet-above-content-title",  # plone.abovecontenttitle
    "translation-notice",  # our viewlet in it
    "h1",  # the title
    "viewlet-below-content-title",  # plone.belowcontenttitle
    "section-byline",  # plone.documentbyline in it
    "viewlet-below-content-description",  # plone.belowcontentdescription
    "viewlet-above-content-body",  # plone.abovecontentbody
    "content-core",
    "viewlet-below-content-body",  # plone.belowcontentbody
    "section-category",  # plone.keywords in it
    "viewlet-below-content",  # plone.belowcontent (document actions)
)


def create(container, portal_type, id, title):
    obj = api.content.create(
        container,
        portal_type,
        id=id,
        title=title,
        description=f"Über {title}",
        **REQUIRED[portal_type],
    )
    obj.setSubject(("Integration",))
    return obj


def translate(original, title):
    arabic = ITranslationManager(original).add_translation("ar")
    arabic.title = title
    arabic.description = f"عن {title}"
    arabic.setSubject(("اندماج",))
    arabic.reindexObject()
    return arabic


def change(obj, title):
    """A real change, reported as the edit form does."""
    obj.title = title
    notify(ObjectModifiedEvent(obj, Attributes(None, "title")))


def outdated_pair(portal, portal_type):
    """A German item of ``portal_type`` and its Arabic translation, both
    published; the German one changed after it was translated."""
    container, extra = portal["de"], []
    if portal_type == "ProcessStep":  # a step lives in a chain
        container = create(container, "ProcessChain", "kette", "Ankommen")
        extra = [container, translate(container, "الوصول")]
    original = create(
        container, portal_type, portal_type.lower(), f"Seite {portal_type}"
    )
    arabic = translate(original, f"صفحة {portal_type}")
    for obj in (*extra, original, arabic):
        api.content.transition(obj, to_state="published")
    change(original, f"Neue Seite {portal_type}")
    return original, arabic


@pytest.fixture
def outdated_pairs(ml_functional_portal):
    """Make a Document and an item of each type with an outdated Arabic
    translation, on demand: {portal_type: (original, translation)}."""
    portal = ml_functional_portal
    # visitors see the byline (the publication date) as on a real site
    api.portal.set_registry_record("plone.display_publication_date_in_byline", True)
    made = {}

    def make(portal_type):
        with api.env.adopt_user(SITE_OWNER_NAME):
            for name in ("Document", portal_type):
                if name not in made:
                    made[name] = outdated_pair(portal, name)
        transaction.commit()
        return made["Document"], made[portal_type]

    return make


def content_of(html):
    """The <article id="content"> of a page, without the invisible
    schema.org tags (which repeat the title for machines)."""
    tree = lxml.html.fromstring(html)
    for hidden in tree.xpath('//*[@id="social-tags-body"]'):
        hidden.drop_tree()
    (content,) = tree.xpath('//article[@id="content"]')
    return content


def positions(content):
    """{mark: where it first occurs in the content, or None} for VIEWLETS,
    in the order of VIEWLETS."""
    order = dict.fromkeys(VIEWLETS)
    for number, element in enumerate(content.iter()):
        if not isinstance(element.tag, str):
            continue
        marks = {element.tag, element.get("id")}
        marks |= set((element.get("class") or "").split())
        for mark in marks & set(VIEWLETS):
            if order[mark] is None:
                order[mark] = number
    return order


def in_order(marks):
    return list(marks.values()) == sorted(marks.values())


@pytest.mark.parametrize("portal_type", TYPES)
def test_outdated_translation_page_has_notice_and_viewlets(outdated_pairs, portal_type):
    (document, document_ar), (original, arabic) = outdated_pairs(portal_type)

    # the yardstick: what Plone renders around a Document's text
    document_page = positions(content_of(get_ok(document_ar).text))
    assert None not in document_page.values(), document_page
    assert in_order(document_page), document_page

    content = content_of(get_ok(arabic).text)
    page = positions(content)
    assert None not in page.values(), page
    assert in_order(page), page

    # the notice, with its way to the original
    (notice,) = content.xpath('//*[contains(@class, "translation-notice")]')
    (link,) = notice.xpath(".//a")
    assert link.get("href") == original.absolute_url()
    assert link.get("hreflang") == "de"
    assert "(Deutsch)" in link.text_content()
    # the byline and the keywords of the translation
    assert content.xpath('//*[@id="section-byline"]/span[@class="documentModified"]')
    assert "اندماج" in content.get_element_by_id("section-category").text_content()

    # one title, shown once; the description once, in its place
    (heading,) = content.xpath(".//h1")
    assert heading.text_content().strip() == arabic.Title()

    # (German terms inside Arabic text are marked, so a text may span
    # several nodes: count the innermost elements that show it whole)
    def shown(text):
        return [
            element
            for element in content.iter()
            if isinstance(element.tag, str)
            and element.text_content().strip() == text
            and not any(child.text_content().strip() == text for child in element)
        ]

    assert len(shown(arabic.Title())) == 1
    assert len(shown(arabic.Description())) == 1


@pytest.mark.parametrize("portal_type", TYPES)
def test_original_page_has_viewlets_but_no_notice(outdated_pairs, portal_type):
    _document, (original, _arabic) = outdated_pairs(portal_type)
    content = content_of(get_ok(original).text)
    marks = positions(content)
    assert marks.pop("translation-notice") is None
    assert None not in marks.values(), marks
    assert in_order(marks), marks
    assert len(content.xpath(".//h1")) == 1


def test_step_page_shows_editors_flags_below_the_title(outdated_pairs):
    _document, (original, _arabic) = outdated_pairs("ProcessStep")
    content = content_of(get_ok(original, auth=OWNER).text)
    (heading,) = content.xpath(".//h1")
    (flags,) = content.xpath('//*[contains(@class, "chain-flags")]')
    assert flags.xpath("./li")  # "Nobody is responsible for this step."
    order = list(content.iter())
    assert order.index(heading) < order.index(flags)
    # visitors get no flags
    assert "chain-flags" not in get_ok(original).text
