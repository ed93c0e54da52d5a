"""The district's identity on every public page: its name and logo in a
compact header with one language button, its colours, app icons, and a
footer with contact, legal links and the site actions instead of Plone's
logo and colophon. The answers come from the site profile's ``[identity]``
section (``site/profile.py``) and live in the registry (``IIdentitySettings``
and Plone's own ``plone.site_logo`` / ``plone.site_favicon``)."""
