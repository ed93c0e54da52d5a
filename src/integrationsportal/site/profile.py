"""Site profiles: the answers that create one district's portal.

A site profile is a TOML file in the project's ``profiles/`` folder::

    [site]
    id = "Plone"
    title = "Integrationsportal Musterkreis"
    description = "..."
    timezone = "Europe/Berlin"

    [languages]
    default = "de"
    available = ["de", "en", "ar"]

    [district]
    name = "Musterkreis"
    municipalities = ["Musterstadt", "Beispielheim"]

    [content]
    demo = true

    [open_data]                   # optional; the licence of the open data
    licence = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    licence_url = "https://www.govdata.de/dl-de/by-2-0"

    [housing]                     # optional; these are the defaults
    public_listing = false        # checked flats on a public page, no address
    retention_days = 180          # landlord data erased after placement
    notify = []                   # addresses told about new flats
    privacy_version = "1"         # recorded with each consent

    [housing.rent_limits]         # gross cold rent (EUR/month) for 1…6 persons,
    Musterstadt = [450, 540, 640, 740, 840, 940, 100]   # then each further person

``load_site_profile`` checks every field and raises ``SiteProfileError`` with
the file and the field at fault; ``create_portal`` builds the portal.
"""

from dataclasses import dataclass
from integrationsportal.housing.form import setup_housing
from integrationsportal.housing.limits import limits_from_rows
from pathlib import Path
import re


try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib


SITE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")


class SiteProfileError(ValueError):
    """A site profile is malformed. The message names the file and the field."""

    def __init__(self, path, field, problem):
        self.path = str(path)
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: field '{field}': {problem}")


@dataclass(frozen=True)
class HousingProfile:
    public_listing: bool = False
    retention_days: int = 180
    notify_addresses: tuple = ()
    privacy_version: str = "1"
    rent_limits: dict = None  # registry form: {"Musterstadt|1": 450.0, …}


@dataclass(frozen=True)
class SiteProfile:
    path: str
    site_id: str
    title: str
    description: str
    timezone: str
    default_language: str
    languages: tuple
    district_name: str
    municipalities: tuple
    demo_content: bool
    housing: HousingProfile = HousingProfile()
    open_data_licence: str = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    open_data_licence_url: str = "https://www.govdata.de/dl-de/by-2-0"


def _known_languages():
    from plone.i18n.locales.languages import _combinedlanguagelist
    from plone.i18n.locales.languages import _languagelist

    return set(_languagelist) | set(_combinedlanguagelist)


def _known_timezones():
    try:
        import zoneinfo

        return zoneinfo.available_timezones()
    except ImportError:  # pragma: no cover
        return None


class _Reader:
    """Reads typed fields out of the parsed TOML, naming the field on error."""

    def __init__(self, path, data):
        self.path = path
        self.data = data

    def fail(self, field, problem):
        raise SiteProfileError(self.path, field, problem)

    def section(self, name, required=True):
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "the section is missing")
            return {}
        if not isinstance(value, dict):
            self.fail(name, f"must be a section ([{name}])")
        return value

    def value(self, section, key, kind, required=True, default=None):
        field = f"{section}.{key}"
        data = self.section(section, required=required)
        if key not in data:
            if required:
                self.fail(field, "is missing")
            return default
        value = data[key]
        if kind is str:
            if not isinstance(value, str):
                self.fail(field, "must be text in quotes")
            value = value.strip()
            if required and not value:
                self.fail(field, "must not be empty")
        elif kind is bool:
            if not isinstance(value, bool):
                self.fail(field, "must be true or false")
        elif kind is list:
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                self.fail(field, "must be a list of non-empty texts in quotes")
            value = [v.strip() for v in value]
            if len(set(value)) != len(value):
                self.fail(field, "lists an entry twice")
        return value


def load_site_profile(path):
    """Read and check a site profile; returns a ``SiteProfile``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SiteProfileError(path, "(file)", f"cannot be read: {exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SiteProfileError(path, "(file)", "is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SiteProfileError(path, "(file)", f"is not valid TOML: {exc}") from exc

    read = _Reader(path, data)
    unknown = set(data) - {
        "site",
        "languages",
        "district",
        "content",
        "housing",
        "open_data",
    }
    if unknown:
        read.fail(sorted(unknown)[0], "is not a known section")

    site_id = read.value("site", "id", str)
    if not SITE_ID.match(site_id):
        read.fail(
            "site.id",
            f"'{site_id}' is not a usable id (a letter, then letters, digits, "
            "'_', '-' or '.', at most 64)",
        )
    title = read.value("site", "title", str)
    description = read.value("site", "description", str, required=False, default="")
    timezone = read.value(
        "site", "timezone", str, required=False, default="Europe/Berlin"
    )
    zones = _known_timezones()
    if zones is not None and timezone not in zones:
        read.fail("site.timezone", f"'{timezone}' is not a known time zone")

    known = _known_languages()
    default_language = read.value("languages", "default", str)
    languages = read.value("languages", "available", list)
    for code in languages:
        if not LANGUAGE_CODE.match(code) or code not in known:
            read.fail("languages.available", f"'{code}' is not a language code")
    if default_language not in languages:
        read.fail(
            "languages.default",
            f"'{default_language}' must be one of languages.available",
        )

    district_name = read.value("district", "name", str)
    municipalities = read.value("district", "municipalities", list)
    demo = read.value("content", "demo", bool, required=False, default=False)
    housing = _read_housing(read, municipalities)
    licence = read.value(
        "open_data",
        "licence",
        str,
        required=False,
        default=SiteProfile.open_data_licence,
    )
    licence_url = read.value(
        "open_data",
        "licence_url",
        str,
        required=False,
        default=SiteProfile.open_data_licence_url,
    )
    if licence_url and not licence_url.startswith(("https://", "http://")):
        read.fail("open_data.licence_url", "must be a web address (https://…)")

    return SiteProfile(
        path=str(path),
        site_id=site_id,
        title=title,
        description=description,
        timezone=timezone,
        default_language=default_language,
        languages=tuple(languages),
        district_name=district_name,
        municipalities=tuple(municipalities),
        demo_content=demo,
        housing=housing,
        open_data_licence=licence,
        open_data_licence_url=licence_url,
    )


RENT_LIMIT_COLUMNS = 7  # household sizes 1 to 6, then each further person


def _read_housing(read, municipalities):
    section = read.section("housing", required=False)
    unknown = set(section) - {
        "public_listing",
        "retention_days",
        "notify",
        "privacy_version",
        "rent_limits",
    }
    if unknown:
        read.fail(f"housing.{sorted(unknown)[0]}", "is not a known field")
    public = read.value(
        "housing", "public_listing", bool, required=False, default=False
    )
    days = section.get("retention_days", 180)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3650:
        read.fail("housing.retention_days", "must be a whole number of days, 1 to 3650")
    notify = read.value("housing", "notify", list, required=False, default=[])
    for address in notify:
        if not re.match(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", address):
            read.fail("housing.notify", f"'{address}' is not an email address")
    version = (
        read.value("housing", "privacy_version", str, required=False, default="1")
        or "1"
    )
    rows = section.get("rent_limits", {})
    if not isinstance(rows, dict):
        read.fail("housing.rent_limits", "must be a section ([housing.rent_limits])")
    for municipality, amounts in rows.items():
        field = f"housing.rent_limits.{municipality}"
        if municipality not in municipalities:
            read.fail(field, "is not one of district.municipalities")
        if (
            not isinstance(amounts, list)
            or len(amounts) != RENT_LIMIT_COLUMNS
            or not all(
                isinstance(a, (int, float))
                and not isinstance(a, bool)
                and 0 <= a <= 10000
                for a in amounts
            )
        ):
            read.fail(
                field,
                f"must list {RENT_LIMIT_COLUMNS} amounts in euros from 0 to 10000: "
                "for 1 to 6 persons, then for each further person",
            )
    return HousingProfile(
        public_listing=public,
        retention_days=days,
        notify_addresses=tuple(notify),
        privacy_version=version,
        rent_limits=limits_from_rows(rows),
    )


def create_portal(app, profile, delete_existing=False, log=print):
    """Create the portal described by ``profile`` in the Zope root ``app``.

    Returns the portal. Does not commit; the caller decides.
    """
    from plone import api
    from plone.base.utils import get_installer
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    if profile.site_id in app.objectIds():
        if not delete_existing:
            raise ValueError(f"a site '{profile.site_id}' exists already")
        log(f"Deleting the existing site '{profile.site_id}' …")
        app.manage_delObjects([profile.site_id])

    log(f"[1/4] Creating the Plone site '{profile.site_id}' (classic distribution) …")
    portal = addPloneSite(
        app,
        profile.site_id,
        title=profile.title,
        description=profile.description,
        default_language=profile.default_language,
        portal_timezone=profile.timezone,
        distribution_name="classic",
        setup_content=False,
    )
    setSite(portal)
    # the distribution ignores extension_ids: install the add-on explicitly
    get_installer(portal).install_product("integrationsportal")

    log(f"[2/4] Languages: {', '.join(profile.languages)} …")
    setup_languages(portal, profile.default_language, profile.languages)

    log(
        f"[3/4] District '{profile.district_name}', "
        f"{len(profile.municipalities)} municipalities, groups …"
    )
    setup_groups(portal)
    api.portal.set_registry_record(
        "integrationsportal.district_name", profile.district_name
    )
    api.portal.set_registry_record(
        "integrationsportal.municipalities", list(profile.municipalities)
    )

    api.portal.set_registry_record(
        "integrationsportal.open_data_licence", profile.open_data_licence
    )
    api.portal.set_registry_record(
        "integrationsportal.open_data_licence_url", profile.open_data_licence_url
    )

    setup_housing(portal, profile.default_language, profile.housing, log=log)

    if profile.demo_content:
        log("[4/4] Loading the demo content …")
        portal.portal_setup.runAllImportStepsFromProfile(
            "profile-integrationsportal:demo"
        )
    else:
        log("[4/4] No demo content (content.demo is off).")
    return portal


def setup_languages(portal, default_language, languages):
    """Make ``languages`` available, create their root folders and a group
    of translators for each language but the default one."""
    from plone import api
    from plone.app.multilingual.browser.setup import SetupMultilingualSite

    api.portal.set_registry_record("plone.default_language", default_language)
    api.portal.set_registry_record("plone.available_languages", list(languages))
    SetupMultilingualSite().setupSite(portal)
    # plone.app.multilingual publishes the language roots directly; the
    # review workflow has no direct publishing, so they go through review here
    # (as the Manager who creates the site, exempt from the four-eyes rule)
    workflow_tool = api.portal.get_tool("portal_workflow")
    for language in languages:
        root = portal.get(language)
        if root is None or not workflow_tool.getChainFor(root):
            continue
        if api.content.get_state(root, None) != "published":
            api.content.transition(obj=root, to_state="published")
    setup_translator_groups(portal, default_language, languages)


TRANSLATOR_ROLES = ("Contributor", "Editor")


def translator_group_id(language):
    return f"translators-{language}"


def setup_translator_groups(portal, default_language, languages):
    """One group per language other than the default: its members translate
    into that language and submit for review, in that language root only.
    Publishing stays with reviewers."""
    from plone import api
    from plone.i18n.interfaces import ILanguageUtility
    from zope.component import getUtility

    names = getUtility(ILanguageUtility).getAvailableLanguageInformation()
    for language in languages:
        if language == default_language or language not in portal.objectIds():
            continue
        group_id = translator_group_id(language)
        if api.group.get(groupname=group_id) is None:
            native = (names.get(language) or {}).get("native") or language
            api.group.create(
                groupname=group_id,
                title=f"Übersetzung {native} ({language})",
                description=(
                    "Translates into this language and submits for review; "
                    "cannot publish."
                ),
            )
        api.group.grant_roles(
            groupname=group_id, roles=list(TRANSLATOR_ROLES), obj=portal[language]
        )


# The groups a district needs, with the portal-wide roles they carry. Their
# members are added by the site's administrators (or the demo profile).
GROUPS = (
    (
        "editors",
        "Redaktion",
        "Write and change content; submit it for review.",
        ("Contributor", "Editor"),
    ),
    (
        "reviewers",
        "Prüfung und Freigabe",
        "Check submitted content and publish it.",
        ("Reviewer",),
    ),
    (
        "housing-team",
        "Wohnungsteam (Kreisverwaltung und Jobcenter)",
        "Manage the flats landlords offer.",
        ("HousingTeam",),
    ),
    (
        "steering-group",
        "Lenkungsgruppe",
        "Key figures of the portal.",
        ("SteeringGroup",),
    ),
    (
        "intranet-staff",
        "Mitarbeitende (intern)",
        "Staff of the partner organisations.",
        (),
    ),
)


def setup_groups(portal):
    """Create the district's groups; existing ones keep their members."""
    from plone import api

    for group_id, title, description, roles in GROUPS:
        if api.group.get(groupname=group_id) is None:
            api.group.create(
                groupname=group_id,
                title=title,
                description=description,
                roles=list(roles),
            )


def setup_caching_proxy(portal, proxy_url):
    """plone.app.caching for a portal behind a cache proxy (make cluster):
    the rule set for a caching proxy, and purging of changed pages at
    ``proxy_url``. Runs again without harm."""
    from plone import api
    from plone.base.utils import get_installer

    installer = get_installer(portal)
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:with-caching-proxy")
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", True
    )
    # pages and listings live in the proxy; a change purges the item's own
    # addresses at once, a listing that shows it is at most 10 minutes old
    mapping_record = "plone.caching.interfaces.ICacheSettings.operationMapping"
    mapping = dict(api.portal.get_registry_record(mapping_record))
    for rule in ("plone.content.itemView", "plone.content.folderView"):
        mapping[rule] = "plone.app.caching.moderateCaching"
    api.portal.set_registry_record(mapping_record, mapping)
    api.portal.set_registry_record("plone.app.caching.moderateCaching.smaxage", 600)
    # the finder (plone.content.dynamic): a minute in the proxy
    api.portal.set_registry_record("plone.app.caching.terseCaching.smaxage", 60)
    # every public type is purged when it changes (Plone's default: files,
    # images and news only)
    internal = {"HousingOffers", "HousingOffer", "RoundTable", "Meeting", "ActionItem"}
    public_types = tuple(
        sorted(
            fti.getId()
            for fti in api.portal.get_tool("portal_types").listTypeInfo()
            if fti.getId() not in internal
        )
    )
    api.portal.set_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes",
        public_types,
    )
    prefix = "plone.cachepurging.interfaces.ICachePurgingSettings."
    api.portal.set_registry_record(prefix + "enabled", True)
    api.portal.set_registry_record(prefix + "cachingProxies", (proxy_url,))
    api.portal.set_registry_record(prefix + "virtualHosting", False)
