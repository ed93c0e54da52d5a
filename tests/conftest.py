from integrationsportal.testing import FUNCTIONAL_TESTING
from integrationsportal.testing import INTEGRATION_TESTING
from pathlib import Path
from pytest_plone import fixtures_factory
import pytest


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def package_name() -> str:
    return "integrationsportal"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT
