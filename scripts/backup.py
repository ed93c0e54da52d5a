"""Back up, restore and pack the portal's data.

    python scripts/backup.py backup  [--storage filestorage|relstorage]
    python scripts/backup.py restore [--storage …] [--date YYYY-MM-DD-hh-mm-ss]
    python scripts/backup.py pack    [--days 0]

(`make backup`, `make restore`, `make pack`; STORAGE=relstorage for the
cluster's database.)

- filestorage (the default portal): repozo writes a full, compressed copy of
  instance/var/filestorage/Data.fs, and the blobs go into a tar archive with
  the same time stamp. Works while the portal runs. Restore needs the portal
  stopped; it replaces Data.fs and the blob folder.
- relstorage: pg_dump of the database (blobs are in it); restore recreates
  the database from the newest (or the given) dump. Stop the cluster first.

Backups go to BACKUP_DIR (default backups/); the newest KEEP (default 7) are
kept, older ones are removed. Every command says what it did and how big it is.
"""

from pathlib import Path
import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})")


def say(message):
    print(f"[backup] {message}", flush=True)


def fail(message):
    print(f"[backup] {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def size(path):
    path = Path(path)
    if path.is_file():
        total = path.stat().st_size
    else:
        total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{total / 1e6:.1f} MB"


def settings(args):
    env = os.environ
    return {
        "instance": (ROOT / env.get("INSTANCE", "instance")).resolve(),
        "dir": (ROOT / env.get("BACKUP_DIR", "backups")).resolve(),
        "keep": int(env.get("KEEP", "7")),
        "db": env.get("CLUSTER_DB", "integrationsportal"),
        "dsn": env.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres"),
        "storage": args.storage or env.get("STORAGE", "filestorage"),
    }


def pg_args(dsn):
    parts = dict(item.split("=", 1) for item in dsn.split())
    args = []
    for key, flag in (("host", "-h"), ("port", "-p"), ("user", "-U")):
        if key in parts:
            args += [flag, parts[key]]
    return args


# ---------------------------------------------------------------- FileStorage


def fs_paths(cfg):
    var = cfg["instance"] / "var"
    return var / "filestorage" / "Data.fs", var / "blobstorage"


def fs_backup(cfg):
    data, blobs = fs_paths(cfg)
    if not data.exists():
        fail(f"{data}: no database to back up.")
    target = cfg["dir"] / "filestorage"
    target.mkdir(parents=True, exist_ok=True)
    # repozo names a backup by its second; two in one second would collide
    stamps = sorted(STAMP.match(p.name).group(1) for p in target.glob("*.fsz"))
    while stamps and stamps[-1] >= time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime()):
        time.sleep(0.2)
    say(f"Backing up {data} ({size(data)}) with repozo …")
    subprocess.run(
        [str(BIN / "repozo"), "-B", "-F", "-z", "-r", str(target), "-f", str(data)],
        check=True,
    )
    newest = max(target.glob("*.fsz"), key=lambda p: p.name)
    stamp = STAMP.match(newest.name).group(1)
    archive = target / f"{stamp}.blobs.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        if blobs.exists():
            tar.add(blobs, arcname="blobstorage")
    say(f"Database: {newest.name} ({size(newest)})")
    say(f"Blobs: {archive.name} ({size(archive)})")
    prune(target, "*.fsz", cfg["keep"])


def fs_restore(cfg, date=None):
    data, blobs = fs_paths(cfg)
    lock = Path(f"{data}.lock")
    if lock.exists():
        import zc.lockfile

        try:
            zc.lockfile.LockFile(str(lock)).close()
        except zc.lockfile.LockError:
            fail(f"{data} is in use (a running portal?). Stop it first.")
    source = cfg["dir"] / "filestorage"
    backups = sorted(source.glob("*.fsz"))
    if date:
        backups = [b for b in backups if b.name.startswith(date)]
    if not backups:
        fail(f"No backup in {source}" + (f" from {date}" if date else "") + ".")
    chosen = backups[-1]
    stamp = STAMP.match(chosen.name).group(1)
    say(f"Restoring the backup of {stamp} into {cfg['instance']} …")
    data.parent.mkdir(parents=True, exist_ok=True)
    for leftover in data.parent.glob("Data.fs*"):
        leftover.unlink()
    subprocess.run(
        [str(BIN / "repozo"), "-R", "-r", str(source), "-D", stamp, "-o", str(data)],
        check=True,
    )
    archive = source / f"{stamp}.blobs.tar.gz"
    if blobs.exists():
        shutil.rmtree(blobs)
    if archive.exists():
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(blobs.parent, filter="data")
    blob_size = size(blobs) if blobs.exists() else "0 MB"
    say(f"Restored {data.name} ({size(data)}) and the blobs ({blob_size}).")


# ---------------------------------------------------------------- RelStorage


def pg_backup(cfg):
    target = cfg["dir"] / "postgresql"
    target.mkdir(parents=True, exist_ok=True)
    # a dump is named by its second: a second one in the same second waits
    while True:
        stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
        dump = target / f"{stamp}.{cfg['db']}.dump"
        if not dump.exists():
            break
        time.sleep(0.2)
    say(f"Dumping the PostgreSQL database '{cfg['db']}' …")
    subprocess.run(
        ["pg_dump", *pg_args(cfg["dsn"]), "-Fc", "-f", str(dump), cfg["db"]],
        check=True,
    )
    say(f"Database: {dump.name} ({size(dump)}), blobs included.")
    prune(target, f"*.{cfg['db']}.dump", cfg["keep"])


def pg_restore(cfg, date=None):
    source = cfg["dir"] / "postgresql"
    dumps = sorted(source.glob(f"*.{cfg['db']}.dump"))
    if date:
        dumps = [d for d in dumps if d.name.startswith(date)]
    if not dumps:
        fail(f"No dump of '{cfg['db']}' in {source}.")
    chosen = dumps[-1]
    say(f"Restoring '{cfg['db']}' from {chosen.name} …")
    base = ["psql", *pg_args(cfg["dsn"]), "-q", "-d", "postgres", "-c"]
    subprocess.run([*base, f'DROP DATABASE IF EXISTS "{cfg["db"]}"'], check=True)
    subprocess.run([*base, f'CREATE DATABASE "{cfg["db"]}"'], check=True)
    subprocess.run(
        ["pg_restore", *pg_args(cfg["dsn"]), "-d", cfg["db"], str(chosen)], check=True
    )
    say(f"Restored '{cfg['db']}' ({size(chosen)} dump).")


# ---------------------------------------------------------------- both


def prune(folder, pattern, keep):
    """Keep the newest ``keep`` backups; a backup is every file of its stamp."""
    backups = sorted(folder.glob(pattern))
    for old in backups[: max(len(backups) - keep, 0)]:
        stamp = STAMP.match(old.name).group(1)
        for path in folder.glob(f"{stamp}*"):
            path.unlink()
        say(f"Removed the old backup of {stamp} (keeping {keep}).")


def pack(cfg, days):
    conf = cfg["instance"] / "zope.conf"
    script = ROOT / "scripts" / "pack.py"
    say(f"Packing the database of {conf} (keeping {days} days of history) …")
    subprocess.run(
        [str(BIN / "zconsole"), "run", str(conf), str(script), str(days)], check=True
    )


def main(argv):
    parser = argparse.ArgumentParser(prog="backup.py")
    parser.add_argument("command", choices=("backup", "restore", "pack"))
    parser.add_argument("--storage", choices=("filestorage", "relstorage"))
    parser.add_argument("--date", help="restore the backup of this time stamp")
    parser.add_argument("--days", type=int, default=0)
    args = parser.parse_args(argv)
    cfg = settings(args)
    started = time.monotonic()
    if args.command == "pack":
        pack(cfg, args.days)
    elif cfg["storage"] == "relstorage":
        (pg_backup if args.command == "backup" else pg_restore)(
            cfg, *([args.date] if args.command == "restore" else [])
        )
    else:
        (fs_backup if args.command == "backup" else fs_restore)(
            cfg, *([args.date] if args.command == "restore" else [])
        )
    say(f"Done in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
