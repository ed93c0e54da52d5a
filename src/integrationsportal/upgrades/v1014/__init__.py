"""Profile version 1014: places. The map point (behavior
``integrationsportal.place``) on organisations and offers, the catalog's
point of every place, the settings "Maps and places", and
plone.formwidget.geolocation's map widget for editors."""
