"""The point on the map of an organisation, an offer or a flat.

The field is plone.formwidget.geolocation's: its widget lets an editor set
the point on a map, and plone.restapi reads and writes it as
``{"latitude": …, "longitude": …}``. collective.geolocationbehavior would
give the same field, but its release 1.7.2 imports ``pkg_resources``,
which the pinned setuptools no longer ships, so it cannot be imported here;
this behavior declares the field the same way (same name, same type), so
content can move to it later without a migration."""

from integrationsportal import _
from plone.app.multilingual.dx.directives import languageindependent
from plone.autoform.interfaces import IFormFieldProvider
from plone.formwidget.geolocation.field import GeolocationField
from plone.formwidget.geolocation.interfaces import IGeolocationField
from plone.supermodel import model
from zope.interface import alsoProvides
from zope.interface import provider


class IPlacePointField(IGeolocationField):
    """The point field of ``IPlace``: its edit form checks what is typed
    (``places.widget``)."""


@provider(IFormFieldProvider)
class IPlace(model.Schema):
    """Where it is: a point on the map."""

    model.fieldset("address", label=_("Address"), fields=["geolocation"])
    geolocation = GeolocationField(
        title=_("Point on the map"),
        description=_(
            "Click on the map or move the marker. Left empty, an offer takes "
            "its provider's point, then its municipality's centre."
        ),
        required=False,
    )
    languageindependent("geolocation")


alsoProvides(IPlace["geolocation"], IPlacePointField)
