"""Write the local instance's configuration if it is missing.

    python scripts/write_instance.py [INSTANCE_DIR]

Writes zope.conf, zope.ini and site.zcml into INSTANCE_DIR (default:
instance/) from instance/templates/*.in, and creates var/. A file that exists
is kept, unless it was written for another location (a moved checkout) or it
is an unedited copy of an earlier version of its template (then the current
version replaces it, so that e.g. the header hardening of zope.ini reaches
instances written before it). Only the standard library: it runs before
anything is installed.
"""

from pathlib import Path
import hashlib
import sys


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "instance" / "templates"
FILES = ("zope.conf", "zope.ini", "site.zcml")
MARK = "@@INSTANCE@@"
# sha256 of earlier versions of the templates; add the old hash whenever a
# template changes
EARLIER = {
    # before `ident =` and the hide-software filter (no Server/X-Powered-By)
    # and before the gzip filter
    "zope.ini": {
        "c6d8d5ec66d9c8605a7e59ec1b0fdc8f0c400dd010406c3019cb992c5298a4ff",
        "561b1e59fed5abed594db4326fdc11c57ab2e1e8f2363be56a9d12cfc5a300f9",
        # gzip for every answer (Paste), before static resources only
        "b6c8ee8ff30b2ee034842fcd75dcddd1767cacaac315287fbe0a8ab255bb2ae1",
        # before the JSON access log and the health checks' guard
        "be191f4fa82002a0bb738aa06bf5812cac75057bd7aafa40c01b81fdd7e7d543",
        # the access.json.log handler's comment said "reopened when logrotate
        # moves it" (logrotate copies and truncates)
        "08d6fc7df0a893d1a556c4a09fd279030e663c28e42f5a65e3cbd3657c97b7a1",
    },
}


def unedited_earlier(name, current, instance):
    """Whether a file is an unedited copy of an earlier template version."""
    text = current.replace(str(instance), MARK)
    return hashlib.sha256(text.encode("utf-8")).hexdigest() in EARLIER.get(name, ())


def write_instance(instance):
    instance = Path(instance).resolve()
    for sub in ("filestorage", "blobstorage", "cache", "log"):
        (instance / "var" / sub).mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        target = instance / name
        template = (TEMPLATES / f"{name}.in").read_text(encoding="utf-8")
        text = template.replace(MARK, str(instance))
        if target.exists():
            current = target.read_text(encoding="utf-8")
            moved = MARK in template and str(instance) not in current
            if not moved and not unedited_earlier(name, current, instance):
                continue
        target.write_text(text, encoding="utf-8")
        written.append(name)
    return written


def main(argv):
    instance = argv[1] if len(argv) > 1 else ROOT / "instance"
    written = write_instance(instance)
    if written:
        print(f"Instance configuration written to {instance}: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
