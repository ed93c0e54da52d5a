"""``PATCH @registry`` checks every value before it saves any.

plone.restapi's service sets the records one after the other and lets the
field's own check raise: a number above the field's maximum, a word where a
number belongs, a record that does not exist or a body that is not an
object end in 500, and the records before the bad one are saved already.
Here the whole body is checked first, against each record's field, and a
mistake answers 400 naming the record and what is wrong; nothing is saved
then. A valid body is saved as plone.restapi saves it (a list for a tuple
field becomes a tuple).
"""

from integrationsportal import _
from integrationsportal.hardening.guard import ClientError
from plone.registry import field as registry_fields
from plone.registry.interfaces import IRegistry
from plone.restapi.services import Service
from zope.component import getUtility
from zope.interface import alsoProvides
from zope.schema.interfaces import ValidationError
import json
import plone.protect.interfaces


def _checked(registry, key, value):
    """The value to save for ``key``, or a ClientError naming it."""
    if not isinstance(key, str) or key not in registry.records:
        raise ClientError(
            _("There is no setting ${record}.", mapping={"record": str(key)[:200]})
        )
    field = registry.records[key].field
    if isinstance(field, registry_fields.Tuple) and isinstance(value, list):
        value = tuple(value)
    try:
        field.validate(value)
    except (ValidationError, ValueError, TypeError) as error:
        doc = error.doc() if isinstance(error, ValidationError) else str(error)
        raise ClientError(
            _(
                "The setting ${record} cannot take this value: ${reason}",
                mapping={"record": key, "reason": doc[:300]},
            )
        ) from None
    return value


class RegistryUpdate(Service):
    def reply(self):
        try:
            records = json.loads(self.request.get("BODY") or "{}")
        except (ValueError, RecursionError):
            raise ClientError(_("The request body is not valid JSON.")) from None
        if not isinstance(records, dict):
            raise ClientError(
                _("The request body must be an object of settings and their values.")
            )
        registry = getUtility(IRegistry)
        checked = {
            key: _checked(registry, key, value) for key, value in records.items()
        }
        # as plone.restapi's own service: a REST call carries no CSRF token
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        for key, value in checked.items():
            registry[key] = value
        return self.reply_no_content()
