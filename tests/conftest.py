"""Fixtures the tests of several folders use: pytest-plone's (``portal``,
``functional_portal``, ``app``, ``installer`` …) for the add-on's
integration and functional layers, the portal with its language root
folders (``ml_portal``, ``ml_functional_portal``), a local SMTP server
(``inbox``), an instance directory for
`make start` (``instance``), the demo portal of all six languages
(``demo``, ``demo_url``), and a fresh login lock for every test.

Each feature folder's conftest.py holds the fixtures of its own tests; shared
helper functions are in support.py."""

from demo import DEMO_FUNCTIONAL_TESTING
from integrationsportal.testing import FUNCTIONAL_TESTING
from integrationsportal.testing import INTEGRATION_TESTING
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from pytest_plone import fixtures_factory
from support import free_port
from support import ROOT
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
# The demo portal (``demo.py``) is defined once, here, for the folders that
# read it; each of them keeps it for the session through its own conftest,
# so the other folders never build it.
globals().update(
    fixtures_factory(((DEMO_FUNCTIONAL_TESTING, "demo"),), keep_session=False)
)


@pytest.fixture
def demo_url(demo):
    """The demo portal's address, as a reader's browser reaches it."""
    return f"http://{demo['host']}:{demo['port']}/{demo['demo_site_id']}"


@pytest.fixture(scope="session")
def package_name() -> str:
    return "integrationsportal"


@pytest.fixture(scope="session")
def project_root():
    return ROOT


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """Where a module's `make start` writes its instance (not made yet)."""
    return tmp_path_factory.mktemp("instance") / "instance"


def _add_languages(portal):
    from integrationsportal.site.groups import setup_languages

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


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages one test kept in RAM (plone.app.caching, light/pagecache.py)
    are never served in the next: each test starts from the same database,
    so the ETags of two tests' pages may be alike."""
    from zope.component import queryUtility
    from zope.ramcache.interfaces.ram import IRAMCache

    cache = queryUtility(IRAMCache)
    if cache is not None:
        cache.invalidateAll()
    yield


class Inbox:
    """What the SMTP server received: email.message objects."""

    def __init__(self):
        self.messages = []
        self.port = free_port()

    def configure(self):
        """Point Plone's mail settings (the mail control panel's registry
        records) of the current portal at this server."""
        api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
        api.portal.set_registry_record("plone.smtp_port", self.port)
        api.portal.set_registry_record("plone.email_from_address", "portal@example.org")

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email import policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        message.recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def inbox():
    """A local SMTP server (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()
