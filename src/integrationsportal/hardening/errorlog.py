"""The site's error log leaves out the reader's mistakes.

A request the guard refuses (``ClientError``: text that is not UTF-8, a
converter value, a body nested too deeply) is answered with 400 and is not a
fault of the portal; scanners send thousands. Plone's error log already
leaves out Unauthorized, NotFound and Redirect; installing the add-on adds
ClientError to that list, uninstalling takes it out again.
"""

IGNORED = ("ClientError",)


def _error_log(portal):
    return getattr(portal, "error_log", None)


def ignore_client_errors(portal):
    error_log = _error_log(portal)
    if error_log is None:
        return
    properties = error_log.getProperties()
    ignored = tuple(properties["ignored_exceptions"])
    missing = tuple(name for name in IGNORED if name not in ignored)
    if missing:
        error_log.setProperties(
            properties["keep_entries"],
            properties["copy_to_zlog"],
            ignored + missing,
        )


def log_client_errors(portal):
    error_log = _error_log(portal)
    if error_log is None:
        return
    properties = error_log.getProperties()
    error_log.setProperties(
        properties["keep_entries"],
        properties["copy_to_zlog"],
        tuple(n for n in properties["ignored_exceptions"] if n not in IGNORED),
    )
