"""Run the portal's pending upgrade steps after new code was installed.
Run through zconsole, with the portal stopped and a backup made:

    zconsole run instance/zope.conf scripts/upgrade.py [--site Plone] [--dry-run]

(`make upgrade INSTANCE=…` does this.) In this order:

1. Plone's own upgrade (plone.app.upgrade, as @@plone-upgrade), if the code
   is a newer Plone than the portal;
2. the steps of this add-on's profile (integrationsportal:default), from
   the portal's version to the code's;
3. the steps of every other installed profile with pending steps (the
   add-ons' own, as the Add-ons control panel offers them).

Each step is printed as it runs. The steps of one profile version are
committed together, with the new version: if a step fails, that version's
changes are undone, the portal stays at the version before it, and the
script stops with the step, the error and the version the portal is at
(exit status 1). Run it again after the cause is fixed; steps already done
are not repeated. ``--dry-run`` lists the pending steps and changes nothing.
"""

from integrationsportal import logger
from integrationsportal.site.console import open_portal
from integrationsportal.site.console import script_arguments
from plone import api
import argparse
import logging
import sys
import time
import traceback
import transaction


PROFILE = "integrationsportal:default"


class UpgradeFailed(Exception):
    """A step failed; its message says which and where the portal stands."""


def version_text(version):
    if isinstance(version, (tuple, list)):
        return ".".join(version)
    return str(version)


def pending_steps(setup, profile):
    return setup.listUpgrades(profile, simple=True)


def upgrade_profile(setup, profile, dry_run=False):
    """Run ``profile``'s pending steps, a version at a time; returns how many
    ran (or would run)."""
    before = version_text(setup.getLastVersionForProfile(profile))
    target = version_text(setup.getVersionForProfile(profile))
    steps = pending_steps(setup, profile)
    if not steps:
        print(f"{profile}: at version {before}, nothing to do.")
        return 0
    print(f"{profile}: version {before} → {target}, {len(steps)} steps.")
    groups = []
    for step in steps:
        if groups and groups[-1][0] == step.dest and step.dest is not None:
            groups[-1][1].append(step)
        else:
            groups.append((step.dest, [step]))
    number = 0
    for dest, group in groups:
        for step in group:
            number += 1
            label = (
                f"  [{number}/{len(steps)}] {version_text(step.source)} → "
                f"{version_text(step.dest)}: {step.title}"
            )
            if dry_run:
                print(label)
                continue
            print(f"{label} …", flush=True)
            started = time.monotonic()
            try:
                step.doStep(setup)
            except Exception as exc:
                transaction.abort()
                now = version_text(setup.getLastVersionForProfile(profile))
                traceback.print_exc()
                raise UpgradeFailed(
                    f"The upgrade step '{step.title}' of {profile} "
                    f"({version_text(step.source)} → {version_text(step.dest)}) "
                    f"failed: {exc.__class__.__name__}: {exc}. Its version's "
                    f"changes were undone; the portal stays at version {now}."
                ) from exc
            print(f"        done in {time.monotonic() - started:.1f} s", flush=True)
        if dry_run:
            continue
        if dest is not None:
            setup.setLastVersionForProfile(profile, dest)
        transaction.get().note(f"upgrade {profile} to {version_text(dest)}")
        transaction.commit()
        print(f"  {profile} is at version {version_text(dest)} (committed).")
    after = version_text(setup.getLastVersionForProfile(profile))
    if not dry_run:
        print(f"{profile}: version {before} → {after}.")
    return len(steps)


def upgrade_plone(site, dry_run=False):
    """Plone's own upgrade, when the code is a newer Plone than the portal."""
    migration = api.portal.get_tool("portal_migration")
    instance, code = migration.getInstanceVersion(), migration.getFileSystemVersion()
    if not migration.needUpgrading():
        print(f"Plone: at version {instance}, nothing to do.")
        return 0
    print(f"Plone: version {instance} → {code} (plone.app.upgrade).")
    if dry_run:
        for upgrade in migration.listUpgrades():
            print(f"  {upgrade.get('title') or upgrade.get('id')}")
        return 1
    report = migration.upgrade(dry_run=False, swallow_errors=False)
    for line in (report or "").splitlines():
        if line.strip():
            print(f"  {line.strip()}")
    if migration.needUpgrading():
        transaction.abort()
        raise UpgradeFailed(
            f"Plone's upgrade from {instance} to {code} did not finish; "
            "see the report above. The portal stays at Plone "
            f"{migration.getInstanceVersion()}."
        )
    transaction.commit()
    print(f"Plone: version {instance} → {migration.getInstanceVersion()}.")
    return 1


def upgrade(site, dry_run=False):
    """Everything pending, in order; returns the number of steps."""
    setup = api.portal.get_tool("portal_setup")
    if setup.getLastVersionForProfile(PROFILE) == "unknown":
        raise UpgradeFailed(
            f"The add-on ({PROFILE}) is not installed in the portal "
            f"'{site.getId()}'; there is nothing to upgrade."
        )
    count = upgrade_plone(site, dry_run=dry_run)
    count += upgrade_profile(setup, PROFILE, dry_run=dry_run)
    others = [p for p in setup.listProfilesWithPendingUpgrades() if p != PROFILE]
    for profile in sorted(others):
        count += upgrade_profile(setup, profile, dry_run=dry_run)
    if not others:
        print("Other add-ons: nothing to do.")
    return count


def main(app, argv):
    parser = argparse.ArgumentParser(prog="upgrade.py")
    parser.add_argument("--site", default="Plone", help="the portal's id")
    parser.add_argument(
        "--dry-run", action="store_true", help="list the pending steps, run none"
    )
    args = parser.parse_args(argv)
    site = open_portal(app, args.site)
    if site is None:
        return 2
    started = time.monotonic()
    print(f"Upgrading the portal '{args.site}'{' (dry run)' if args.dry_run else ''} …")
    # what the steps report through the add-on's log: lines of their own
    progress = logging.StreamHandler(sys.stdout)
    progress.setFormatter(logging.Formatter("        %(message)s"))
    logger.addHandler(progress)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        count = upgrade(site, dry_run=args.dry_run)
    except UpgradeFailed as exc:
        print(f"Upgrade failed: {exc}", file=sys.stderr)
        return 1
    finally:
        logger.removeHandler(progress)
        logger.propagate = True
    if args.dry_run:
        transaction.abort()
        print(f"Dry run: {count} steps pending; nothing changed.")
        return 0
    print(
        f"Upgrade done: {count} steps in {time.monotonic() - started:.0f} s. "
        "Start the portal."
    )
    return 0


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        status = main(zope_app, script_arguments(sys.argv, "upgrade.py"))
    finally:
        # close the database cleanly, so the FileStorage index is saved
        transaction.abort()
        zope_app._p_jar.db().close()
    sys.exit(status)
