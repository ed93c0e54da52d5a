"""The mixed-language tests read the demo portal of
``profiles/musterkreis.toml`` (``demo``, ``demo_url`` of the root
conftest.py), served over HTTP by the functional layer's WSGI server."""

import pytest


@pytest.fixture(autouse=True)
def _keep_demo_portal(demo_session):
    """Build the demo portal once and keep it for the whole session."""
