"""Fixtures of the open-data tests: they read the demo portal of all six
languages (``demo``, ``demo_url`` of the root conftest.py) over HTTP, and
``demo_portal`` gives its site object for what a test adds and commits
(each test's changes are gone after it: the layer stacks a storage per
test)."""

from zope.component.hooks import setSite
import pytest


@pytest.fixture(autouse=True)
def _keep_demo_portal(demo_session):
    """Build the demo portal once and keep it for the whole session."""


@pytest.fixture
def demo_portal(demo):
    portal = demo["app"][demo["demo_site_id"]]
    setSite(portal)
    yield portal
    setSite(None)
