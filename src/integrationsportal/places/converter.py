"""What an editor types as the point: two numbers, or nothing.

plone.formwidget.geolocation's converter turns any text into a point of
``None`` values, so "abc" would be saved as "no point" without a word. Here
a latitude or longitude that is not a number in range is an error on the
form, naming the field; both empty (or both 0, the empty map) is no point.
"""

from integrationsportal import _
from integrationsportal.places.behavior import IPlacePointField
from integrationsportal.places.geo import point_problem
from plone.formwidget.geolocation.converter import GeolocationConverter
from plone.formwidget.geolocation.geolocation import Geolocation
from plone.formwidget.geolocation.interfaces import IGeolocation
from plone.formwidget.geolocation.interfaces import IGeolocationWidget
from zope.component import adapter
from zope.interface import Invalid


def _number(text):
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        return None


@adapter(IPlacePointField, IGeolocationWidget)
class PlacePointConverter(GeolocationConverter):
    def toFieldValue(self, value):
        if IGeolocation.providedBy(value):
            return value
        if value is None or len(value) != 2:
            return self.field.missing_value
        typed = [str(v or "").strip() for v in value]
        if typed in (["", ""], ["0", "0"]):
            return self.field.missing_value
        lat, lon = (_number(v) for v in typed)
        if "" in typed or lat is None or lon is None or point_problem(lat, lon):
            raise Invalid(
                _(
                    "Enter the latitude (-90 to 90) and the longitude (-180 to "
                    "180) as numbers, e.g. 50.64 and 9.69, or leave both empty."
                )
            )
        return Geolocation(lat, lon)
