"""The list tests read the demo portal of all six languages (``demo``,
``demo_url`` of the root conftest.py): its offers, contacts and chains, in
German, Arabic, Ukrainian and the other languages."""

import pytest
import requests


@pytest.fixture(autouse=True)
def _keep_demo_portal(demo_session):
    """Build the demo portal once and keep it for the whole session."""


@pytest.fixture
def offers(demo_url):
    """{language: [REST finder items]} of the demo's offers, by title."""

    def of(language, **params):
        answer = requests.get(
            f"{demo_url}/{language}/@offer-finder",
            params=params,
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text[:300]
        return answer.json()["items"]

    return of
