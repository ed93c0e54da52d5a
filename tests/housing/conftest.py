"""Fixtures of the housing tests. The portal with the housing tool set up
(``housing``, ``housing_integration``) is made in test_housing.py, next to
the rent limits and passwords its tests check against; the multilingual
portals it starts from are tests/conftest.py's. Fixtures a second housing
module would share belong here."""
