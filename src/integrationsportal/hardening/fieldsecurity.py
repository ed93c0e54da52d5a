"""The read permissions of fields (``read_permission`` in a schema: a
contact's internal phone and notes, a landlord's name and address) hold in
FTP and WebDAV marshalling, in the image metadata of the catalog and in
old versions too.

Pages, forms and plone.restapi's serializer ask for the permission; so does
plone.dexterity's attribute guard, which ``@@download``, ``@@display-file``
and ``@@images`` go through. These ways in did not:

- ``manage_FTPget`` and ``manage_DAVget`` answer with the object as an RFC
  822 message, built by its ``IRawReadFile`` adapter. plone.dexterity's
  ``DefaultReadFile`` writes every field into it. ``ReadableFieldsReadFile``
  writes only the fields the current user may read.
- The ``image_scales`` catalog metadata (from ``IImageScalesAdapter``) holds
  every image field's file name, size and scale addresses, and the catalog
  hands it to everyone who may view the object (listings, ``@search``).
  ``PublicImageScales`` leaves out image fields with a read permission.
- Where versions are kept, ``@@history`` compares every field the edit form
  shows (a field with a read but no write permission included), and
  ``@@download-version`` hands out any field of an old version. Both are
  registered again for the add-on's browser layer (fieldsecurity.zcml)
  and leave out, or refuse, the fields the user may not read.

The rule is plone.restapi's: a field with a read permission (plone.autoform's
``READ_PERMISSIONS_KEY``) needs that permission on the object; a permission
that is not registered withholds the field.

Why the two adapters are local, in the site's component registry
(profiles/default/componentregistry.xml, removed by profiles/uninstall):
``IRawReadFile`` adapts the object alone, so it cannot be bound to the
browser layer; the image scales are read while indexing, also by scripts
whose request has no layer. Registered in zcml, either would replace
Plone's adapter for every site in the Zope. The site's registry is asked
before the global one, so these win inside a site with the add-on and
nowhere else.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from integrationsportal import _
from integrationsportal.hardening.guard import ClientError
from plone.app.versioningbehavior.browser import DownloadVersion
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.base.interfaces import IImageScalesFieldAdapter
from plone.dexterity.filerepresentation import DefaultReadFile
from plone.dexterity.utils import all_merged_tagged_values_dict
from plone.dexterity.utils import iterSchemata
from plone.memoize.instance import memoize
from plone.rfc822 import constructMessage
from plone.rfc822.interfaces import IPrimaryField
from plone.rfc822.interfaces import IPrimaryFieldInfo
from plone.supermodel.utils import mergedTaggedValueDict
from Products.CMFEditions.browser import diff
from Products.CMFEditions.browser.diff import DiffView
from Products.CMFEditions.interfaces.IArchivist import ArchivistError
from Products.CMFPlone.image_scales.adapters import ImageScales
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.schema import getFieldsInOrder
from zope.security.interfaces import IPermission
import os


def read_permission_checker(context):
    """A function telling whether the current user may read a field of the
    object, given the field's read permission id (None: no permission)."""
    security = getSecurityManager()
    allowed = {None: True}

    def may_read(permission_id):
        if permission_id not in allowed:
            permission = queryUtility(IPermission, name=permission_id)
            allowed[permission_id] = permission is not None and bool(
                security.checkPermission(permission.title, context)
            )
        return allowed[permission_id]

    return may_read


def may_read_field(context, name):
    """Whether the current user may read the object's field of that name."""
    permissions = all_merged_tagged_values_dict(
        iterSchemata(context), READ_PERMISSIONS_KEY
    )
    return read_permission_checker(context)(permissions.get(name))


def readable_fields(context):
    """(name, field) of every field of the object's schemata that the
    current user may read, in the order of the schemata."""
    may_read = read_permission_checker(context)
    fields = []
    for schema in iterSchemata(context):
        permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
        fields.extend(
            (name, field)
            for name, field in getFieldsInOrder(schema)
            if may_read(permissions.get(name))
        )
    return fields


class ReadableFieldsReadFile(DefaultReadFile):
    """The RFC 822 form of a dexterity object, without the fields the
    current user may not read."""

    @memoize
    def _fields(self):
        return readable_fields(self.context)

    @property
    def mimeType(self):
        # as DefaultReadFile: one primary field is the body, more make a
        # multipart message; only the readable ones count
        fields = self._fields()
        primary = [name for name, field in fields if IPrimaryField.providedBy(field)]
        return "message/rfc822" if len(primary) > 1 else "text/plain"

    @memoize
    def _getMessage(self):
        message = constructMessage(self.context, self._fields())
        message["Portal-Type"] = self.context.portal_type
        return message


class PublicImageScales(ImageScales):
    """The scales of the image fields everyone who views the object may see:
    none of a field with a read permission (catalog metadata is the same
    for every reader)."""

    def __call__(self):
        obj = aq_inner(self.context)
        protected = all_merged_tagged_values_dict(
            iterSchemata(obj), READ_PERMISSIONS_KEY
        )
        scales = {}
        for schema in iterSchemata(obj):
            for name, field in getFieldsInOrder(schema):
                if name in protected:
                    continue
                adapter = queryMultiAdapter(
                    (field, obj, self.request), IImageScalesFieldAdapter
                )
                value = adapter() if adapter is not None else None
                if value:
                    scales[name] = value
        return scales


_cmfeditions_templates = os.path.join(os.path.dirname(diff.__file__), "templates")


class ReadableFieldsDiffView(DiffView):
    """``@@history``: the changes between two versions, without the fields
    the current user may not read."""

    index = ViewPageTemplateFile("diff.pt", _prefix=_cmfeditions_templates)

    def __call__(self):
        for name in ("one", "two"):
            value = self.request.form.get(name, "current")
            if not isinstance(value, str) or not (
                value == "current" or value.isdigit()
            ):
                raise ClientError(
                    _(
                        "The parameter ${name} must be a version number or 'current'.",
                        mapping={"name": name},
                    )
                )
        # CMFEditions fails on an object that was never versioned
        history = self.repo_tool.getHistoryMetadata(self.context)
        if not hasattr(history, "retrieve"):
            raise NotFound(self.context, "history")
        try:
            return super().__call__()
        except ArchivistError:  # no such version
            raise NotFound(self.context, "history") from None

    @property
    def changes(self):
        return self._changes

    @changes.setter
    def changes(self, changes):
        # DiffView.__call__ sets the list the template shows
        permissions = all_merged_tagged_values_dict(
            iterSchemata(self.context), READ_PERMISSIONS_KEY
        )
        may_read = read_permission_checker(self.context)
        self._changes = [
            change
            for change in changes
            if may_read(permissions.get(getattr(change, "field", None)))
        ]


class ReadableFieldsDownloadVersion(DownloadVersion):
    """``@@download-version``: a field of an old version only for who may
    read the field."""

    def __call__(self):
        version_id = self.request.get("version_id")
        if not isinstance(version_id, str) or not version_id.isdigit():
            raise ClientError(
                _(
                    "The parameter ${name} must be a whole number.",
                    mapping={"name": "version_id"},
                )
            )
        name = self.request.get("field_id")
        if name is not None and not isinstance(name, str):
            raise ClientError(
                _("The parameter ${name} must be text.", mapping={"name": "field_id"})
            )
        if not name:
            try:
                name = IPrimaryFieldInfo(self.context).fieldname
            except TypeError:  # no primary field
                raise NotFound(self.context, "download-version") from None
        if not may_read_field(self.context, name):
            raise Unauthorized(name)
        try:
            return super().__call__()
        except ArchivistError:  # no such version
            raise NotFound(self.context, "download-version") from None
