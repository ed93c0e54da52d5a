"""Build the demo portal as the last release made it, to try the upgrade
steps on (tests/operations/test_upgrade_from_release.py does, and so may a
maintainer by hand):

    .venv/bin/python scripts/upgrade_baseline.py DIR [--commit REF]
    .venv/bin/python scripts/upgrade_baseline.py --choose

The baseline is the newest release tag (``v1.2.0``) reachable from HEAD
whose profile version (its src/integrationsportal/profiles/default/
metadata.xml) is lower than the work tree's: the last release before the
newest profile change, so that the upgrade steps since then run. Tags on
other branches and other tags (``build-5``, ``v2-nightly``) are not
releases. Without such a tag, the commit recorded in
tests/operations/upgrade_baseline.txt, if its version is lower. If nothing
is lower (no profile change since that release), the newest of them at the
same version: then no step is pending and the upgrade test checks that
``make upgrade`` has nothing to do and the data stays. From git, without a
work tree of its own:

1. its files (``git archive``) into DIR/source;
2. its instance configuration, by its own write_instance.py, into
   DIR/instance;
3. its demo portal, by its own create_site.py from its own
   profiles/musterkreis.toml, run with this checkout's virtualenv but the
   baseline's package first on the path (``PYTHONPATH=DIR/source/src``), so
   that the old code, ZCML and profiles make the database; the package's
   location is printed and checked;
4. an editor's changes to three translated offers, made by the baseline's
   code, so that their translations are outdated (the demo has only current
   ones), and what the portal then holds (scripts/upgrade_facts.py) into
   DIR/baseline.json.

DIR is reused if it holds the portal of the same commit already.

``--choose`` only prints the baseline chosen and why.

Exit status: 0 built (or there already); 1 a step failed, or no candidate
is at the work tree's profile version or lower; 3 the baseline commit is not
in this clone (a shallow clone: ``git fetch --unshallow``).
"""

from pathlib import Path
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RECORDED = ROOT / "tests" / "operations" / "upgrade_baseline.txt"
METADATA = "src/integrationsportal/profiles/default/metadata.xml"
TAG_PATTERN = "v[0-9]*"
RELEASE_TAG = re.compile(r"v\d+(\.\d+)+")
VERSION = re.compile(r"<version>\s*(\d+)\s*</version>")
# what the baseline's portal needs from its tree
PATHS = ("src", "scripts", "profiles", "instance")
SITE_PROFILE = "profiles/musterkreis.toml"
OUTDATED_OFFERS = 3
MISSING = 3


class BaselineMissing(Exception):
    """The baseline commit is not in this clone."""


class NoBaseline(Exception):
    """No candidate is at the work tree's profile version or lower."""


def git(*args, cwd=ROOT):
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def profile_version(text):
    """The profile version in a metadata.xml's text, as a number, or None."""
    found = VERSION.search(text or "")
    return int(found.group(1)) if found else None


def current_version(repo=ROOT):
    """The profile version of the work tree (the code being tested)."""
    path = Path(repo) / METADATA
    version = profile_version(path.read_text(encoding="utf-8"))
    if version is None:
        raise ValueError(f"{path}: no <version> found")
    return version


def version_at(ref, repo=ROOT):
    """The profile version of the commit ``ref``, or None (no metadata.xml
    there, or ``ref`` is not in this clone)."""
    shown = git("show", f"{ref}:{METADATA}", cwd=repo)
    return profile_version(shown.stdout) if shown.returncode == 0 else None


def release_tags(repo=ROOT):
    """The release tags reachable from HEAD, the newest version first."""
    listed = git(
        "tag",
        "--merged",
        "HEAD",
        "--list",
        TAG_PATTERN,
        "--sort=-v:refname",
        cwd=repo,
    )
    return [
        tag
        for tag in (line.strip() for line in listed.stdout.splitlines())
        if RELEASE_TAG.fullmatch(tag)
    ]


def recorded_commit(path=RECORDED):
    """The commit in ``path``: its first line that is not a comment."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line.split()[0]
    raise ValueError(f"{path}: no commit recorded (a line that is not a comment)")


def resolve(ref, origin, repo=ROOT):
    """The commit of ``ref``; BaselineMissing if this clone lacks it."""
    found = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=repo)
    if found.returncode != 0:
        shallow = git("rev-parse", "--is-shallow-repository", cwd=repo).stdout.strip()
        hint = (
            " This clone is shallow: fetch the history (git fetch --unshallow)."
            if shallow == "true"
            else " Fetch the tags and history (git fetch --tags origin)."
        )
        raise BaselineMissing(
            f"The upgrade baseline {ref} ({origin}) is not in the git history of "
            f"{repo}.{hint}"
        )
    return found.stdout.strip()


def choose(repo=ROOT, recorded=RECORDED):
    """(ref, commit, profile version, why) of the baseline; the rule is in
    the module's docstring."""
    current = current_version(repo)
    tags = [(tag, version_at(tag, repo)) for tag in release_tags(repo)]
    recorded_ref = recorded_commit(recorded)
    candidates = [
        *(
            (tag, version, "newest release tag reachable from HEAD")
            for tag, version in tags
        ),
        (
            recorded_ref,
            version_at(recorded_ref, repo),
            f"recorded in {Path(recorded).name}, no release tag reachable from HEAD",
        ),
    ]
    for ref, version, why in candidates:
        if version is not None and version < current:
            why += f" below the code's profile version {current}"
            return ref, resolve(ref, why, repo), version, why
    for ref, version, why in candidates:
        if version == current:
            why += (
                f" at the code's profile version {current}: no profile change "
                "since, nothing to upgrade"
            )
            return ref, resolve(ref, why, repo), version, why
    # the recorded commit not in this clone: say so (exit status 3)
    resolve(recorded_ref, f"recorded in {Path(recorded).name}", repo)
    raise NoBaseline(
        "No upgrade baseline: neither a release tag reachable from HEAD "
        f"({', '.join(tag for tag, _ in tags) or 'none'}) nor the commit in "
        f"{recorded} ({recorded_ref}) is at profile version {current} or lower."
    )


def baseline(ref=None):
    """(ref, commit, where the ref comes from) of the baseline."""
    if ref:
        return ref, resolve(ref, "given"), "given"
    ref, commit, _version, why = choose()
    return ref, commit, why


def baseline_env(source):
    """The environment of the baseline's processes: its package first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(source / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env.setdefault("ADMIN_USER", "admin")
    env.setdefault("ADMIN_PASSWORD", "admin")
    return env


def run(command, env=None, cwd=ROOT, log=None):
    """Run ``command``, its output shown (and kept in ``log``); raise with the
    output's end if it fails."""
    process = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = process.stdout + process.stderr
    if log is not None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"$ {' '.join(str(p) for p in command)}\n{output}\n")
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(str(p) for p in command)} failed "
            f"({process.returncode}):\n{output[-4000:]}"
        )
    return output


def check_package(source, env):
    """The baseline's package is the one imported, not this checkout's."""
    code = "import integrationsportal; print(integrationsportal.__file__)"
    found = run([BIN / "python", "-c", code], env=env, cwd=source).strip()
    expected = source / "src" / "integrationsportal" / "__init__.py"
    if Path(found).resolve() != expected.resolve():
        raise RuntimeError(
            f"The baseline's processes import integrationsportal from {found}, "
            f"not from {expected}: an installation shadows PYTHONPATH."
        )
    return found


def build(target, ref=None):
    """Build the baseline portal in ``target``; returns its facts."""
    target = Path(target).resolve()
    ref, commit, origin = baseline(ref)
    facts_file = target / "baseline.json"
    if facts_file.exists():
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        if facts.get("commit") == commit:
            print(f"Baseline {ref} ({commit[:10]}) is built already in {target}.")
            return facts
        shutil.rmtree(target)
    source = target / "source"
    instance = target / "instance"
    log = target / "baseline.log"
    started = time.monotonic()
    print(f"Upgrade baseline: {ref} ({commit[:10]}; {origin}) into {target}")

    print(f"[1/4] Its files ({', '.join(PATHS)}) from git into {source} …")
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, *PATHS],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    metadata = source / "src/integrationsportal/profiles/default/metadata.xml"
    version = metadata.read_text(encoding="utf-8").split("<version>")[1].split("<")[0]
    print(f"      profile version {version}")

    env = baseline_env(source)
    print(f"[2/4] Its instance configuration into {instance} …")
    run(
        [BIN / "python", source / "scripts/write_instance.py", instance],
        env=env,
        log=log,
    )
    package = check_package(source, env)
    print(f"      integrationsportal imported from {package}")

    print(
        f"[3/4] Its demo portal from {SITE_PROFILE} by its create_site.py "
        "(about 90 s) …"
    )
    step = time.monotonic()
    run(
        [
            BIN / "zconsole",
            "run",
            instance / "zope.conf",
            source / "scripts/create_site.py",
            "--profile",
            source / SITE_PROFILE,
        ],
        env=env,
        cwd=source,
        log=log,
    )
    print(f"      created in {time.monotonic() - step:.0f} s")

    print(
        f"[4/4] {OUTDATED_OFFERS} offers changed by an editor (their translations "
        f"outdated), and what it holds, into {facts_file} …"
    )
    raw = target / "baseline-raw.json"
    run(
        [
            BIN / "zconsole",
            "run",
            instance / "zope.conf",
            ROOT / "scripts/upgrade_facts.py",
            "--output",
            raw,
            "--outdate",
            OUTDATED_OFFERS,
        ],
        env=env,
        cwd=source,
        log=log,
    )
    facts = json.loads(raw.read_text(encoding="utf-8"))
    raw.unlink()
    if Path(facts["package"]).resolve() != Path(package).resolve():
        raise RuntimeError(
            f"The portal was read with integrationsportal from {facts['package']}, "
            f"not {package}."
        )
    if facts["version"] != version:
        raise RuntimeError(
            f"The baseline portal has profile version {facts['version']}, its "
            f"metadata.xml says {version}."
        )
    facts.update(ref=ref, commit=commit, origin=origin)
    facts_file.write_text(
        json.dumps(facts, indent=1, ensure_ascii=False, sort_keys=True),
        encoding="utf-8",
    )
    print(
        f"Baseline portal at profile version {facts['version']}: "
        f"{sum(facts['counts'].values())} items, "
        f"{len(facts['translations'])} translations "
        f"({time.monotonic() - started:.0f} s)."
    )
    return facts


def main(argv):
    parser = argparse.ArgumentParser(
        prog="upgrade_baseline.py",
        description="Build the demo portal of the last release.",
    )
    parser.add_argument("directory", nargs="?", help="where to build it")
    parser.add_argument(
        "--commit", help="a tag or commit instead of the one the rule chooses"
    )
    parser.add_argument(
        "--choose",
        action="store_true",
        help="only print the baseline chosen and why, build nothing",
    )
    args = parser.parse_args(argv[1:])
    if not args.choose and not args.directory:
        parser.error("the directory to build it in is required (or --choose)")
    try:
        if args.choose:
            ref, commit, why = baseline(args.commit)
            print(f"{ref} ({commit[:10]}; {why})")
        else:
            build(args.directory, args.commit)
    except BaselineMissing as exc:
        print(exc, file=sys.stderr)
        return MISSING
    except (
        NoBaseline,
        RuntimeError,
        ValueError,
        OSError,
        subprocess.CalledProcessError,
    ) as exc:
        print(f"The baseline portal was not built: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
