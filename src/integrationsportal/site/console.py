"""What the zconsole scripts (scripts/*.py) share: their own arguments,
which follow zconsole's, and the portal opened for a job, as the system
user and the current site."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from zope.component.hooks import setSite
import sys


def script_arguments(argv, script):
    """The arguments after the script's own file name in ``argv``."""
    for index, arg in enumerate(argv):
        if arg.endswith(script):
            return argv[index + 1 :]
    return argv[1:]


def open_portal(app, site_id):
    """The portal ``site_id`` of the Zope database, ready for a job; None,
    with a message on stderr, if there is none."""
    site = app.get(site_id)
    if site is None:
        print(f"No portal '{site_id}' in this Zope database.", file=sys.stderr)
        return None
    newSecurityManager(None, system)
    setSite(site)
    return site
