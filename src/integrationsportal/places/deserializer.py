"""The point as REST clients write it: ``{"latitude": …, "longitude": …}``
with two numbers in range, or ``null`` (or ``{}``, as the point is read
when there is none) for no point.

plone.formwidget.geolocation's deserializer passes every value through
``float()`` and stores ``None`` for what is not a number, and checks no
range: ``{"latitude": "x"}`` or a latitude of 95 would be saved. Here such
a value is refused (plone.restapi answers 400 naming the field) and the
item keeps its point. Registered for the add-on's browser layer only."""

from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.places.behavior import IPlacePointField
from integrationsportal.places.geo import point_problem
from plone.dexterity.interfaces import IDexterityContent
from plone.formwidget.geolocation.geolocation import Geolocation
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer


KEYS = {"latitude", "longitude"}
SHAPE = (
    'must be {"latitude": …, "longitude": …} with a latitude from -90 to 90 '
    "and a longitude from -180 to 180, or null"
)


@adapter(IPlacePointField, IDexterityContent, IIntegrationsportalLayer)
@implementer(IFieldDeserializer)
class PlacePointDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if value is None or value == {}:
            return self.field.missing_value
        if not isinstance(value, dict) or set(value) != KEYS:
            raise ValueError(SHAPE)
        lat, lon = value["latitude"], value["longitude"]
        problem = point_problem(lat, lon)
        if problem:
            raise ValueError(f"{problem}: the point {SHAPE}")
        return Geolocation(lat, lon)
