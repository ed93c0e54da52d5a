"""The scale-out for real (`make cluster`: two instances on RelStorage/
PostgreSQL behind HAProxy and Varnish): a login locked on one instance is
locked on the other, and no response names the software behind the portal.

One cluster for the module, in a temporary directory, on free ports, with its
own database (dropped at the end), from the small profile. Locally the module
is skipped when PostgreSQL, HAProxy or Varnish are missing; under CI
(CI=true) that is an error.
"""

from support import control_panel as support_control_panel
from support import free_port
from support import make
from support import require_cluster_parts
from support import rest_login
from support import USER_PASSWORD as PASSWORD
from support import whoami
import os
import pytest
import requests


pytestmark = pytest.mark.slow

DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")
ADMIN_USER = "clusterchefin"
ADMIN_PASSWORD = "geheim-789"
SOFTWARE_HEADERS = ("Server", "X-Powered-By", "Via")


def _drop_database(name):
    import psycopg2

    connection = psycopg2.connect(f"{DSN} dbname=postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


class Cluster:
    def __init__(self, env):
        self.instances = [
            f"http://127.0.0.1:{port}/Plone"
            for port in env["INSTANCE_PORTS"].split(",")
        ]
        self.balancer = f"http://127.0.0.1:{env['LB_PORT']}/Plone"
        self.cache = f"http://127.0.0.1:{env['CACHE_PORT']}/Plone"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    require_cluster_parts("The cluster test")
    database = f"ip_test_hardening_{os.getpid()}"
    env = {
        "CLUSTER_DIR": str(tmp_path_factory.mktemp("cluster")),
        "CLUSTER_DB": database,
        "CACHE_PORT": str(free_port()),
        "LB_PORT": str(free_port()),
        "INSTANCE_PORTS": f"{free_port()},{free_port()}",
        "PROFILE": "profiles/minimal.toml",
        "ADMIN_USER": ADMIN_USER,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    _drop_database(database)
    try:
        result = make("cluster", env=env, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        yield Cluster(env)
    finally:
        make("cluster-stop", env=env, timeout=300)
        _drop_database(database)


def test_no_header_names_the_software(cluster):
    for base in (cluster.cache, cluster.balancer, *cluster.instances):
        for path, headers in (
            ("/de", {}),
            ("/gibt-es-nicht", {}),
            ("/@search", {"Accept": "application/json"}),
        ):
            response = requests.get(
                base + path, headers=headers, allow_redirects=False, timeout=30
            )
            assert response.status_code in (200, 302, 404), (base, path)
            for name in SOFTWARE_HEADERS:
                assert name not in response.headers, (base, path, name)


def test_a_portal_user_locked_on_one_instance_is_locked_on_both(cluster):
    a, b = cluster.instances
    created = requests.post(
        f"{a}/@users",
        json={"username": "petra", "email": "petra@example.org", "password": PASSWORD},
        headers={"Accept": "application/json"},
        auth=(ADMIN_USER, ADMIN_PASSWORD),
        timeout=30,
    )
    assert created.status_code == 201, created.text
    assert whoami(a, "petra", PASSWORD) == 200
    assert whoami(b, "petra", PASSWORD) == 200
    # five failures, spread over both instances and both ways in
    for base in (a, b, a):
        assert whoami(base, "petra", "falsch") == 401
    for base in (b, a):
        assert rest_login(base, "petra", "falsch") == 401
    for base in (a, b, cluster.balancer, cluster.cache):
        assert whoami(base, "petra", PASSWORD) == 401, base
        assert rest_login(base, "petra", PASSWORD) == 401, base


def control_panel(base, password):
    return support_control_panel(base, ADMIN_USER, password)


def test_the_zope_admin_locked_on_one_instance_is_locked_on_both(cluster):
    """The admin of the instances lives in the Zope root's user folder."""
    a, b = cluster.instances
    assert control_panel(a, ADMIN_PASSWORD) == 200
    assert control_panel(b, ADMIN_PASSWORD) == 200
    for base in (b, a, b, a, b):
        assert control_panel(base, "falsch") != 200
    for base in (a, b, cluster.balancer, cluster.cache):
        assert control_panel(base, ADMIN_PASSWORD) != 200, base
