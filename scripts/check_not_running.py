"""Stop early, with a plain message, if the portal's database is in use.

    python scripts/check_not_running.py INSTANCE_DIR

The FileStorage is opened by one process at a time; a second `make start` or a
`make create-site` while the portal runs would otherwise fail with a lock
traceback.
"""

from pathlib import Path
import sys


def main(argv):
    instance = Path(argv[1] if len(argv) > 1 else "instance")
    data = instance / "var" / "filestorage" / "Data.fs"
    if not data.exists():
        return 0
    import zc.lockfile

    try:
        lock = zc.lockfile.LockFile(f"{data}.lock")
    except zc.lockfile.LockError:
        print(
            f"The portal's database {data} is in use by another process "
            "(a running portal?). Stop it first (Ctrl-C where it runs).",
            file=sys.stderr,
        )
        return 1
    lock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
