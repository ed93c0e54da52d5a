"""Move an embedded portal (FileStorage + blobs) into RelStorage on PostgreSQL.

    python scripts/to_relstorage.py INSTANCE_DIR DATABASE [--dsn "host=… user=…"]

(`make to-relstorage INSTANCE=instance CLUSTER_DB=integrationsportal` runs it.)
Stop the portal first. The PostgreSQL database is created if missing and must
be empty; zodbconvert copies every transaction with its objects and blobs.
Afterwards `make cluster` with the same CLUSTER_DB serves the moved portal.
"""

from pathlib import Path
import argparse
import subprocess
import sys
import tempfile
import time


ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
%import relstorage
<filestorage source>
    path {data}
    blob-dir {blobs}
    read-only true
</filestorage>
<relstorage destination>
    shared-blob-dir false
    blob-dir {cache}
    keep-history false
    <postgresql>
        dsn {dsn} dbname={database}
    </postgresql>
</relstorage>
"""


def main(argv):
    parser = argparse.ArgumentParser(prog="to_relstorage.py")
    parser.add_argument("instance", help="the instance folder (instance/)")
    parser.add_argument("database", help="the PostgreSQL database to fill")
    parser.add_argument("--dsn", default="host=127.0.0.1 port=5432 user=postgres")
    args = parser.parse_args(argv)
    instance = Path(args.instance).resolve()
    data = instance / "var" / "filestorage" / "Data.fs"
    if not data.exists():
        print(f"{data}: no FileStorage to move.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "scripts"))
    from cluster import ensure_database

    ensure_database({"dsn": args.dsn, "db": args.database})
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "convert.conf"
        config.write_text(
            CONFIG.format(
                data=data,
                blobs=instance / "var" / "blobstorage",
                cache=Path(tmp) / "blobcache",
                dsn=args.dsn,
                database=args.database,
            )
        )
        size = data.stat().st_size / 1e6
        print(f"Copying {data} ({size:.1f} MB) into '{args.database}' …", flush=True)
        started = time.monotonic()
        result = subprocess.run(
            [str(Path(sys.executable).parent / "zodbconvert"), str(config)],
            text=True,
            capture_output=True,
        )
        if result.returncode != 0:
            print(result.stdout[-2000:] + result.stderr[-3000:], file=sys.stderr)
            return result.returncode
        lines = [line for line in result.stderr.splitlines() if "Copied" in line]
        for line in lines[-1:]:
            print(line[line.index("Copied") :].strip())
    print(f"Done in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
