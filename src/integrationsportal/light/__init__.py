"""Light and offline: what a reader's phone downloads, keeps and shows
without a connection.

- Plone's JavaScript and its editing styles load for editors only (the
  bundles' expressions in the profile's registry.xml); the reader's pages
  work without them.
- ``@@sw.js``: the service worker (Workbox, shipped in ``static/workbox``)
  keeps the public pages a reader visited and the process chains of their
  language readable offline, and shows ``@@offline`` in the reader's
  language for a page it does not have.
- Only answers the server marks as fit for it are kept (``keep.py``): pages
  anonymous readers see, without a form token or a password field. Staff
  pages, pages of logged-in users and staff-only items never reach the
  phone's cache.
"""
