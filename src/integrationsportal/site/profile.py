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

    [identity]                    # optional; the district on every page
    name = "Musterkreis"          # next to the logo; default: district.name
    logo = "musterkreis/logo.svg" # SVG or PNG, path from this file
    favicon = "musterkreis/favicon.svg"    # SVG, PNG or ICO
    app_icon = "musterkreis/app-icon.png"  # square PNG; default: drawn
    primary = "#1d5631"           # header and footer background
    on_primary = "#ffffff"        # text on it: contrast at least 4.5:1
    accent = "#1d5631"            # links on white: contrast at least 4.5:1
    address = "Am Markt 1, 12345 Musterstadt"
    phone = "+49 1234 567-0"
    email = "integration@example.org"
    imprint_url = "https://example.org/impressum"  # or a path from the
    privacy_url = "https://example.org/datenschutz" # language root
    accessibility_url = "@@accessibility-statement"

    [places]                      # optional; maps, distances, journeys
    journey_planner = "https://example.org/route?to={lat},{lon}"
    tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"  # "" for none
    tile_attribution = "© OpenStreetMap"
    tile_attribution_url = "https://www.openstreetmap.org/copyright"
    geocoder = ""                 # Nominatim-compatible search; "" is off
    outline = [[50.61, 9.62], [50.66, 9.75], [50.55, 9.80]]  # [lat, lon]…

    [places.municipalities]       # each municipality's centre: [lat, lon]
    Musterstadt = [50.600, 9.700]

    [places.postal_codes]         # the district's postal codes: [lat, lon]
    "12345" = [50.600, 9.700]

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

from base64 import b64encode
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
        "identity",
        "places",
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

    identity, logo = _read_identity(read, district_name)
    places = _read_places(read, municipalities)
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
        "identity": identity,
    }
    if places:
        answers["places"] = places
    if logo:
        answers["site_logo"] = logo
    for key, problem in answer_problems(answers):
        read.fail(FILE_FIELDS.get(key, key), problem)
    return answers


IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/vnd.microsoft.icon",
}
MAX_IMAGE_BYTES = 1024 * 1024
IDENTITY_TEXTS = (
    "name",
    "primary",
    "on_primary",
    "accent",
    "address",
    "phone",
    "email",
    "imprint_url",
    "privacy_url",
    "accessibility_url",
)
IDENTITY_IMAGES = {
    "logo": (".svg", ".png"),
    "favicon": (".svg", ".png", ".ico"),
    "app_icon": (".png",),
}


def _image_data_url(read, field, value, suffixes):
    """The image file named in the answer file as a data URL, in the form
    plone.distribution's ``site_logo`` answer takes (with the file's name)."""
    path = (read.path.parent / value).resolve()
    if path.suffix.lower() not in suffixes:
        kinds = " or ".join(suffix[1:].upper() for suffix in suffixes)
        read.fail(field, f"must be a {kinds} file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        read.fail(field, f"'{value}' cannot be read: {exc.strerror}")
    if not data or len(data) > MAX_IMAGE_BYTES:
        read.fail(field, "must be an image file of at most 1 MiB")
    looks_right = {
        ".png": data.startswith(b"\x89PNG\r\n\x1a\n"),
        ".svg": b"<svg" in data[:4096],
        ".ico": data[:4] == b"\x00\x00\x01\x00",
    }[path.suffix.lower()]
    if not looks_right:
        read.fail(field, f"'{value}' is not a {path.suffix[1:].upper()} image")
    mimetype = IMAGE_TYPES[path.suffix.lower()]
    encoded = b64encode(data).decode("ascii")
    return f"data:{mimetype};name={path.name};base64,{encoded}"


def _read_identity(read, district_name):
    """The ``[identity]`` section: the answers' ``identity`` and the logo
    (plone.distribution's ``site_logo`` answer)."""
    section = read.section("identity", required=False)
    unknown = set(section) - set(IDENTITY_TEXTS) - set(IDENTITY_IMAGES)
    if unknown:
        read.fail(f"identity.{sorted(unknown)[0]}", "is not a known field")
    identity = {}
    for key in IDENTITY_TEXTS:
        value = read.value("identity", key, str, required=False)
        if value:
            identity[key] = value
    identity.setdefault("name", district_name)
    images = {}
    for key, suffixes in IDENTITY_IMAGES.items():
        value = read.value("identity", key, str, required=False)
        if value:
            images[key] = _image_data_url(read, f"identity.{key}", value, suffixes)
    for key in ("favicon", "app_icon"):
        if key in images:
            identity[key] = images[key]
    return identity, images.get("logo")


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


# A coordinate of a German district: latitude and longitude in these ranges
# (a little beyond Germany's borders); swapped values fall outside.
LATITUDES = (46.0, 56.0)
LONGITUDES = (5.0, 16.0)
PLACES_ADDRESSES = ("journey_planner", "tiles", "tile_attribution_url", "geocoder")
PLACES_TEXTS = {
    "journey_planner": "journey_planner_url",
    "tiles": "tile_url",
    "tile_attribution": "tile_attribution",
    "tile_attribution_url": "tile_attribution_url",
    "geocoder": "geocoder_url",
}


def _coordinate(read, field, value):
    """[latitude, longitude] → (lat, lon); a malformed one fails naming
    ``field``."""
    shape = "must be [latitude, longitude] in degrees, e.g. [50.60, 9.70]"
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
        )
    ):
        read.fail(field, shape)
    lat, lon = float(value[0]), float(value[1])
    if not LATITUDES[0] <= lat <= LATITUDES[1] or not (
        LONGITUDES[0] <= lon <= LONGITUDES[1]
    ):
        swapped = (
            LATITUDES[0] <= lon <= LATITUDES[1]
            and LONGITUDES[0] <= lat <= LONGITUDES[1]
        )
        read.fail(
            field,
            f"[{value[0]}, {value[1]}] is not in Germany (latitude "
            f"{LATITUDES[0]:g} to {LATITUDES[1]:g}, longitude {LONGITUDES[0]:g} "
            f"to {LONGITUDES[1]:g})"
            + ("; latitude and longitude seem swapped" if swapped else ""),
        )
    return [lat, lon]


def _read_places(read, municipalities):
    """The ``[places]`` section: {} when there is none."""
    section = read.section("places", required=False)
    if not section:
        return {}
    known = set(PLACES_TEXTS) | {"outline", "municipalities", "postal_codes"}
    unknown = set(section) - known
    if unknown:
        read.fail(f"places.{sorted(unknown)[0]}", "is not a known field")
    places = {}
    for key, answer in PLACES_TEXTS.items():
        if key not in section:
            continue
        value = read.value("places", key, str, required=False)
        secure = value.startswith("https://") if value else True
        if key in PLACES_ADDRESSES and not secure:
            read.fail(f"places.{key}", "must be a secure web address (https://…)")
        if (
            key == "tiles"
            and value
            and not all(part in value for part in ("{z}", "{x}", "{y}"))
        ):
            read.fail("places.tiles", "must contain {z}, {x} and {y}")
        if (
            key == "journey_planner"
            and value
            and not ("{lat}" in value and "{lon}" in value)
        ):
            read.fail("places.journey_planner", "must contain {lat} and {lon}")
        places[answer] = value
    centres = section.get("municipalities", {})
    if not isinstance(centres, dict):
        read.fail(
            "places.municipalities", "must be a section ([places.municipalities])"
        )
    places["municipalities"] = {}
    for name, value in centres.items():
        field = f"places.municipalities.{name}"
        if name not in municipalities:
            read.fail(field, "is not one of the district's municipalities")
        places["municipalities"][name] = _coordinate(read, field, value)
    codes = section.get("postal_codes", {})
    if not isinstance(codes, dict):
        read.fail("places.postal_codes", "must be a section ([places.postal_codes])")
    places["postal_codes"] = {}
    for code, value in codes.items():
        field = f"places.postal_codes.{code}"
        if not re.fullmatch(r"\d{5}", code):
            read.fail(field, "is not a postal code (five digits, in quotes)")
        places["postal_codes"][code] = _coordinate(read, field, value)
    outline = section.get("outline", [])
    if not isinstance(outline, list):
        read.fail("places.outline", "must be a list of [latitude, longitude] points")
    places["outline"] = [
        _coordinate(read, f"places.outline[{number}]", value)
        for number, value in enumerate(outline, 1)
    ]
    if places["outline"] and len(places["outline"]) < 3:
        read.fail("places.outline", "needs at least three points")
    return places
