"""Profile version 1010: a light first visit and offline reading. Plone's
JavaScript and editing styles load for editors only; anonymous readers get
the small script that registers the service worker; plone.app.caching lets
browsers keep the versioned static resources for a year."""
