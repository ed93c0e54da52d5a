"""The point on the edit form: what an editor types is two numbers, or
nothing; the map widget has no address search of its own.

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
from plone.formwidget.geolocation.widget import GeolocationWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IFormLayer
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Invalid
import json


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


class PlacePointWidget(GeolocationWidget):
    """plone.formwidget.geolocation's map widget without its address search:
    that search would send the editor's typing from the browser to
    nominatim.openstreetmap.org (the Content-Security-Policy stops it, and
    the box would just fail). The portal's own search, if one is set,
    looks the address up when the item is saved (``geocoding``)."""

    @property
    def map_configuration(self):
        config = json.loads(super().map_configuration)
        config["geosearch"] = False
        return json.dumps(config)


@implementer(IFieldWidget)
@adapter(IPlacePointField, IFormLayer)
def PlacePointFieldWidget(field, request):
    return FieldWidget(field, PlacePointWidget(request))
