"""Pack the database: remove object versions no longer needed (and, on a
FileStorage, old copies of erased personal data). Run through zconsole:

    zconsole run instance/zope.conf scripts/pack.py [DAYS]

`make pack` runs it (stop the embedded portal first; on RelStorage it runs
beside the instances). On RelStorage the pack holds RelStorage's pack lock (a
PostgreSQL advisory lock) until it ends; meanwhile the instances answer
``@@ready`` with 503 and HAProxy sends visitors to the healthy ones (see
deploy/README.md, "Health, readiness and request logs").
"""

import sys
import time


def main(app, days):
    db = app._p_jar.db()
    before = db.getSize()
    started = time.monotonic()
    db.pack(days=days)
    after = db.getSize()
    print(
        f"Packed in {time.monotonic() - started:.1f} s: "
        f"{before / 1e6:.1f} MB → {after / 1e6:.1f} MB."
    )


if __name__ == "__main__":
    days = float(sys.argv[-1]) if sys.argv[-1].replace(".", "").isdigit() else 0
    main(app, days)  # noqa: F821 - zconsole binds the Zope root as ``app``
