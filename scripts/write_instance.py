"""Write the local instance's configuration if it is missing.

    python scripts/write_instance.py [INSTANCE_DIR]

Writes zope.conf, zope.ini and site.zcml into INSTANCE_DIR (default:
instance/) from instance/templates/*.in, and creates var/. A file that exists
is kept, unless it was written for another location (a moved checkout).
Only the standard library: it runs before anything is installed.
"""

from pathlib import Path
import sys


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "instance" / "templates"
FILES = ("zope.conf", "zope.ini", "site.zcml")
MARK = "@@INSTANCE@@"


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
            if not moved:
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
