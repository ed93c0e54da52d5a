"""The start page's tiles: where a tile leads, and the default set that
installing the add-on (and upgrade 1007) puts into every language root.

The default texts are written here in every language of
``shared/languages.py``; a language without texts here gets the English ones,
for its translators to change in the ordinary edit form.
"""

from Acquisition import aq_base
from integrationsportal import logger
from integrationsportal.housing.form import FORM_ID as HOUSING_FORM_ID
from integrationsportal.shared.relations import related
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from urllib.parse import urlsplit
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


TILE_TYPE = "TaskTile"
START_PAGE_VIEW = "start-page"
CHOOSER_VIEW = "language-chooser"


def tile_target(tile, navigation_root_url, portal_url):
    """``(url, language)`` of where ``tile`` leads, or ``None`` when it leads
    nowhere the user may go. ``language`` is the target page's language when
    that differs from the tile's (the link's ``hreflang``), else ``None``."""
    target = related(tile, "target")
    if target is not None:
        language = _language(target)
        if language == _language(tile):
            language = None
        return target.absolute_url(), language
    url = (getattr(tile, "target_url", None) or "").strip()
    if not url:
        return None
    url = url.replace("${navigation_root_url}", navigation_root_url).replace(
        "${portal_url}", portal_url
    )
    # an address, never a script: http(s), or a path on this portal
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https") and not (
        not scheme and url.startswith("/") and not url.startswith("//")
    ):
        return None
    return url, None


def _language(obj):
    """The language of ``obj``, else of its language root (None for none)."""
    for candidate in (obj, api.portal.get_navigation_root(obj)):
        language = ILanguage(candidate, None)
        if language is not None and language.get_language():
            return language.get_language()
    return None


# (id, icon, where it leads, {language: (title, one sentence)}). Where it
# leads: a view of the language root ("@@…"), or "housing-form" for the
# landlords' form, "easy-read" for the page in Leichte Sprache (the site's
# setting; no tile while there is none), or "contacts" for the page of
# organisations by kind (directory's @@who-helps).
DEFAULT_TILES = (
    (
        "task-guide",
        "ui-checks-grid",
        "@@offer-finder-guide",
        {
            "de": (
                "Welche Angebote passen zu mir?",
                "Vier kurze Fragen, dann sehen Sie passende Angebote.",
            ),
            "en": (
                "Which offers fit me?",
                "Answer four short questions and see the offers that fit you.",
            ),
            "ar": (
                "ما العروض المناسبة لي؟",
                "أجب عن أربعة أسئلة قصيرة، ثم ترى العروض المناسبة لك.",
            ),
            "fa": (
                "کدام پیشنهادها برای من مناسب است؟",
                "به چهار سؤال کوتاه جواب دهید و پیشنهادهای مناسب را ببینید.",
            ),
            "uk": (
                "Які пропозиції мені підходять?",
                "Дайте відповідь на чотири короткі питання "
                "й побачите, що вам підходить.",
            ),
            "tr": (
                "Hangi teklifler bana uygun?",
                "Dört kısa soruyu cevaplayın, size uygun teklifleri görün.",
            ),
        },
    ),
    (
        "task-finder",
        "search",
        "@@offer-finder",
        {
            "de": (
                "Angebot finden",
                "Suchen Sie Kurse, Beratung und Hilfe in Ihrer Nähe.",
            ),
            "en": ("Find an offer", "Look for courses, advice and help near you."),
            "ar": ("ابحث عن عرض", "ابحث عن دورات واستشارة ومساعدة قريبة منك."),
            "fa": (
                "پیدا کردن پیشنهاد",
                "دوره‌ها، مشاوره و کمک در نزدیکی خود را پیدا کنید.",
            ),
            "uk": (
                "Знайти пропозицію",
                "Шукайте курси, консультації та допомогу поруч із вами.",
            ),
            "tr": (
                "Teklif bul",
                "Yakınınızdaki kursları, danışmanlığı ve yardımı arayın.",
            ),
        },
    ),
    (
        "task-steps",
        "signpost-split",
        "@@process-chains",
        {
            "de": (
                "Schritte in Ausbildung und Arbeit",
                "Welcher Schritt kommt als Nächstes, und wer hilft dabei?",
            ),
            "en": (
                "Steps into training and work",
                "See which step comes next and who helps you with it.",
            ),
            "ar": (
                "خطوات نحو التدريب المهني والعمل",
                "اعرف ما الخطوة التالية ومن يساعدك فيها.",
            ),
            "fa": (
                "قدم‌ها به سوی آموزش حرفه‌ای و کار",
                "ببینید قدم بعدی چیست و چه کسی به شما کمک می‌کند.",
            ),
            "uk": (
                "Кроки до навчання і роботи",
                "Дізнайтеся, який крок наступний і хто вам допоможе.",
            ),
            "tr": (
                "Meslek eğitimine ve işe adımlar",
                "Sıradaki adımı ve size kimin yardım ettiğini görün.",
            ),
        },
    ),
    (
        "task-help",
        "people",
        "contacts",
        {
            "de": (
                "Wer hilft mir?",
                "Ämter, Beratungsstellen und Ansprechpersonen mit Telefon und Adresse.",
            ),
            "en": (
                "Who helps me?",
                "Offices, advice centres and contact persons, with phone and address.",
            ),
            "ar": (
                "من يساعدني؟",
                "المكاتب ومراكز الاستشارة والأشخاص المسؤولون، مع الهاتف والعنوان.",
            ),
            "fa": (
                "چه کسی به من کمک می‌کند؟",
                "اداره‌ها، مراکز مشاوره و افراد مسئول، با تلفن و نشانی.",
            ),
            "uk": (
                "Хто мені допоможе?",
                "Установи, консультації та контактні особи з телефоном і адресою.",
            ),
            "tr": (
                "Bana kim yardım eder?",
                "Kurumlar, danışma yerleri ve yetkili kişiler, "
                "telefon ve adresleriyle.",
            ),
        },
    ),
    (
        "task-easy-language",
        "universal-access",
        "easy-read",
        {
            "de": (
                "Leichte Sprache und Gebärdensprache",
                "Das Wichtigste einfach erklärt, auch in Gebärdensprache.",
            ),
            "en": (
                "Easy language and sign language",
                "The most important things explained simply, also in sign language.",
            ),
            "ar": (
                "لغة سهلة ولغة الإشارة",
                "أهم المعلومات بشرح بسيط، وبلغة الإشارة أيضًا.",
            ),
            "fa": (
                "زبان ساده و زبان اشاره",
                "مهم‌ترین چیزها با زبان ساده، و همچنین با زبان اشاره.",
            ),
            "uk": (
                "Проста мова і мова жестів",
                "Найважливіше простими словами, також мовою жестів.",
            ),
            "tr": (
                "Kolay dil ve işaret dili",
                "En önemli bilgiler basitçe anlatılmış, işaret dilinde de.",
            ),
        },
    ),
    (
        "task-offer-flat",
        "house-add",
        "housing-form",
        {
            "de": (
                "Wohnung anbieten",
                "Für Vermieter: Bieten Sie uns eine freie Wohnung an.",
            ),
            "en": ("Offer a flat", "For landlords: offer us a flat that is free."),
            "ar": ("اعرض شقة", "لأصحاب الشقق: اعرض علينا شقة فارغة للإيجار."),
            "fa": (
                "پیشنهاد آپارتمان",
                "برای صاحبخانه‌ها: یک آپارتمان خالی را به ما پیشنهاد دهید.",
            ),
            "uk": (
                "Запропонувати житло",
                "Для орендодавців: запропонуйте нам вільну квартиру.",
            ),
            "tr": (
                "Daire teklif et",
                "Ev sahipleri için: Boş bir daireyi bize teklif edin.",
            ),
        },
    ),
)


def _language_roots(portal):
    """The language root folders of the available languages, default first."""
    default = api.portal.get_registry_record("plone.default_language", default="de")
    available = api.portal.get_registry_record(
        "plone.available_languages", default=[default]
    )
    codes = [default, *(code for code in available if code != default)]
    for code in codes:
        root = portal.get(code)
        if root is not None and getattr(root, "portal_type", None) == "LRF":
            yield code, root


def _easy_read_page():
    """The page in Leichte Sprache the site's settings name, if it exists."""
    path = api.portal.get_registry_record(
        "integrationsportal.easy_read_page", default=None
    )
    if not path:
        return None
    return api.portal.get().unrestrictedTraverse(path.strip("/"), None)


def _target(where, root, housing_form):
    """``(relation target, url)`` for a default tile's destination."""
    if where == "housing-form":
        # the form in the root's own language where the site has one
        own = root.get(HOUSING_FORM_ID)
        return (own if own is not None else housing_form), None
    if where == "easy-read":
        return _easy_read_page(), None
    if where == "contacts":
        # the organisations by kind, those only in German marked so
        return None, "${navigation_root_url}/@@who-helps"
    return None, f"${{navigation_root_url}}/{where}"


def _relation(obj):
    return RelationValue(getUtility(IIntIds).getId(obj))


def create_default_tiles(portal, code, root, housing_form, originals):
    """The default tiles in one language root, linked as translations of
    ``originals`` (those of the default language, by id)."""
    created = 0
    for tile_id, icon, where, texts in DEFAULT_TILES:
        title, sentence = texts.get(code) or texts["en"]
        target, url = _target(where, root, housing_form)
        if target is None and url is None:
            continue  # the page it would lead to does not exist
        tile = api.content.create(
            container=root,
            type=TILE_TYPE,
            id=tile_id,
            title=title,
            description=sentence,
            icon=icon,
            target_url=url,
            exclude_from_nav=True,
        )
        if target is not None:
            tile.target = _relation(target)
        ILanguage(tile).set_language(code)
        original = originals.get(tile_id)
        if original is None:
            originals[tile_id] = tile
        else:
            ITranslationManager(original).register_translation(code, tile)
        if api.content.get_state(tile, None) != "published":
            api.content.transition(obj=tile, to_state="published")
        tile.reindexObject()
        created += 1
    return created


def _adopt_default_page(root):
    """A language root shows its start page: a page that was its default
    page stays in the folder, out of the navigation as before, and its
    summary becomes the root's (the start page's last lines)."""
    page_id = root.getDefaultPage()
    if not page_id:
        return
    page = root.get(page_id)
    root.setDefaultPage(None)
    if page is None:
        return
    page.exclude_from_nav = True
    page.reindexObject()
    if not (root.Description() or "").strip():
        root.setDescription(page.Description())
        root.reindexObject()


def _view_methods(portal_type, add=None, remove=None):
    fti = api.portal.get_tool("portal_types").get(portal_type)
    if fti is None:
        return
    methods = tuple(m for m in fti.view_methods if m != remove)
    if add and add not in methods:
        methods = (*methods, add)
    if methods != tuple(fti.view_methods):
        fti._updateProperty("view_methods", methods)


def setup_start_pages(portal):
    """The portal root shows the language chooser, every language root its
    start page; a root without tiles gets the default set. Runs again without
    harm: a root that has tiles keeps them as its editors left them."""
    default = api.portal.get_registry_record("plone.default_language", default="de")
    housing_root = portal.get(default)
    housing_form = housing_root.get(HOUSING_FORM_ID) if housing_root else None
    originals = {}
    roots = list(_language_roots(portal))
    # editors find both views in the "Display" menu
    _view_methods("Plone Site", add=CHOOSER_VIEW)
    _view_methods("LRF", add=START_PAGE_VIEW)
    with api.env.adopt_roles(["Manager"]):
        if roots:
            portal.setLayout(CHOOSER_VIEW)
        for code, root in roots:
            _adopt_default_page(root)
            root.setLayout(START_PAGE_VIEW)
            tiles = [obj for obj in root.objectValues() if obj.portal_type == TILE_TYPE]
            if tiles:
                for tile in tiles:
                    originals.setdefault(tile.getId(), tile)
                continue
            created = create_default_tiles(portal, code, root, housing_form, originals)
            logger.info("Start page /%s: %d task tiles.", code, created)


def exclude_tiles_from_search():
    """Tiles are parts of the start page, not pages to find."""
    record = "plone.types_not_searched"
    hidden = tuple(api.portal.get_registry_record(record, default=()) or ())
    if TILE_TYPE not in hidden:
        api.portal.set_registry_record(record, (*hidden, TILE_TYPE))


def teardown_start_pages(portal):
    """On uninstalling: the portal root and the language roots fall back to
    their types' default views (the views named here exist only with the
    add-on). The tiles stay, as all content does."""
    _view_methods("Plone Site", remove=CHOOSER_VIEW)
    _view_methods("LRF", remove=START_PAGE_VIEW)
    for obj in (portal, *(root for _code, root in _language_roots(portal))):
        if obj.getProperty("layout", None) in (CHOOSER_VIEW, START_PAGE_VIEW):
            obj.manage_delProperties(["layout"])
    hidden = api.portal.get_registry_record("plone.types_not_searched", default=())
    if TILE_TYPE in (hidden or ()):
        api.portal.set_registry_record(
            "plone.types_not_searched", tuple(t for t in hidden if t != TILE_TYPE)
        )


def own_housing_forms(portal):
    """Point each language root's "offer a flat" tile at the form in its own
    language, where the tile still leads to the default language's form and
    the root has one (language forms came after the first tiles)."""
    default = api.portal.get_registry_record("plone.default_language", default="de")
    default_root = portal.get(default)
    german = default_root.get(HOUSING_FORM_ID) if default_root is not None else None
    if german is None:
        return 0
    changed = 0
    for _code, root in _language_roots(portal):
        own = root.get(HOUSING_FORM_ID)
        tile = root.get("task-offer-flat")
        if own is None or aq_base(own) is aq_base(german) or tile is None:
            continue
        target = getattr(tile, "target", None)
        if target is not None and aq_base(target.to_object) is aq_base(german):
            tile.target = _relation(own)
            notify(ObjectModifiedEvent(tile))  # the relation catalog follows
            changed += 1
    return changed
