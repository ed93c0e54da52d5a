"""Delete the readers' reports that were marked done longer ago than the
retention period, and readers' e-mail addresses past the date they were
told. Run through zconsole, e.g. every night from cron:

    zconsole run instance/zope.conf scripts/feedback_retention.py \
        [--site Plone] [--dry-run]

(`make feedback-retention` does this for the local instance.) The period is
a site setting (Site Setup → Site settings, default 365 days).

An embedded portal (FileStorage) can be opened by one process only: while it
runs, the job runs by itself with the first report of each day, as the
housing retention does with the first flat. On RelStorage this script runs
beside the running instances.
"""

from integrationsportal.feedback import store
from integrationsportal.site.console import open_portal
from integrationsportal.site.console import script_arguments
import argparse
import sys
import transaction


def main(app, argv):
    parser = argparse.ArgumentParser(prog="feedback_retention.py")
    parser.add_argument("--site", default="Plone", help="the portal's id")
    parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    site = open_portal(app, args.site)
    if site is None:
        return 2
    days = store.retention_days()
    print(f"Retention: deleting readers' reports done {days}+ days ago …")
    folder = store.reports_folder()
    deleted, erased = store.expire(folder) if folder is not None else (0, 0)
    if args.dry_run:
        transaction.abort()
        print(f"Dry run: {deleted} reports and {erased} addresses would be deleted.")
        return 0
    transaction.commit()
    print(f"Deleted {deleted} reports and {erased} readers' addresses.")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "feedback_retention.py")))  # noqa: F821 - zconsole's app
