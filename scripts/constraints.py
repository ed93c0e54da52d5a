"""Keep constraints.txt: the complete pinned set the project is tested with.

    python scripts/constraints.py generate   # resolve requirements.in anew
    python scripts/constraints.py check      # check constraints.txt

``generate`` installs requirements.in into a fresh, temporary virtual
environment, runs ``pip check``, and writes every distribution of that
environment (pip and setuptools included, the project itself excluded) as
``name==version``. It refuses to write a set that holds a pre-release or
fails ``pip check``. ``check`` applies the same rules to an existing file.
Only the standard library: it must run before anything is installed.
"""

from pathlib import Path
import re
import subprocess
import sys
import tempfile
import time


ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
REQUIREMENTS = ROOT / "requirements.in"
PROJECT = "integrationsportal"

# PEP 440: a release segment, then optional pre-, post- and dev-release parts.
VERSION = re.compile(
    r"""^v?(?:\d+!)?\d+(?:\.\d+)*
        (?P<pre>[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?
        (?P<post>(?:-\d+)|(?:[-_.]?(?:post|rev|r)[-_.]?\d*))?
        (?P<dev>[-_.]?dev[-_.]?\d*)?
        (?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$""",
    re.IGNORECASE | re.VERBOSE,
)
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)$")


class ConstraintsError(ValueError):
    pass


def is_prerelease(version):
    """True for a PEP 440 pre- or development release (1.0a1, 2.0rc1, 3.0.dev2)."""
    match = VERSION.match(version.strip())
    if match is None:
        raise ConstraintsError(f"'{version}' is not a PEP 440 version")
    return bool(match.group("pre") or match.group("dev"))


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(text, source="constraints.txt"):
    """Return {normalized name: (name, version)}; raise on anything doubtful."""
    pins = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            problems.append(
                f"{source}:{number}: '{line}' is not of the form name==version"
            )
            continue
        name, version = match.group("name"), match.group("version")
        key = normalize(name)
        if key in pins:
            problems.append(f"{source}:{number}: {name} is pinned twice")
        try:
            if is_prerelease(version):
                problems.append(
                    f"{source}:{number}: {name}=={version} is a pre-release; "
                    "pin a final release instead (requirements.in)"
                )
        except ConstraintsError as exc:
            problems.append(f"{source}:{number}: {exc}")
        pins[key] = (name, version)
    if problems:
        raise ConstraintsError("\n".join(problems))
    return pins


def check(path=CONSTRAINTS):
    pins = parse(Path(path).read_text(encoding="utf-8"), source=Path(path).name)
    for required in ("plone", "products-cmfplone", "plone-restapi"):
        if required not in pins:
            raise ConstraintsError(f"{path}: {required} is not pinned")
    return pins


def run(command, **kwargs):
    print("$", " ".join(str(c) for c in command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def generate(python=sys.executable, target=CONSTRAINTS):
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="constraints-") as tmp:
        venv = Path(tmp) / "venv"
        pip = [str(venv / "bin" / "python"), "-m", "pip"]
        print("[1/4] Creating a fresh virtual environment …", flush=True)
        run([python, "-m", "venv", str(venv)])
        run([*pip, "install", "-q", "--upgrade", "pip", "setuptools", "wheel"])
        print(f"[2/4] Installing {REQUIREMENTS.name} (about 1–2 minutes) …", flush=True)
        run([*pip, "install", "-q", "-r", str(REQUIREMENTS)], cwd=ROOT)
        print("[3/4] pip check …", flush=True)
        result = subprocess.run([*pip, "check"], capture_output=True, text=True)
        if result.returncode != 0:
            raise ConstraintsError(
                "pip check failed:\n" + result.stdout + result.stderr
            )
        freeze = subprocess.run(
            [*pip, "freeze", "--all", "--exclude-editable"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    lines = sorted(
        (
            line.strip()
            for line in freeze.splitlines()
            if line.strip()
            and not line.startswith("#")
            and normalize(line.split("==")[0]) != PROJECT
        ),
        key=lambda line: normalize(line.split("==")[0]),
    )
    body = "\n".join(lines) + "\n"
    print("[4/4] Checking the set for pre-releases …", flush=True)
    parse(body, source="the resolved set")
    header = (
        "# The complete pinned set the Integrationsportal is tested with.\n"
        "# Generated by `make constraints` from requirements.in; do not edit by hand.\n"
        f"# Python {sys.version_info.major}.{sys.version_info.minor}. "
        "No pre-releases; `pip check` passed.\n"
    )
    Path(target).write_text(header + body, encoding="utf-8")
    print(
        f"Wrote {target}: {len(lines)} distributions "
        f"in {time.monotonic() - started:.0f} s.",
        flush=True,
    )


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    try:
        if command == "generate":
            generate()
        elif command == "check":
            pins = check(argv[2] if len(argv) > 2 else CONSTRAINTS)
            print(f"constraints.txt: {len(pins)} pins, no pre-releases.")
        else:
            print(__doc__)
            return 2
    except ConstraintsError as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"Refused: a command failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
