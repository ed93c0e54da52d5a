"""Marker interfaces of the add-on."""

from integrationsportal import _
from integrationsportal.identity.colours import colour_problems
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IIntegrationsportalLayer(IDefaultBrowserLayer):
    """Browser layer: views, resources and serializers of this add-on are
    registered for it, so they exist only on sites that installed it."""


class ISiteSettings(Interface):
    """Settings of one district's portal, stored in the registry under the
    prefix ``integrationsportal``. The site profile (profiles/*.toml) fills
    them when the portal is created; the control panel changes them later."""

    district_name = schema.TextLine(
        title=_("District"),
        description=_("The name of the district or city that runs this portal."),
        required=False,
        default="",
    )

    municipalities = schema.List(
        title=_("Municipalities"),
        description=_(
            "The towns and municipalities of the district, one per line. "
            "Offers, flats and figures are filed by these names."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    freshness_months = schema.Int(
        title=_("Months until an offer needs checking"),
        description=_(
            "Offers whose last check is older than this appear in the editors' "
            "list of offers to verify."
        ),
        min=1,
        max=60,
        default=12,
        required=True,
    )

    easy_read_page = schema.TextLine(
        title=_("Page in Leichte Sprache"),
        description=_(
            "Path of the page about the portal in Leichte Sprache, from the "
            "portal root. Every page links to it."
        ),
        required=False,
        default="de/leichte-sprache",
    )

    sign_language_page = schema.TextLine(
        title=_("Page in German Sign Language"),
        description=_("Path of the page with the sign-language video."),
        required=False,
        default="de/gebaerdensprache",
    )

    accessibility_page = schema.TextLine(
        title=_("Accessibility statement"),
        description=_(
            "Path of the accessibility statement (Erklärung zur Barrierefreiheit) "
            "with its feedback form."
        ),
        required=False,
        default="de/barrierefreiheit",
    )

    public_url = schema.URI(
        title=_("Public address of the portal"),
        description=_(
            "The address readers reach the portal at, such as "
            "https://integration.musterkreis.de. Links in mails sent later "
            "(search alerts) start with it. Empty: the address of the visit "
            "that asked for the mail."
        ),
        required=False,
    )

    feedback_retention_days = schema.Int(
        title=_("Days to keep readers' reports that are done"),
        description=_(
            "Reports on pages that an editor has marked done are deleted this "
            "many days later. A reader's address is deleted earlier, on the "
            "date they were told."
        ),
        min=1,
        max=3650,
        default=365,
        required=True,
    )

    feedback_reports_per_hour = schema.Int(
        title=_("Reports one network may send per hour"),
        description=_(
            "Votes and reports on pages; more from the same network address "
            "are refused for the rest of the hour."
        ),
        min=1,
        max=10000,
        default=10,
        required=True,
    )

    accessibility_feedback_form = schema.TextLine(
        title=_("Form to report a barrier"),
        description=_(
            "Path of the form (EasyForm) where visitors report accessibility "
            "problems; the accessibility statement links to it."
        ),
        required=False,
        default="de/barrierefreiheit-rueckmeldung",
    )


class IOpenDataSettings(Interface):
    """The licence of the open data (registry prefix ``integrationsportal``),
    from the site profile's ``[open_data]`` section."""

    open_data_licence = schema.TextLine(
        title=_("Licence of the open data"),
        required=False,
        default="Datenlizenz Deutschland – Namensnennung – Version 2.0",
    )
    open_data_licence_url = schema.TextLine(
        title=_("Address of the licence text"),
        required=False,
        default="https://www.govdata.de/dl-de/by-2-0",
    )


class IHousingSettings(Interface):
    """The housing tool's settings, in the registry under the prefix
    ``integrationsportal.housing``; the site profile's ``[housing]`` section
    fills them when the portal is created."""

    public_listing = schema.Bool(
        title=_("Public listing of available flats"),
        description=_(
            "Show checked, available flats on a public page, without address "
            "and without anything about the landlord."
        ),
        required=False,
        default=False,
    )

    retention_days = schema.Int(
        title=_("Days to keep the landlord's data"),
        description=_(
            "The landlord's personal data is erased this many days after a flat "
            "was placed or withdrawn. The anonymous figures stay."
        ),
        min=1,
        max=3650,
        default=180,
        required=True,
    )

    notify_addresses = schema.List(
        title=_("Notify about new flats"),
        description=_(
            "Email addresses told about every new flat (one per line). Empty: "
            "the members of the housing team with an email address."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    privacy_version = schema.TextLine(
        title=_("Version of the privacy information"),
        description=_(
            "Recorded with each landlord's consent. Change it whenever the "
            "privacy information at the form changes."
        ),
        required=True,
        default="1",
    )

    submissions_per_hour = schema.Int(
        title=_("Flats one address may offer per hour"),
        description=_("More submissions from the same network address are refused."),
        min=1,
        max=1000,
        default=5,
        required=True,
    )

    rent_limits = schema.Dict(
        title=_("Rent limits (KdU)"),
        description=_(
            "The highest gross cold rent (cold rent and utilities without "
            "heating, EUR per month) the Jobcenter accepts, per municipality "
            "and household size. Key: 'municipality|persons'; persons 0 holds "
            "the amount for each further person beyond the largest size given."
        ),
        key_type=schema.TextLine(),
        value_type=schema.Float(),
        required=False,
        default={},
    )


class IIdentitySettings(model.Schema):
    """The district's identity on public pages (registry prefix
    ``integrationsportal.identity``), from the site profile's ``[identity]``
    section. Logo and favicon are Plone's own records (``plone.site_logo``,
    ``plone.site_favicon``)."""

    name = schema.TextLine(
        title=_("Name in the header"),
        description=_("Shown next to the logo on every page, e.g. 'Musterkreis'."),
        required=False,
        default="",
    )
    primary = schema.TextLine(
        title=_("Primary colour"),
        description=_("Header and footer background, as #rrggbb."),
        required=False,
        default="#00608c",
    )
    on_primary = schema.TextLine(
        title=_("Text on the primary colour"),
        description=_("Needs a contrast of 4.5:1 to the primary colour."),
        required=False,
        default="#ffffff",
    )
    accent = schema.TextLine(
        title=_("Accent colour"),
        description=_("Links and focus on white; needs a contrast of 4.5:1."),
        required=False,
        default="#00608c",
    )
    address = schema.TextLine(
        title=_("Address"),
        description=_("One line in the footer."),
        required=False,
        default="",
    )
    phone = schema.TextLine(title=_("Phone"), required=False, default="")
    email = schema.TextLine(title=_("Email"), required=False, default="")
    imprint_url = schema.TextLine(
        title=_("Imprint (Impressum)"),
        description=_("Web address, or a path from the language root."),
        required=False,
        default="",
    )
    privacy_url = schema.TextLine(
        title=_("Privacy (Datenschutz)"),
        description=_("Web address, or a path from the language root."),
        required=False,
        default="",
    )
    accessibility_url = schema.TextLine(
        title=_("Accessibility (Barrierefreiheit)"),
        description=_("Web address, or a path from the language root."),
        required=False,
        default="@@accessibility-statement",
    )
    directives.omitted("app_icon")  # set from the answer file
    app_icon = schema.Bytes(
        title=_("App icon"),
        description=_("Square PNG for phones' home screens."),
        required=False,
    )

    @invariant
    def colours_readable(data):
        """The same check as at site creation (identity/colours.py)."""
        colours = {
            name: getattr(data, name, None)
            for name in ("primary", "on_primary", "accent")
        }
        for field, problem in colour_problems(colours):
            raise Invalid(
                _(
                    "Field '${field}': ${problem}",
                    mapping={"field": field, "problem": problem},
                )
            )
