"""A cluster of `make cluster` for the operations tests of health, readiness
and request ids: in a temporary directory, on free ports, with its own
database (``ops_health_…``), dropped at the end. Locally it skips when
PostgreSQL, HAProxy or Varnish are missing; under CI that is an error."""

from contextlib import contextmanager
from pathlib import Path
from support import free_port
from support import make
from support import require_cluster_parts
import json
import os


DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")


def sql(statement, dbname="postgres"):
    """One statement as the PostgreSQL administrator, outside a transaction;
    the first row of its answer, if any."""
    import psycopg2

    connection = psycopg2.connect(f"{DSN} dbname={dbname}")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone() if cursor.description else None
    finally:
        connection.close()


class Cluster:
    def __init__(self, env):
        self.env = env
        self.dir = Path(env["CLUSTER_DIR"])
        self.db = env["CLUSTER_DB"]
        ports = env["INSTANCE_PORTS"].split(",")
        self.instances = [f"http://127.0.0.1:{port}/Plone" for port in ports]
        self.instance_dirs = [
            self.dir / f"instance-{chr(97 + n)}" for n in range(len(ports))
        ]
        self.balancer = f"http://127.0.0.1:{env['LB_PORT']}/Plone"
        self.cache = f"http://127.0.0.1:{env['CACHE_PORT']}/Plone"

    def log_lines(self, path):
        """The JSON lines of a log file (lines that are not JSON are kept as
        text, so that a test sees them too)."""
        if not path.exists():
            return []
        lines = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                lines.append(line)
        return lines

    def access_log(self, n):
        return self.log_lines(self.instance_dirs[n] / "var" / "log" / "access.json.log")

    def haproxy_log(self):
        return self.log_lines(self.dir / "haproxy.log")

    def varnish_log(self):
        return self.log_lines(self.dir / "varnish.log")


@contextmanager
def running_cluster(tmp_path, name, instances=2):
    require_cluster_parts("The cluster tests", ("haproxy", "varnishd", "varnishncsa"))
    database = f"ops_health_{name}_{os.getpid()}"
    env = {
        "CLUSTER_DIR": str(tmp_path),
        "CLUSTER_DB": database,
        "CACHE_PORT": str(free_port()),
        "LB_PORT": str(free_port()),
        "INSTANCE_PORTS": ",".join(str(free_port()) for _ in range(instances)),
        # each instance's metrics on a port of its own, not 9101, 9102
        "METRICS_PORTS": ",".join(str(free_port()) for _ in range(instances)),
        "PROFILE": "profiles/minimal.toml",
        "ADMIN_USER": "betrieb",
        "ADMIN_PASSWORD": "betrieb-geheim-1",
    }
    drop = f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'
    sql(drop)
    try:
        result = make("cluster", env=env, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        print(result.stdout)
        yield Cluster(env)
    finally:
        make("cluster-stop", env=env, timeout=300)
        sql(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        sql(drop)
