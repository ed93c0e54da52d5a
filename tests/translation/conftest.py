"""Fixtures of the translation tests. Each module makes its own originals
and translations (the modules share none); the multilingual portals they
start from (``ml_portal``, ``ml_functional_portal``) are tests/conftest.py's
and the shared helpers (``edit``, ``outdated_in_catalog``, ``OWNER``) are in
support.py. Fixtures two translation modules share belong here."""
