from integrationsportal.testing import FUNCTIONAL_TESTING
from integrationsportal.testing import INTEGRATION_TESTING
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
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


def _add_languages(portal):
    from integrationsportal.site.profile import setup_languages

    with api.env.adopt_user(SITE_OWNER_NAME):
        setup_languages(portal, "de", ["de", "en", "ar", "fa"])
    return portal


@pytest.fixture
def ml_portal(portal):
    """The portal with language root folders: German (default), English,
    Arabic and Farsi."""
    return _add_languages(portal)


@pytest.fixture
def ml_functional_portal(functional_portal):
    """As ``ml_portal``, committed, for tests over HTTP."""
    import transaction

    _add_languages(functional_portal)
    transaction.commit()
    return functional_portal


@pytest.fixture(autouse=True)
def _fresh_login_throttle():
    """Failed logins of one test never lock a login in the next."""
    from integrationsportal import loginthrottle

    loginthrottle.reset()
    yield
