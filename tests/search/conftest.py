"""Fixtures of the search tests: the demo portal of all six languages (the
layer of ``demo.py``, shared with the mixed-language tests) for the
relevance set and the HTTP tests; the functional portal for the ranking
tests, which make their own offers."""

from demo import DEMO_FUNCTIONAL_TESTING
from pytest_plone import fixtures_factory
import pytest


globals().update(fixtures_factory(((DEMO_FUNCTIONAL_TESTING, "demo"),)))


@pytest.fixture
def demo_url(demo):
    """The demo portal's address, as a reader's browser reaches it."""
    return f"http://{demo['host']}:{demo['port']}/{demo['demo_site_id']}"
