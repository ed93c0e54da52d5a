"""Answer files: the answers that create one district's portal.

An answer file (site profile) is a TOML file in the project's ``profiles/`` folder::

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
the file and the field at fault. It returns the answers of the
"Integrationsportal" distribution (``distributions/integrationsportal/
schema.json``), the same the "Create a Plone site" form sends; ``make
create-site`` hands them to ``plone.distribution.api.site.create``.
"""

from integrationsportal.shared.languages import SUPPORTED_CODES
from integrationsportal.site.distribution import answer_problems
from pathlib import Path
import re


try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib


SITE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")

# answers whose field in the file has another name
FILE_FIELDS = {"default_language": "languages.default"}


class SiteProfileError(ValueError):
    """A site profile is malformed. The message names the file and the field."""

    def __init__(self, path, field, problem):
        self.path = str(path)
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: field '{field}': {problem}")


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
    """Read and check an answer file; returns the distribution's answers."""
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

    default_language = read.value("languages", "default", str)
    languages = read.value("languages", "available", list)
    for code in languages:
        if code not in SUPPORTED_CODES:
            read.fail(
                "languages.available",
                f"'{code}' is not one of the portal's languages "
                f"({', '.join(SUPPORTED_CODES)})",
            )

    district_name = read.value("district", "name", str)
    municipalities = read.value("district", "municipalities", list)
    demo = read.value("content", "demo", bool, required=False, default=False)
    housing = _read_housing(read)
    # unanswered, the portal keeps the settings' defaults
    open_data = {}
    for key in ("licence", "licence_url"):
        value = read.value("open_data", key, str, required=False)
        if value == "":
            read.fail(f"open_data.{key}", "must not be empty")
        if value is not None:
            open_data[key] = value
    if not open_data.get("licence_url", "https://").startswith(("https://", "http://")):
        read.fail("open_data.licence_url", "must be a web address (https://…)")

    answers = {
        "site_id": site_id,
        "title": title,
        "description": description,
        "portal_timezone": timezone,
        "default_language": default_language,
        "available_languages": languages,
        "district_name": district_name,
        "municipalities": municipalities,
        "setup_content": demo,
        "housing": housing,
        "open_data": open_data,
    }
    for key, problem in answer_problems(answers):
        read.fail(FILE_FIELDS.get(key, key), problem)
    return answers


RENT_LIMIT_COLUMNS = 7  # household sizes 1 to 6, then each further person


def _read_housing(read):
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
    return {
        "public_listing": public,
        "retention_days": days,
        "notify_addresses": notify,
        "privacy_version": version,
        "rent_limits": rows,
    }
