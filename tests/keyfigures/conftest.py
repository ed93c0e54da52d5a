"""Fixtures of the key figure tests. The portal with the counted data set
(``figures_portal``) is made in test_key_figures.py, next to the date and
password its tests count with; the multilingual portals it starts from are
tests/conftest.py's. Fixtures a second key figure module would share belong
here."""
