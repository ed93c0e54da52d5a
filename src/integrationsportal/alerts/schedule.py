"""The alert run inside the instance: an embedded portal (FileStorage)
admits one process only, so a cron job could not open it while it runs. A
thread started with the instance runs the alerts of every portal with the
add-on once an interval (INTEGRATIONSPORTAL_ALERT_INTERVAL seconds, default
3600; 0 turns it off, as for `make search-alerts` from cron or a timer on
RelStorage). Two instances of a cluster may both run: an alert two runs
change at once conflicts in one of them, whose transaction and mail are
dropped, so no reader gets a mail twice."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from integrationsportal import logger
from integrationsportal.alerts import job
from integrationsportal.interfaces import IIntegrationsportalLayer
from plone.base.interfaces import IPloneSiteRoot
from plone.browserlayer.utils import registered_layers
from zope.component import adapter
from zope.component.hooks import setSite
from zope.processlifetime import IProcessStarting
import os
import threading
import time
import transaction
import Zope2


def interval():
    try:
        return int(os.environ.get("INTEGRATIONSPORTAL_ALERT_INTERVAL", "3600"))
    except ValueError:
        return 3600


def _installed(portal):
    setSite(portal)
    return IIntegrationsportalLayer in registered_layers()


def run_everywhere(app):
    """The alert run in every portal of ``app`` that has the add-on."""
    newSecurityManager(None, system)
    try:
        for portal in app.objectValues():
            if not IPloneSiteRoot.providedBy(portal) or not _installed(portal):
                continue
            job.run(portal)
    finally:
        transaction.abort()
        setSite(None)
        noSecurityManager()


def _loop(seconds):
    while True:
        time.sleep(seconds)
        try:
            app = Zope2.app()
            try:
                run_everywhere(app)
            finally:
                app._p_jar.close()
        except Exception:  # noqa: BLE001 - the next run tries again
            logger.exception("Search alerts: the run failed")


@adapter(IProcessStarting)
def start(event):
    seconds = interval()
    if seconds <= 0:
        return
    threading.Thread(
        target=_loop, args=(seconds,), name="integrationsportal-alerts", daemon=True
    ).start()
