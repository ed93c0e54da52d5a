"""Keep versions.cfg (buildout's pins) in step with constraints.txt.

    python scripts/versions_cfg.py write   # versions.cfg from the pin files
    python scripts/versions_cfg.py check   # do the two agree?

versions.cfg holds every pin of constraints.txt plus the buildout tools'
pins from requirements-buildout.txt. Only the standard library.
"""

from pathlib import Path
import configparser
import sys


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from constraints import ConstraintsError  # noqa: E402
from constraints import normalize  # noqa: E402
from constraints import parse  # noqa: E402


CONSTRAINTS = ROOT / "constraints.txt"
BUILDOUT_PINS = ROOT / "requirements-buildout.txt"
VERSIONS = ROOT / "versions.cfg"


def render(constraints_text, buildout_text):
    pins = parse(constraints_text, "constraints.txt")
    tools = parse(buildout_text, "requirements-buildout.txt")
    lines = [
        "# Generated from constraints.txt and requirements-buildout.txt by",
        "# `make constraints` (scripts/versions_cfg.py). Do not edit by hand.",
        "[versions]",
    ]
    lines += [f"{name} = {version}" for name, version in pins.values()]
    lines.append("# the buildout tools")
    lines += [
        f"{name} = {version}"
        for key, (name, version) in tools.items()
        if key not in pins
    ]
    return "\n".join(lines) + "\n"


def read_versions(text):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    return {
        normalize(name): (name, value) for name, value in parser["versions"].items()
    }


def compare(constraints_text, versions_text):
    """Problems: pins of constraints.txt missing or different in versions.cfg."""
    pins = parse(constraints_text, "constraints.txt")
    versions = read_versions(versions_text)
    problems = []
    for key, (name, version) in pins.items():
        if key not in versions:
            problems.append(
                f"{name} is pinned in constraints.txt but not in versions.cfg"
            )
        elif versions[key][1] != version:
            other = versions[key][1]
            problems.append(
                f"{name}: constraints.txt has {version}, versions.cfg {other}"
            )
    return problems


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    constraints_text = CONSTRAINTS.read_text(encoding="utf-8")
    buildout_text = BUILDOUT_PINS.read_text(encoding="utf-8")
    try:
        if command == "write":
            VERSIONS.write_text(
                render(constraints_text, buildout_text), encoding="utf-8"
            )
            print(f"Wrote {VERSIONS.name}.")
            return 0
        if command == "check":
            parse(buildout_text, "requirements-buildout.txt")
            if not VERSIONS.exists():
                print(
                    "versions.cfg is missing: run `make constraints`.", file=sys.stderr
                )
                return 1
            problems = compare(constraints_text, VERSIONS.read_text(encoding="utf-8"))
            if problems:
                print("versions.cfg and constraints.txt disagree:", file=sys.stderr)
                for problem in problems:
                    print(f"- {problem}", file=sys.stderr)
                print("Run `make constraints` to bring them in step.", file=sys.stderr)
                return 1
            print("versions.cfg agrees with constraints.txt.")
            return 0
    except ConstraintsError as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
