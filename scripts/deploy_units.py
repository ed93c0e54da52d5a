"""Install the cluster of `make cluster` as a service of this machine:
systemd units, nginx as TLS front, log rotation, a system user.

    sudo .venv/bin/python scripts/deploy_units.py install --server-name x.example.de
    python scripts/deploy_units.py render --root /tmp/preview [options]
    python scripts/deploy_units.py wait http://127.0.0.1:8101/ [--seconds 170]

`render` writes the files from deploy/systemd, deploy/nginx and
deploy/logrotate under ROOT (etc/systemd/system/…, etc/nginx/sites-available/…,
etc/logrotate.d/…, etc/sysusers.d/…) and touches nothing else: to read them,
or to hand them to configuration management.

`install` renders them into / and prepares what the units run: the system
user (systemd-sysusers), the data folder with the instances' and the proxies'
configurations (the same ones `make cluster` writes, by scripts/cluster.py),
the PostgreSQL database, the portal if it is missing, the backup folder. Then:

    sudo systemctl daemon-reload
    sudo systemctl enable --now integrationsportal.target

`wait` is the instance unit's start check: it returns once the address
answers (below 500), or fails after the given seconds.

The layout (see deploy/README.md): the checkout with its .venv in PREFIX
(default: this checkout, e.g. /opt/integrationsportal), read-only for the
services; the data in DATA (/var/lib/integrationsportal: instance-a/,
instance-b/, haproxy.cfg, varnish.vcl, varnish/); backups in BACKUP_DIR
(/var/backups/integrationsportal). Ports and the database come from the same
environment variables as `make cluster` (CACHE_PORT, LB_PORT, INSTANCE_PORTS,
CLUSTER_DB, PG_DSN, PROFILE).
"""

from pathlib import Path
import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SITE_ID = "Plone"


def say(message):
    print(f"[deploy] {message}", flush=True)


def fail(message):
    print(f"[deploy] {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def system_binary(name):
    return shutil.which(name) or f"/usr/sbin/{name}"


def options(argv):
    env = os.environ
    parser = argparse.ArgumentParser(prog="deploy_units.py")
    commands = parser.add_subparsers(dest="command", required=True)
    wait = commands.add_parser("wait", help="wait until an address answers")
    wait.add_argument("url")
    wait.add_argument("--seconds", type=float, default=170)
    for name in ("render", "install"):
        sub = commands.add_parser(name)
        if name == "render":
            sub.add_argument(
                "--root", required=True, type=Path, help="write under ROOT"
            )
        sub.add_argument("--prefix", type=Path, default=ROOT)
        sub.add_argument(
            "--data", type=Path, default=Path("/var/lib/integrationsportal")
        )
        sub.add_argument("--user", default="integrationsportal")
        sub.add_argument("--server-name", default="portal.example.de")
        sub.add_argument("--http-port", type=int, default=80)
        sub.add_argument("--https-port", type=int, default=443)
        sub.add_argument("--certificate", help="default: certbot's fullchain.pem")
        sub.add_argument("--certificate-key", help="default: certbot's privkey.pem")
        sub.add_argument("--acme-root", default="/var/www/acme-challenge")
        sub.add_argument("--nginx-log-dir", default="/var/log/nginx")
        sub.add_argument(
            "--backup-dir",
            type=Path,
            default=Path(env.get("BACKUP_DIR", "/var/backups/integrationsportal")),
        )
        sub.add_argument("--keep", type=int, default=int(env.get("KEEP", "14")))
        sub.add_argument("--log-days", type=int, default=30)
        sub.add_argument("--cache-size", default="256m")
        sub.add_argument(
            "--metrics-ports",
            default=env.get("METRICS_PORTS", "9101,9102"),
            help="each instance's Prometheus port, in the order of INSTANCE_PORTS "
            "(default 9101,9102; empty: no metrics)",
        )
    args = parser.parse_args(argv)
    if args.command == "wait":
        return args
    try:
        args.metrics_ports = [
            int(port) for port in args.metrics_ports.split(",") if port.strip()
        ]
    except ValueError:
        parser.error(f"--metrics-ports: not a list of ports: {args.metrics_ports!r}")
    for path in ("prefix", "data", "backup_dir"):
        setattr(args, path, getattr(args, path).resolve())
    letsencrypt = Path("/etc/letsencrypt/live") / args.server_name
    args.certificate = args.certificate or str(letsencrypt / "fullchain.pem")
    args.certificate_key = args.certificate_key or str(letsencrypt / "privkey.pem")
    return args


def cluster_settings():
    """Ports, database and profile as `make cluster` reads them."""
    env = os.environ
    return {
        "db": env.get("CLUSTER_DB", "integrationsportal"),
        "dsn": env.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres"),
        "cache_port": int(env.get("CACHE_PORT", "8000")),
        "lb_port": int(env.get("LB_PORT", "8100")),
        "ports": [
            int(p) for p in env.get("INSTANCE_PORTS", "8101,8102").split(",") if p
        ],
        "profile": env.get("PROFILE", "profiles/musterkreis.toml"),
    }


def instance_names(cfg):
    return [chr(97 + n) for n in range(len(cfg["ports"]))]


def instance_env(cfg, metrics_ports, name):
    """instance-<name>/instance.env, read by the instance's unit: its HTTP
    port and its metrics port (none when --metrics-ports has none for it)."""
    place = instance_names(cfg).index(name)
    metrics = metrics_ports[place] if place < len(metrics_ports) else ""
    return (
        f"HTTP_PORT={cfg['ports'][place]}\nINTEGRATIONSPORTAL_METRICS_PORT={metrics}\n"
    )


def backup_env(cfg):
    """DATA/backup.env of the backup unit: the DSN, kept out of the unit
    (whose Environment= every user may read with `systemctl show`)."""
    dsn = cfg["dsn"].replace("\\", "\\\\").replace('"', '\\"')
    return f'PG_DSN="{dsn}"\n'


def systemd_quoted(text):
    """One argument of an ExecStart= line: single-quoted, % doubled."""
    if "'" in text or "\\" in text:
        fail(f"cannot quote for systemd: {text!r}")
    return "'" + text.replace("%", "%%") + "'"


def values(args, cfg):
    default_port = args.https_port == 443
    public_host = args.server_name + ("" if default_port else f":{args.https_port}")
    return {
        "PREFIX": args.prefix,
        "DATA": args.data,
        "USER": args.user,
        "BACKUP_DIR": args.backup_dir,
        "KEEP": args.keep,
        "DB": cfg["db"],
        "DSN": cfg["dsn"],
        "CACHE_PORT": cfg["cache_port"],
        "CACHE_SIZE": args.cache_size,
        "INSTANCE_UNITS": " ".join(
            f"integrationsportal-instance@{name}.service"
            for name in instance_names(cfg)
        ),
        "HAPROXY": system_binary("haproxy"),
        "VARNISHD": system_binary("varnishd"),
        "VARNISHNCSA": shutil.which("varnishncsa") or "/usr/bin/varnishncsa",
        "VARNISH_LOG_FORMAT": systemd_quoted(varnish_log_format()),
        "VARNISHRELOAD": shutil.which("varnishreload")
        or "/usr/share/varnish/varnishreload",
        "KILL": shutil.which("kill") or "/bin/kill",
        "SERVER_NAME": args.server_name,
        "HTTP_PORT": args.http_port,
        "HTTPS_PORT": args.https_port,
        "PUBLIC_HOST": public_host,
        "SITE_ID": SITE_ID,
        "CERTIFICATE": args.certificate,
        "CERTIFICATE_KEY": args.certificate_key,
        "ACME_ROOT": args.acme_root,
        "LOG_DIR": args.nginx_log_dir,
        "LOG_DAYS": args.log_days,
    }


def varnish_log_format():
    """varnishncsa's format of `make cluster` (scripts/cluster.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster

    return cluster.VARNISH_LOG_FORMAT


def fill(template, filled):
    text = template.read_text(encoding="utf-8")
    for key, value in filled.items():
        text = text.replace(f"@@{key}@@", str(value))
    left = re.search(r"@@[A-Z_]+@@", text)
    if left:
        fail(f"{template}: no value for {left.group(0)}")
    return text


def targets():
    """Each template and where it goes, relative to the file system root."""
    units = sorted((DEPLOY / "systemd").glob("*.in"))
    placed = [
        (template, Path("etc/systemd/system") / template.name[: -len(".in")])
        for template in units
        if not template.name.endswith(".sysusers.in")
    ]
    placed += [
        (DEPLOY / "systemd" / "integrationsportal.sysusers.in",
         Path("etc/sysusers.d/integrationsportal.conf")),
        (DEPLOY / "nginx" / "integrationsportal.conf.in",
         Path("etc/nginx/sites-available/integrationsportal.conf")),
        (DEPLOY / "logrotate" / "integrationsportal.in",
         Path("etc/logrotate.d/integrationsportal")),
    ]  # fmt: skip
    return placed


def render(args, cfg, root):
    filled = values(args, cfg)
    written = []
    for template, relative in targets():
        target = Path(root) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(template, filled), encoding="utf-8")
        written.append(target)
    say(f"Wrote {len(written)} files under {root}:")
    for path in written:
        say(f"  {path}")
    return written


# ---------------------------------------------------------------- install


def prepare_data(args, cfg):
    """The configurations `make cluster` writes, in DATA, owned by the user."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster

    settings = {**cluster.settings(), "dir": args.data}
    settings.update(
        {key: cfg[key] for key in ("db", "dsn", "cache_port", "lb_port", "ports")}
    )
    cluster.ensure_packages()
    cluster.ensure_database(settings)
    args.data.mkdir(parents=True, exist_ok=True)
    instances = [
        cluster.write_instance(settings, f"instance-{n}") for n in instance_names(cfg)
    ]
    for instance, name in zip(instances, instance_names(cfg), strict=True):
        (instance / "instance.env").write_text(
            instance_env(cfg, args.metrics_ports, name), encoding="utf-8"
        )
    cluster.write_proxies(settings)
    (args.data / "varnish").mkdir(exist_ok=True)
    say(
        f"Creating the portal from {cfg['profile']} if missing "
        "(this compiles the translations, too) …"
    )
    subprocess.run(
        [
            str(args.prefix / ".venv" / "bin" / "zconsole"), "run",
            str(instances[0] / "zope.conf"), str(ROOT / "scripts" / "create_site.py"),
            "--profile", cfg["profile"], "--if-missing",
            "--caching-proxy", f"http://127.0.0.1:{cfg['cache_port']}",
        ],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    return instances


def install(args, cfg):
    if os.geteuid() != 0:
        fail("install writes to /etc and creates a system user: run it as root.")
    if not (args.prefix / ".venv" / "bin" / "runwsgi").exists():
        fail(
            f"{args.prefix}/.venv/bin/runwsgi is missing: "
            f"run `make install` in {args.prefix} first."
        )
    say("[1/4] Systemd units, nginx site, log rotation, system user …")
    render(args, cfg, Path("/"))
    subprocess.run(
        ["systemd-sysusers", "/etc/sysusers.d/integrationsportal.conf"], check=True
    )
    user = pwd.getpwnam(args.user)
    say(f"[2/4] Configurations and the portal in {args.data} …")
    prepare_data(args, cfg)
    say(f"[3/4] Backups in {args.backup_dir}, owned by {args.user} …")
    args.backup_dir.mkdir(parents=True, exist_ok=True)
    # certbot --webroot writes its challenges here, nginx serves them on http
    Path(args.acme_root).mkdir(mode=0o755, parents=True, exist_ok=True)
    for folder in (args.data, args.backup_dir):
        subprocess.run(
            ["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", str(folder)], check=True
        )
        folder.chmod(0o750)
    env_file = args.data / "backup.env"
    env_file.touch(mode=0o600)
    env_file.chmod(0o600)
    os.chown(env_file, 0, 0)
    env_file.write_text(backup_env(cfg), encoding="utf-8")
    say(f"  the backup's database address in {env_file} (root, mode 0600)")
    say("[4/4] Done. Next:")
    site = "/etc/nginx/sites-available/integrationsportal.conf"
    print(
        "  systemctl daemon-reload\n"
        "  systemctl disable --now varnish haproxy  # Debian's own, unused\n"
        "  systemctl enable --now integrationsportal.target\n"
        f"  ln -sf {site} /etc/nginx/sites-enabled/\n"
        "  nginx -t && systemctl reload nginx  # the certificate files must exist\n"
        "  # no certificate yet: deploy/README.md, Install (snakeoil, certbot)\n"
    )


def wait(url, seconds):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status < 500:
                    say(f"{url} answers ({time.monotonic() - started:.1f} s).")
                    return 0
        except urllib.error.HTTPError as error:
            if error.code < 500:
                say(f"{url} answers ({time.monotonic() - started:.1f} s).")
                return 0
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    fail(f"{url} did not answer within {seconds:.0f} s.")


def main(argv):
    args = options(argv)
    if args.command == "wait":
        return wait(args.url, args.seconds)
    cfg = cluster_settings()
    if args.command == "render":
        render(args, cfg, args.root)
    else:
        install(args, cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
