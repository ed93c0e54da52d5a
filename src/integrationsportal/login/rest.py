"""plone.restapi's ``@login`` under the login lock, whichever user folder
holds the login.

The REST login asks the user folder that holds the login for the password:
the portal's PAS, where the lock's plugin refuses locked logins and counts
failures, or the Zope root's, which the plugin never sees. Here a locked
login is refused before any folder is asked, with the answer a wrong
password gets, and a refused login counts unless the plugin counted it in
this request already.
"""

from integrationsportal import loginthrottle
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login


class LockedLogin(Login):
    def reply(self):
        data = json_body(self.request)
        login = data.get("login") if isinstance(data, dict) else None
        connection = self.context._p_jar
        if not isinstance(login, str) or not login or connection is None:
            return super().reply()
        key = loginthrottle.login_key(self.context, login)
        if loginthrottle.is_locked(connection, key):
            self.request.response.setStatus(401)
            return {
                "error": {
                    "type": "Invalid credentials",
                    "message": "Wrong login and/or password.",
                }
            }
        result = super().reply()
        refused = self.request.response.getStatus() == 401
        if refused and loginthrottle.first_time(self.request, key):
            loginthrottle.count_failure(connection, key)
        return result
