"""Create the portal from a site profile. Run through zconsole:

    zconsole run instance/zope.conf scripts/create_site.py \
        --profile profiles/musterkreis.toml [--delete-existing] [--if-missing]

Also makes sure the Zope admin user exists (ADMIN_USER / ADMIN_PASSWORD,
default admin/admin for a local machine); its password is printed once, when
the user is created.
"""

from integrationsportal.site.profile import create_portal
from integrationsportal.site.profile import load_site_profile
from integrationsportal.site.profile import SiteProfileError
import argparse
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
    from integrationsportal.site.profile import setup_caching_proxy
    from zope.component.hooks import setSite

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
        profile = load_site_profile(args.profile)
    except SiteProfileError as exc:
        print(f"Site profile error: {exc}", file=sys.stderr)
        return 2

    login = os.environ.get("ADMIN_USER") or "admin"
    password = os.environ.get("ADMIN_PASSWORD") or "admin"
    if ensure_admin(app, login, password):
        transaction.commit()
        print(f"Created the Zope admin user '{login}' with the password '{password}'.")
        print("(Printed once. Change it for anything but a local machine.)")

    if profile.site_id in app.objectIds() and args.if_missing:
        print(f"Site '{profile.site_id}' exists; keeping it.")
        if args.caching_proxy:
            configure_proxy(app[profile.site_id], args.caching_proxy)
        return 0
    if profile.site_id in app.objectIds() and not args.delete_existing:
        print(
            f"A site '{profile.site_id}' exists already. "
            "Use DELETE_EXISTING=1 (--delete-existing) to replace it.",
            file=sys.stderr,
        )
        return 1

    started = time.monotonic()
    print(f"Creating the portal from {args.profile} …")
    portal = create_portal(app, profile, delete_existing=args.delete_existing)
    transaction.commit()
    if args.caching_proxy:
        configure_proxy(portal, args.caching_proxy)
    print(
        f"Portal '{profile.site_id}' ({profile.title}) created in "
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
