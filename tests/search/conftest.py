"""The search tests read the demo portal of all six languages (``demo``,
``demo_url`` of the root conftest.py) for the relevance set and the HTTP
tests; the ranking tests make their own offers in the functional portal."""

import pytest


@pytest.fixture(autouse=True)
def _keep_demo_portal(demo_session):
    """Build the demo portal once and keep it for the whole session."""
