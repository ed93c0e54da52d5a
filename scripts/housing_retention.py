"""Erase the landlords' personal data that is past its retention period.
Run through zconsole, e.g. every night from cron:

    zconsole run instance/zope.conf scripts/housing_retention.py \
        [--site Plone] [--dry-run]

(`make housing-retention` does this for the local instance.) A flat's
landlord data (name, phone, email, street, message) is erased the configured
number of days (control panel, default 180) after the flat was placed or
withdrawn; its anonymous facts and history stay for the figures.

An embedded portal (FileStorage) can be opened by one process only: while it
runs, the job runs by itself with the first new offer of each day, and
administrators have a button on the housing team's data-protection page. On
RelStorage this script runs beside the running instances.
"""

from integrationsportal.housing import privacy
from integrationsportal.site.console import open_portal
from integrationsportal.site.console import script_arguments
import argparse
import sys
import transaction


def main(app, argv):
    parser = argparse.ArgumentParser(prog="housing_retention.py")
    parser.add_argument("--site", default="Plone", help="the portal's id")
    parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    site = open_portal(app, args.site)
    if site is None:
        return 2
    days = privacy.retention_days()
    print(f"Retention: erasing landlord data of flats closed {days}+ days ago …")
    erased = privacy.erase_expired()
    if args.dry_run:
        transaction.abort()
        print(f"Dry run: {len(erased)} flats would be erased: {', '.join(erased)}")
        return 0
    transaction.commit()
    print(
        f"Erased the landlord data of {len(erased)} flats: {', '.join(erased) or '-'}"
    )
    print("Old copies stay in the database file until it is packed (make pack).")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "housing_retention.py")))  # noqa: F821 - zconsole's app
