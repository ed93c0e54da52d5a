"""Send the search alerts that are due: new and changed offers of each
confirmed alert's finder state, one mail per alert; alerts never confirmed
within two days are deleted. Run through zconsole, e.g. from cron or a
systemd timer beside RelStorage instances:

    zconsole run instance/zope.conf scripts/search_alerts.py [--site Plone]

(`make search-alerts` does this for the local instance.) A running instance
does the same by itself every hour (INTEGRATIONSPORTAL_ALERT_INTERVAL; see
src/integrationsportal/alerts/schedule.py), which is what an embedded
portal, whose database one process only can open, relies on.
"""

from integrationsportal.alerts import job
from integrationsportal.site.console import open_portal
from integrationsportal.site.console import script_arguments
import argparse
import sys


def main(app, argv):
    parser = argparse.ArgumentParser(prog="search_alerts.py")
    parser.add_argument("--site", default="Plone", help="the portal's id")
    args = parser.parse_args(argv)
    site = open_portal(app, args.site)
    if site is None:
        return 2
    print(f"Search alerts of '{args.site}': checking each confirmed alert …")
    sent, expired = job.run(site)
    print(f"{sent} mails sent, {expired} unconfirmed alerts deleted.")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "search_alerts.py")))  # noqa: F821 - zconsole's app
