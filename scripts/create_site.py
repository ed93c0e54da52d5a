"""Create the portal from an answer file. Run through zconsole:

    zconsole run instance/zope.conf scripts/create_site.py \
        --profile profiles/musterkreis.toml [--delete-existing] [--if-missing]

The answers go through the "Integrationsportal" distribution, as those of the
"Create a Plone site" form at the Zope root do.

Also makes sure the Zope admin user exists (ADMIN_USER / ADMIN_PASSWORD,
default admin/admin for a local machine); its password is printed once, when
the user is created.
"""

from integrationsportal import logger
from integrationsportal.site.caching import setup_caching_proxy
from integrationsportal.site.distribution import NAME as DISTRIBUTION
from integrationsportal.site.profile import load_site_profile
from integrationsportal.site.profile import SiteProfileError
from plone.distribution.api import site as site_api
from zExceptions import BadRequest
from zope.component.hooks import setSite
import argparse
import logging
import os
import sys
import time
import transaction


def script_arguments(argv):
    """zconsole leaves its own arguments in sys.argv; keep ours."""
    for index, arg in enumerate(argv):
        if arg.endswith("create_site.py"):
            return argv[index + 1 :]
    return argv[1:]


def ensure_admin(app, login, password):
    users = app.acl_users
    if users.getUserById(login) is not None:
        return False
    users._doAddUser(login, password, ["Manager"], [])
    return True


def configure_proxy(portal, url):
    setSite(portal)
    setup_caching_proxy(portal, url)
    transaction.commit()
    print(f"Caching and purging set up for the cache proxy at {url}.")


def main(app, argv):
    parser = argparse.ArgumentParser(prog="create_site.py")
    parser.add_argument("--profile", required=True, help="a site profile (TOML)")
    parser.add_argument(
        "--delete-existing",
        action="store_true",
        help="delete a site with the same id first",
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing if a site with the profile's id exists",
    )
    parser.add_argument(
        "--caching-proxy",
        metavar="URL",
        help="set up plone.app.caching to purge the cache proxy at URL",
    )
    args = parser.parse_args(argv)

    try:
        answers = load_site_profile(args.profile)
    except SiteProfileError as exc:
        print(f"Site profile error: {exc}", file=sys.stderr)
        return 2

    login = os.environ.get("ADMIN_USER") or "admin"
    password = os.environ.get("ADMIN_PASSWORD") or "admin"
    if ensure_admin(app, login, password):
        transaction.commit()
        print(f"Created the Zope admin user '{login}' with the password '{password}'.")
        print("(Printed once. Change it for anything but a local machine.)")

    site_id = answers["site_id"]
    if site_id in app.objectIds() and args.if_missing:
        print(f"Site '{site_id}' exists; keeping it.")
        if args.caching_proxy:
            configure_proxy(app[site_id], args.caching_proxy)
        return 0
    if site_id in app.objectIds():
        if not args.delete_existing:
            print(
                f"A site '{site_id}' exists already. "
                "Use DELETE_EXISTING=1 (--delete-existing) to replace it.",
                file=sys.stderr,
            )
            return 1
        print(f"Deleting the existing site '{site_id}' …")
        app.manage_delObjects([site_id])
        transaction.commit()

    started = time.monotonic()
    print(f"Creating the portal from {args.profile} …")
    # the distribution's handlers report their steps through the add-on's
    # log: shown here as lines of their own, once
    progress = logging.StreamHandler(sys.stdout)
    progress.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(progress)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        # commits the new portal
        portal = site_api.create(app, DISTRIBUTION, answers)
    except (BadRequest, ValueError) as exc:
        print(f"The portal was not created: {exc}", file=sys.stderr)
        return 2
    finally:
        logger.removeHandler(progress)
        logger.propagate = True
    if args.caching_proxy:
        configure_proxy(portal, args.caching_proxy)
    print(
        f"Portal '{site_id}' ({answers['title']}) created in "
        f"{time.monotonic() - started:.1f} s."
    )
    return 0


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        status = main(zope_app, script_arguments(sys.argv))
    finally:
        # close the database cleanly, so the FileStorage index is saved and
        # the next start does not rebuild it
        transaction.abort()
        zope_app._p_jar.db().close()
    sys.exit(status)
