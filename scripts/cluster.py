"""The scale-out on one machine: two Zope instances on RelStorage/PostgreSQL
behind HAProxy and Varnish.

    python scripts/cluster.py up      # make cluster
    python scripts/cluster.py down    # make cluster-stop
    python scripts/cluster.py status

Settings come from the environment (make passes them on):

    CLUSTER_DIR     cluster          instances, configs, logs, pid files
    CLUSTER_DB      integrationsportal   the PostgreSQL database
    PG_DSN          host=127.0.0.1 port=5432 user=postgres
    CACHE_PORT      8000             Varnish: what visitors use
    LB_PORT         8100             HAProxy
    INSTANCE_PORTS  8101,8102        the Zope instances
    PROFILE         profiles/musterkreis.toml   creates the portal if missing
    METRICS_PORTS   9101,9102        each instance's Prometheus metrics on
                                     127.0.0.1 (empty: none; deploy/README.md)

`up` installs Varnish and HAProxy from Debian's packages if they are missing
(as root), creates the database, writes the configurations from deploy/,
creates the portal, sets up plone.app.caching with purging, starts
everything and prints the addresses. A second `up` reuses what exists.
"""

from pathlib import Path
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON_BIN = Path(sys.executable).parent
PORTAL = "Plone"
"""The portal's id (the profiles' ``id``): HAProxy checks its ``@@ready``."""
# varnishncsa's line (-j: JSON-escaped): the request id that Varnish gave the
# request or kept, and no client address and no query string (deploy/README.md);
# the path as the VCL logs it (std.log "path:"), without password-reset tokens
# and authors' user ids
VARNISH_LOG_FORMAT = (
    '{"time":"%{%Y-%m-%dT%H:%M:%SZ}t","request_id":"%{X-Request-ID}i",'
    '"method":"%m","path":"%{VCL_Log:path}x","status":%s,"duration_us":%D,'
    '"sent":%O,"handling":"%{Varnish:handling}x"}'
)


def settings():
    env = os.environ
    ports = [int(p) for p in env.get("INSTANCE_PORTS", "8101,8102").split(",") if p]
    return {
        "dir": (ROOT / env.get("CLUSTER_DIR", "cluster")).resolve(),
        "db": env.get("CLUSTER_DB", "integrationsportal"),
        "dsn": env.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres"),
        "cache_port": int(env.get("CACHE_PORT", "8000")),
        "lb_port": int(env.get("LB_PORT", "8100")),
        "ports": ports,
        "profile": env.get("PROFILE", "profiles/musterkreis.toml"),
        "metrics_ports": [
            int(p) for p in env.get("METRICS_PORTS", "9101,9102").split(",") if p
        ],
    }


def metrics_env(cfg, port):
    """The instance's metrics port (operations/metrics.py), by its place in
    INSTANCE_PORTS; none (an empty value) when METRICS_PORTS has no port
    for it, so that no two instances inherit one port from the shell."""
    ports = cfg.get("metrics_ports", ())
    place = cfg["ports"].index(port) if port in cfg["ports"] else len(ports)
    metrics_port = str(ports[place]) if place < len(ports) else ""
    return {"INTEGRATIONSPORTAL_METRICS_PORT": metrics_port}


def say(message):
    print(f"[cluster] {message}", flush=True)


def fail(message):
    print(f"[cluster] {message}", file=sys.stderr, flush=True)
    sys.exit(1)


# ---------------------------------------------------------------- system parts


def ensure_packages():
    missing = [
        package
        for package, binary in (("varnish", "varnishd"), ("haproxy", "haproxy"))
        if not shutil.which(binary) and not Path(f"/usr/sbin/{binary}").exists()
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        fail(
            f"Missing: {', '.join(missing)}. Install them, e.g. "
            f"`sudo apt-get install -y {' '.join(missing)}`, then run this again."
        )
    say(f"Installing Debian packages: {', '.join(missing)} …")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def binary(name):
    return shutil.which(name) or f"/usr/sbin/{name}"


def ensure_database(cfg):
    import psycopg2

    try:
        connection = psycopg2.connect(f"{cfg['dsn']} dbname=postgres")
    except psycopg2.OperationalError as error:
        fail(
            f"PostgreSQL is not reachable with '{cfg['dsn']}': {error}".strip()
            + "\nStart it (Debian: pg_ctlcluster <version> main start) or set PG_DSN."
        )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (cfg["db"],))
        if cursor.fetchone() is None:
            say(f"Creating the PostgreSQL database '{cfg['db']}' …")
            cursor.execute(f'CREATE DATABASE "{cfg["db"]}"')
    connection.close()


# ---------------------------------------------------------------- configuration


def fill(template, **values):
    text = (DEPLOY / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", str(value))
    return text


def write_instance(cfg, name):
    sys.path.insert(0, str(ROOT / "scripts"))
    from write_instance import write_instance as write

    instance = cfg["dir"] / name
    write(instance)
    (instance / "var" / "blobcache").mkdir(parents=True, exist_ok=True)
    dsn = f"{cfg['dsn']} dbname={cfg['db']}"
    (instance / "zope.conf").write_text(
        fill("zope-relstorage.conf.in", INSTANCE=instance, DSN=dsn),
        encoding="utf-8",
    )
    return instance


def write_proxies(cfg):
    servers = "\n".join(
        f"    server zope{n} 127.0.0.1:{port} check"
        for n, port in enumerate(cfg["ports"], start=1)
    )
    (cfg["dir"] / "haproxy.cfg").write_text(
        fill("haproxy.cfg.in", LB_PORT=cfg["lb_port"], SERVERS=servers, PORTAL=PORTAL),
        encoding="utf-8",
    )
    (cfg["dir"] / "varnish.vcl").write_text(
        fill("varnish.vcl.in", LB_PORT=cfg["lb_port"]), encoding="utf-8"
    )


# ---------------------------------------------------------------- processes


def pid_of(path):
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def wait_for(url, seconds=180, what="it", ok=500):
    """Seconds until ``url`` answers below 500 (or exactly ``ok``, if below)."""
    started = time.monotonic()

    def good(status):
        return status == ok if ok < 500 else status < 500

    while time.monotonic() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if good(response.status):
                    return time.monotonic() - started
        except urllib.error.HTTPError as error:
            if good(error.code):
                return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    fail(f"{what} did not answer at {url} within {seconds} s")


def start_instance(cfg, instance, port):
    pid_file = instance / "var" / "instance.pid"
    if pid_of(pid_file):
        say(f"Instance {instance.name} runs already (port {port}).")
        return
    log = (instance / "var" / "log" / "console.log").open("a")
    process = subprocess.Popen(
        [
            str(PYTHON_BIN / "runwsgi"),
            str(instance / "zope.ini"),
            "http_host=127.0.0.1",
            f"http_port={port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=ROOT,
        env={**os.environ, **metrics_env(cfg, port)},
    )
    pid_file.write_text(str(process.pid))
    seconds = wait_for(f"http://127.0.0.1:{port}/", what=f"Instance {instance.name}")
    say(f"Instance {instance.name} serves on port {port} ({seconds:.1f} s).")
    ready = f"http://127.0.0.1:{port}/{PORTAL}/@@ready"
    seconds += wait_for(ready, what=f"Instance {instance.name}", ok=200)
    say(f"Instance {instance.name} is ready ({seconds:.1f} s after its start).")


def start_haproxy(cfg):
    """HAProxy in the foreground of its own process group, its JSON request
    log (standard output) in haproxy.log. A running one is replaced without
    dropping connections (``-sf``: the old one finishes what it serves)."""
    pid_file = cfg["dir"] / "haproxy.pid"
    old = pid_of(pid_file)
    command = [binary("haproxy"), "-f", str(cfg["dir"] / "haproxy.cfg"), "-db"]
    if old:
        command += ["-sf", str(old)]
    log = (cfg["dir"] / "haproxy.log").open("a")
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    time.sleep(0.5)
    if process.poll() is not None:
        fail(f"HAProxy did not start; see {cfg['dir'] / 'haproxy.log'}")
    pid_file.write_text(str(process.pid))
    say("HAProxy reloaded." if old else f"HAProxy balances on port {cfg['lb_port']}.")


def start_varnish(cfg):
    work = cfg["dir"] / "varnish"
    pid_file = cfg["dir"] / "varnish.pid"
    if pid_of(pid_file):
        say(f"Varnish runs already (port {cfg['cache_port']}).")
        start_varnish_log(cfg)
        return
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            binary("varnishd"),
            "-n", str(work),
            "-a", f"127.0.0.1:{cfg['cache_port']}",
            "-f", str(cfg["dir"] / "varnish.vcl"),
            "-P", str(pid_file),
            "-s", "malloc,256m",
            "-T", "127.0.0.1:0",
            "-j", "none",
            "-p", "default_ttl=0",
        ],
        check=True,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{cfg['cache_port']}/", what="Varnish")
    say(f"Varnish caches on port {cfg['cache_port']}.")
    start_varnish_log(cfg)


def start_varnish_log(cfg):
    """varnishncsa writes one JSON line per request to varnish.log."""
    pid_file = cfg["dir"] / "varnishncsa.pid"
    if pid_of(pid_file):
        return
    subprocess.run(
        [
            binary("varnishncsa"),
            "-n", str(cfg["dir"] / "varnish"),
            "-a", "-w", str(cfg["dir"] / "varnish.log"),
            "-j", "-F", VARNISH_LOG_FORMAT,
            "-D", "-P", str(pid_file),
        ],
        check=True,
    )  # fmt: skip
    say(f"Varnish's requests are logged to {cfg['dir'] / 'varnish.log'}.")


def stop(pid_file, name, sig=signal.SIGTERM):
    pid = pid_of(pid_file)
    if pid is None:
        return False
    try:
        os.killpg(pid, sig)
    except OSError:
        os.kill(pid, sig)
    for _ in range(60):
        if pid_of(pid_file) is None:
            break
        time.sleep(0.5)
    pid_file.unlink(missing_ok=True)
    say(f"Stopped {name}.")
    return True


# ---------------------------------------------------------------- commands


def instances(cfg):
    return [cfg["dir"] / f"instance-{chr(97 + n)}" for n in range(len(cfg["ports"]))]


def up():
    cfg = settings()
    started = time.monotonic()
    count = len(cfg["ports"])
    say(f"Cluster in {cfg['dir']}: database '{cfg['db']}', {count} instances.")
    ensure_packages()
    ensure_database(cfg)
    cfg["dir"].mkdir(parents=True, exist_ok=True)
    created = [write_instance(cfg, path.name) for path in instances(cfg)]
    write_proxies(cfg)
    first = created[0]
    if not pid_of(first / "var" / "instance.pid"):
        say(f"Creating the portal from {cfg['profile']} if missing …")
        result = subprocess.run(
            [
                str(PYTHON_BIN / "zconsole"), "run", str(first / "zope.conf"),
                str(ROOT / "scripts" / "create_site.py"),
                "--profile", cfg["profile"], "--if-missing",
                "--caching-proxy", f"http://127.0.0.1:{cfg['cache_port']}",
            ],
            cwd=ROOT,
            text=True,
            capture_output=True,
        )  # fmt: skip
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        for line in lines:
            say(line)
        if result.returncode != 0:
            fail(f"Creating the portal failed:\n{result.stderr[-3000:]}")
    for instance, port in zip(created, cfg["ports"], strict=True):
        start_instance(cfg, instance, port)
    start_haproxy(cfg)
    start_varnish(cfg)
    say(f"Ready in {time.monotonic() - started:.0f} s.")
    print(
        f"\n  Portal (through Varnish):  http://localhost:{cfg['cache_port']}/Plone\n"
        f"  Load balancer (HAProxy):    http://localhost:{cfg['lb_port']}/Plone\n"
        + "".join(
            f"  Instance {p.name[-1].upper()}:{' ' * 16}http://localhost:{port}/Plone\n"
            for p, port in zip(created, cfg["ports"], strict=True)
        )
        + "  Stop with: make cluster-stop\n"
    )


def down():
    cfg = settings()
    stop(cfg["dir"] / "varnishncsa.pid", "Varnish's log")
    stopped = stop(cfg["dir"] / "varnish.pid", "Varnish", signal.SIGTERM)
    stopped |= stop(cfg["dir"] / "haproxy.pid", "HAProxy")
    for instance in sorted(cfg["dir"].glob("instance-*")):
        stopped |= stop(instance / "var" / "instance.pid", f"instance {instance.name}")
    if not stopped:
        say("Nothing was running.")


def status():
    cfg = settings()
    parts = [
        ("Varnish", cfg["dir"] / "varnish.pid"),
        ("Varnish log", cfg["dir"] / "varnishncsa.pid"),
        ("HAProxy", cfg["dir"] / "haproxy.pid"),
    ]
    parts += [
        (p.name, p / "var" / "instance.pid")
        for p in sorted(cfg["dir"].glob("instance-*"))
    ]
    for name, pid_file in parts:
        pid = pid_of(pid_file)
        print(f"{name:12} {'running, pid ' + str(pid) if pid else 'stopped'}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "status"
    commands = {"up": up, "down": down, "status": status}
    if command not in commands:
        fail(f"Unknown command '{command}'; use up, down or status.")
    commands[command]()
