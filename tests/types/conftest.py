"""Fixtures of the content type tests: the REST API of a functional portal
as the site owner. (The small district the view tests read is made in
test_views.py, next to the staff-only values its tests look for.)"""

from support import OWNER
import pytest
import requests


@pytest.fixture
def rest(functional_portal):
    """(portal URL, a session speaking JSON as the site owner)."""
    url = functional_portal.absolute_url()
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = OWNER
    return url, session
