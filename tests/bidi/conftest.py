"""Fixtures of the mixed-language tests: the demo portal of
``profiles/musterkreis.toml`` (see ``demo.py``), served over HTTP by the
functional layer's WSGI server."""

from demo import DEMO_FUNCTIONAL_TESTING
from pytest_plone import fixtures_factory
import pytest


globals().update(fixtures_factory(((DEMO_FUNCTIONAL_TESTING, "demo"),)))


@pytest.fixture
def demo_url(demo):
    """The demo portal's address, as a reader's browser reaches it."""
    return f"http://{demo['host']}:{demo['port']}/{demo['demo_site_id']}"
