"""Fixtures of the places tests. The distance, finder, leak and behaviour
tests read the demo portal of ``profiles/musterkreis.toml`` (``demo``,
``demo_url`` of the root conftest.py; a module keeps it for the session
with ``pytestmark = pytest.mark.usefixtures("demo_session")``);
``demo_portal`` gives its site object for what a test adds and commits
(each test's changes are gone after it: the layer stacks a storage per
test). The form and geocoding tests use the functional portal."""

from zope.component.hooks import setSite
import pytest


@pytest.fixture
def demo_portal(demo):
    portal = demo["app"][demo["demo_site_id"]]
    setSite(portal)
    yield portal
    setSite(None)
