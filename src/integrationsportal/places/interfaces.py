"""The map settings and the district's gazetteer, in the registry under the
prefix ``integrationsportal.places``. The site profile's ``[places]``
section fills the gazetteer when the portal is created; the control panel
"Maps and places" changes everything later."""

from integrationsportal import _
from zope import schema
from zope.interface import Interface


PREFIX = "integrationsportal.places"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"


class IPlacesSettings(Interface):
    tile_url = schema.TextLine(
        title=_("Map tiles"),
        description=_(
            "Address of the map's tile images, with {z}, {x} and {y} (and "
            "optionally {s}). Empty: no map tiles; pages show the drawn "
            "outline of the district instead."
        ),
        required=False,
        default=OSM_TILES,
    )

    tile_attribution = schema.TextLine(
        title=_("Attribution of the map tiles"),
        description=_("Shown on every map, as the tile provider requires."),
        required=False,
        default=OSM_ATTRIBUTION,
    )

    tile_attribution_url = schema.TextLine(
        title=_("Address of the attribution"),
        required=False,
        default=OSM_COPYRIGHT,
    )

    geocoder_url = schema.TextLine(
        title=_("Address search (geocoding)"),
        description=_(
            "Address of a Nominatim-compatible search, e.g. "
            "https://nominatim.example.org/search. When it is set, an "
            "organisation, offer or flat saved with an address and without a "
            "point on the map gets the point the search finds. Empty (the "
            "default): no address is ever sent to another service."
        ),
        required=False,
        default="",
    )

    journey_planner_url = schema.TextLine(
        title=_("Journey planner"),
        description=_(
            "Address of a journey planner, with {lat} and {lon} (the "
            "destination) and optionally {name} and {address}. Each place "
            "links to it: 'How to get there'. Empty: no link."
        ),
        required=False,
        default="",
    )

    municipality_centres = schema.Dict(
        title=_("Centres of the municipalities"),
        description=_(
            "One line per municipality: its name, then 'latitude,longitude'. "
            "Readers search near these points, and offers without an address "
            "of their own are placed there."
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        required=False,
        default={},
    )

    postal_codes = schema.Dict(
        title=_("Postal codes"),
        description=_(
            "One line per postal code of the district: the code, then the "
            "'latitude,longitude' of its centre."
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        required=False,
        default={},
    )

    district_outline = schema.List(
        title=_("Outline of the district"),
        description=_(
            "The district's border as 'latitude,longitude' points, one per "
            "line, in order. Drawn when a page has no map tiles."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
