"""Fields with a read permission (a contact's internal phone and notes, a
landlord's name and address, …) reach nobody without that permission,
through any way in: FTP/WebDAV marshalling, PROPFIND and the other WebDAV
methods, field downloads and image scales, catalog metadata, old versions
and their comparison, pages, and every plone.restapi serialisation.

The fields are not listed here: they are read from the portal's schemas
(every dexterity type, its schema and its behaviors). Each gets a marker of
its own; an object of each such type is created where the type belongs and
published where its workflow allows. Then every way in is tried by everyone
who may view the object but not read the field. (``Translate: f`` is an IIS
convention Zope ignores; Zope's WebDAV source port only forces
``manage_DAVget``, tried here directly.)

The portal's own types have no protected file or image field (yet), so a
type made for this test adds one of each, the file as primary field: then
downloads, scales and the message body are tried on real files too. And
versions are kept and compared of every type that offers them, as a site
administrator may set up in the types control panel.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from contextlib import suppress
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from io import BytesIO
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.filerepresentation import DefaultReadFile
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import createContentInContainer
from plone.dexterity.utils import iterSchemataForType
from plone.namedfile.interfaces import INamedFileField
from plone.namedfile.interfaces import INamedImageField
from plone.supermodel.utils import mergedTaggedValueDict
from support import OWNER
from zope.component import queryUtility
from zope.schema import getFields
from zope.schema.interfaces import ICollection
from zope.security.interfaces import IPermission
import base64
import json
import pytest
import requests
import transaction


PASSWORD = "staff-fields-test-2026"
JSON = {"Accept": "application/json"}

# who tries the ways in: everyone who may lack a read permission ...
VISITORS = {
    "anonymous": None,
    "member": "mitglied",  # Member only
    "contributor": "beitrag",  # Contributor where the object was added
    "site administrator": "verwaltung",  # View on flats, no landlord data
}
# ... and who must still get the fields they hold the permission for
STAFF = {
    "manager": SITE_OWNER_NAME,
    "editor": "redaktion",
    "housing team": "wohnteam",
}
GLOBAL_ROLES = {
    "mitglied": [],
    "beitrag": [],
    "verwaltung": ["Site Administrator"],
    "redaktion": ["Editor"],
    "wohnteam": ["HousingTeam"],
}


PROBE_TYPE = "StaffFileProbe"
PROBE_MODEL = """<model xmlns="http://namespaces.plone.org/supermodel/schema"
       xmlns:security="http://namespaces.plone.org/supermodel/security"
       xmlns:marshal="http://namespaces.plone.org/supermodel/marshal">
  <schema>
    <field name="staff_file" type="plone.namedfile.field.NamedBlobFile"
           marshal:primary="true"
           security:read-permission="integrationsportal.ViewStaffFields">
      <title>Staff file</title>
      <required>False</required>
    </field>
    <field name="staff_photo" type="plone.namedfile.field.NamedBlobImage"
           security:read-permission="integrationsportal.ViewStaffFields">
      <title>Staff photo</title>
      <required>False</required>
    </field>
  </schema>
</model>"""


def add_probe_type(portal):
    from plone.dexterity.fti import DexterityFTI

    fti = DexterityFTI(PROBE_TYPE)
    fti.manage_changeProperties(
        title="Staff file probe",
        klass="plone.dexterity.content.Item",
        add_permission="cmf.AddPortalContent",
        global_allow=True,
        model_source=PROBE_MODEL,
        behaviors=("plone.dublincore", "plone.namefromtitle", "plone.versioning"),
    )
    portal.portal_types._setObject(PROBE_TYPE, fti)


def protected_fields(portal):
    """{portal_type: {field name: (field, permission id)}}: every field with
    a read permission, from each dexterity type's schema and behaviors."""
    found = {}
    for fti in portal.portal_types.listTypeInfo():
        if not IDexterityFTI.providedBy(fti):
            continue
        fields = {}
        for schema in iterSchemataForType(fti.getId()):
            schema_fields = getFields(schema)
            permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
            for name, permission in permissions.items():
                if name in schema_fields:
                    fields[name] = (schema_fields[name], permission)
        if fields:
            found[fti.getId()] = fields
    return found


def png_with(marker):
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", marker)
    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def marked_value(field, marker):
    """A value for the field that carries the marker, so that any answer
    showing the field shows the marker."""
    if INamedImageField.providedBy(field):
        return field._type(data=png_with(marker), filename=f"{marker}.png")
    if INamedFileField.providedBy(field):
        return field._type(
            data=f"{marker}\n".encode(),
            filename=f"{marker}.txt",
            contentType="text/plain",
        )
    if IRichText.providedBy(field):
        return RichTextValue(f"<p>{marker}</p>", "text/html", "text/x-html-safe")
    if ICollection.providedBy(field):
        inner = marked_value(field.value_type, marker)
        return field._type([inner]) if field._type else [inner]
    if field._type is str or (isinstance(field._type, tuple) and str in field._type):
        return marker
    pytest.fail(
        f"No marker for the protected field {field.__name__} "
        f"({type(field).__name__}): teach marked_value() this kind of field."
    )


def is_file(field):
    return INamedFileField.providedBy(field)


def permission_title(permission_id):
    permission = queryUtility(IPermission, name=permission_id)
    return permission.title if permission is not None else None


@contextmanager
def acting_as(username):
    """Security checks as the user (None: anonymous)."""
    if username is not None:
        with api.env.adopt_user(username=username):
            yield
        return
    previous = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(previous)


def may(username, permission, obj):
    with acting_as(username):
        return bool(getSecurityManager().checkPermission(permission, obj))


def place_for(portal, folder, portal_type, depth=0):
    """Where an object of the type belongs: the test folder if it may go
    there, else an existing container that takes it, else a new one."""
    catalog = api.portal.get_tool("portal_catalog")

    def takes(container):
        allowed = getattr(container, "allowedContentTypes", None)
        return allowed is not None and portal_type in {fti.getId() for fti in allowed()}

    if takes(folder):
        return folder
    for fti in portal.portal_types.listTypeInfo():
        if not IDexterityFTI.providedBy(fti) or fti.getId() == portal_type:
            continue
        if not fti.filter_content_types or portal_type not in fti.allowed_content_types:
            continue
        for brain in catalog.unrestrictedSearchResults(portal_type=fti.getId()):
            container = brain._unrestrictedGetObject()
            if takes(container):
                return container
        if depth < 3:
            parent = place_for(portal, folder, fti.getId(), depth + 1)
            container = createContentInContainer(
                parent, fti.getId(), checkConstraints=False, title=f"Ort {fti.getId()}"
            )
            if takes(container):
                return container
    return folder


@pytest.fixture
def protected(ml_functional_portal):
    """One object of every type with read-protected fields, each field
    holding a marker; the users; who may view and read what."""
    from integrationsportal.housing.form import HousingProfile
    from integrationsportal.housing.form import setup_housing

    portal = ml_functional_portal
    for username, roles in GLOBAL_ROLES.items():
        api.user.create(
            email=f"{username}@example.org", username=username, password=PASSWORD
        )
        if roles:
            api.user.grant_roles(username=username, roles=roles)
    objects = []
    with api.env.adopt_user(SITE_OWNER_NAME):
        add_probe_type(portal)
        # versions kept and compared of every type that offers them, as the
        # types control panel and plone.app.contenttypes' diff_tool.xml do
        repository = api.portal.get_tool("portal_repository")
        diff_tool = api.portal.get_tool("portal_diff")
        for fti in portal.portal_types.listTypeInfo():
            if "plone.versioning" in getattr(fti, "behaviors", ()):
                repository.setVersionableContentTypes(
                    [*repository.getVersionableContentTypes(), fti.getId()]
                )
                repository.addPolicyForContentType(fti.getId(), "at_edit_autoversion")
                diff_tool.setDiffForPortalType(
                    fti.getId(), {"any": "Compound Diff for Dexterity types"}
                )
        setup_housing(portal, "de", HousingProfile(public_listing=True),
                      log=lambda message: None)  # fmt: skip
        folder = api.content.create(
            portal["de"], "Folder", id="schutzprobe", title="Schutzprobe"
        )
        api.content.transition(folder, to_state="published")
        number = 0
        for portal_type, fields in sorted(protected_fields(portal).items()):
            container = place_for(portal, folder, portal_type)
            markers = {}
            values = {}
            for name, (field, _permission) in sorted(fields.items()):
                number += 1
                markers[name] = f"Sperrvermerk{number:03d}Qz"
                values[name] = marked_value(field, markers[name])
            obj = createContentInContainer(
                container,
                portal_type,
                checkConstraints=False,
                title=f"Schutzprobe {portal_type}",
            )
            for name, value in values.items():
                setattr(obj, name, value)
            with suppress(api.exc.InvalidParameterError):  # where it can be
                api.content.transition(obj, to_state="published")
            obj.reindexObject()
            versioned = "plone.versioning" in portal.portal_types[portal_type].behaviors
            if versioned:  # a version holding the markers, after one without
                repository.save(obj=obj, comment="Schutzprobe")
            scales = {
                name: images(obj).scale(name, scale="thumb").url
                for name, (field, _permission) in fields.items()
                if INamedImageField.providedBy(field)
            }
            api.user.grant_roles(
                username="beitrag", obj=container, roles=["Contributor"]
            )
            objects.append((obj, container, fields, markers, scales, versioned))
    transaction.commit()

    items = []
    for obj, container, fields, markers, scales, versioned in objects:
        users = {**VISITORS, **STAFF}
        readers = {
            label: {
                name
                for name, (_field, permission) in fields.items()
                if may(username, permission_title(permission), obj)
            }
            for label, username in users.items()
        }
        viewers = {label for label, u in users.items() if may(u, "View", obj)}
        # what plone.dexterity's own marshalling gives a manager
        with acting_as(SITE_OWNER_NAME):
            message = DefaultReadFile(obj).read()
        marshalled = {name for name in fields if shows(markers[name], content=message)}
        assert marshalled, f"plone.dexterity marshals nothing of {obj.portal_type}"
        items.append(
            {
                "portal_type": obj.portal_type,
                "url": obj.absolute_url(),
                "container": container.absolute_url(),
                "uid": api.content.get_uuid(obj),
                "fields": {name: field for name, (field, _p) in fields.items()},
                "markers": markers,
                "scales": scales,  # made by the manager, as a page would
                "versioned": versioned,
                "readers": readers,
                "viewers": viewers,
                "marshalled": marshalled,
            }
        )
        # the field-level rule is tried on someone logged in who sees the
        # object but may not read the field, not only on anonymous visitors
        assert any(
            label in viewers and set(fields) - readers[label]
            for label in VISITORS
            if VISITORS[label] is not None
        ), f"no logged-in visitor views {obj.portal_type} without its permission"
    assert {item["portal_type"] for item in items} >= {
        "Contact",
        "HousingOffer",
        PROBE_TYPE,
    }
    return {"portal": portal.absolute_url(), "items": items}


def images(obj):
    from zope.component import getMultiAdapter

    return getMultiAdapter((obj, obj.REQUEST), name="images")


def b64_fragments(marker):
    """The parts of the marker's base64 form that do not depend on what
    stands before and after it, at each of the three alignments."""
    data = marker.encode()
    fragments = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data).decode()
        start = -(-4 * offset // 3)
        end = (8 * (offset + len(data))) // 6
        fragments.append(encoded[start:end])
    return fragments


def readable_forms(content, headers=None):
    """The body as sent, the headers, and the body decoded as a MIME message
    (RFC 2047 headers, base64 and quoted-printable parts)."""
    forms = [content.decode("latin-1")]
    forms.extend(f"{key}: {value}" for key, value in (headers or {}).items())
    with suppress(Exception):
        message = message_from_bytes(content)
        for part in message.walk():
            for key, value in part.items():
                forms.append(f"{key}: {make_header(decode_header(value))}")
            payload = part.get_payload(decode=True)
            if payload:
                forms.append(payload.decode("latin-1"))
    return forms


def shows(marker, response=None, content=None):
    if response is not None:
        forms = readable_forms(response.content, response.headers)
    else:
        forms = readable_forms(content)
    variants = [marker, *b64_fragments(marker)]
    return any(variant in form for variant in variants for form in forms)


def send(method, url, auth, **kwargs):
    return requests.request(
        method,
        url,
        auth=(auth, PASSWORD) if isinstance(auth, str) else auth,
        allow_redirects=False,
        timeout=60,
        **kwargs,
    )


def querystring_search(protected, item):
    query = [
        {
            "i": "portal_type",
            "o": "plone.app.querystring.operation.selection.any",
            "v": [item["portal_type"]],
        }
    ]
    body = {"query": query, "fullobjects": True, "metadata_fields": "_all"}
    return [
        (
            "POST",
            f"{protected['portal']}/@querystring-search",
            {
                "data": json.dumps(body),
                "headers": {**JSON, "Content-Type": "application/json"},
            },
        )
    ]


def propfind(url, depth):
    return ("PROPFIND", url, {"headers": {"Depth": depth}})


EXPANSIONS = (
    "actions,breadcrumbs,contextnavigation,navigation,navroot,relations,"
    "translations,types,workflow"
)

# ways in to the whole object: (protected, item) -> [(method, url, arguments)]
OBJECT_WAYS = {
    "manage_FTPget": lambda d, i: [("GET", f"{i['url']}/manage_FTPget", {})],
    "manage_DAVget": lambda d, i: [("GET", f"{i['url']}/manage_DAVget", {})],
    "PROPFIND": lambda d, i: [
        propfind(i["url"], "0"),
        propfind(i["url"], "1"),
        propfind(i["container"], "0"),
        propfind(i["container"], "1"),
    ],
    "other WebDAV methods": lambda d, i: [
        ("OPTIONS", i["url"], {}),
        ("HEAD", i["url"], {}),
    ],
    "page": lambda d, i: [("GET", i["url"], {})],
    "@@download of the primary field": lambda d, i: [
        ("GET", f"{i['url']}/@@download", {})
    ],
    "REST GET": lambda d, i: [("GET", i["url"], {"headers": JSON})],
    "REST GET expanded": lambda d, i: [
        ("GET", i["url"], {"headers": JSON, "params": {"expand": EXPANSIONS}})
    ],
    "REST GET container fullobjects": lambda d, i: [
        ("GET", i["container"], {"headers": JSON, "params": {"fullobjects": "1"}})
    ],
    "@search fullobjects": lambda d, i: [
        (
            "GET",
            f"{d['portal']}/@search",
            {"headers": JSON, "params": {"UID": i["uid"], "fullobjects": "1"}},
        )
    ],
    "@search metadata_fields=_all": lambda d, i: [
        (
            "GET",
            f"{d['portal']}/@search",
            {"headers": JSON, "params": {"UID": i["uid"], "metadata_fields": "_all"}},
        )
    ],
    "@querystring-search fullobjects": querystring_search,
    "history diff": lambda d, i: [
        ("GET", f"{i['url']}/@@history", {"params": {"one": one, "two": two}})
        for one, two in (("current", "0"), ("1", "0"))
        if i["versioned"]
    ],
    "versions": lambda d, i: [
        (method, url, arguments)
        for method, url, arguments in (
            ("GET", f"{i['url']}/@@version-view", {"params": {"version_id": "1"}}),
            ("GET", f"{i['url']}/versions_history_form", {}),
            ("GET", f"{i['url']}/@history", {"headers": JSON}),
            ("GET", f"{i['url']}/@history/1", {"headers": JSON}),
        )
        if i["versioned"]
    ],
}
# ways in to one field: (item, field name) -> [(method, url, arguments)]
FIELD_WAYS = {
    "@@download": lambda i, f: [("GET", f"{i['url']}/@@download/{f}", {})],
    "@@display-file": lambda i, f: [("GET", f"{i['url']}/@@display-file/{f}", {})],
    "@@images": lambda i, f: [
        ("GET", f"{i['url']}/@@images/{f}", {}),
        ("GET", f"{i['url']}/@@images/{f}/thumb", {}),
        # a stored scale by its own address, as staff's pages link it
        *[("GET", url, {}) for url in [i["scales"].get(f)] if url],
    ],
    "@@download-version": lambda i, f: (
        [
            (
                "GET",
                f"{i['url']}/@@download-version",
                {"params": {"version_id": "1", "field_id": f}},
            )
        ]
        * i["versioned"]
    ),
}


def outsiders(item):
    """(label, login) of every visitor lacking a read permission, with the
    fields they may not read."""
    for label, login in VISITORS.items():
        hidden = set(item["fields"]) - item["readers"][label]
        if hidden:
            yield label, login, hidden


@pytest.mark.parametrize("way", list(OBJECT_WAYS))
def test_object_ways_never_show_protected_fields(protected, way):
    for item in protected["items"]:
        for label, login, hidden in outsiders(item):
            for method, url, arguments in OBJECT_WAYS[way](protected, item):
                response = send(method, url, login, **arguments)
                where = f"{way} {method} {url} as {label}"
                assert response.status_code < 500, (where, response.status_code)
                for name in sorted(hidden):
                    marker = item["markers"][name]
                    assert not shows(marker, response), (
                        f"{where} shows {item['portal_type']}.{name}"
                    )


@pytest.mark.parametrize("way", list(FIELD_WAYS))
def test_field_ways_never_show_protected_fields(protected, way):
    for item in protected["items"]:
        for label, login, hidden in outsiders(item):
            for name in sorted(hidden):
                marker = item["markers"][name]
                for method, url, arguments in FIELD_WAYS[way](item, name):
                    response = send(method, url, login, **arguments)
                    where = f"{way} {url} as {label}"
                    assert response.status_code < 500, (where, response.status_code)
                    assert not shows(marker, response), (
                        f"{where} shows {item['portal_type']}.{name}"
                    )
                    # a scale of a protected image carries no marker: it
                    # must not be served at all
                    assert not 200 <= response.status_code < 300, (
                        f"{where} serves {item['portal_type']}.{name}"
                    )


def test_staff_still_get_their_fields(protected):
    """Who holds the read permission still gets through FTP and WebDAV every
    field plone.dexterity's own marshalling gives, and the changes and
    files of old versions; so the ways in above are closed by the rule, not
    broken."""
    for item in protected["items"]:
        assert item["readers"]["manager"] == set(item["fields"])
        for label, login in STAFF.items():
            readable = item["readers"][label] & item["marshalled"]
            if label not in item["viewers"] or not readable:
                continue
            auth = OWNER if login == SITE_OWNER_NAME else login
            for way in ("manage_FTPget", "manage_DAVget"):
                [(method, url, arguments)] = OBJECT_WAYS[way](protected, item)
                response = send(method, url, auth, **arguments)
                assert response.status_code == 200, (way, label, response.status_code)
                for name in sorted(readable):
                    assert shows(item["markers"][name], response), (
                        f"{way} as {label} lacks {item['portal_type']}.{name}"
                    )
        if not item["versioned"]:
            continue
        [(method, url, arguments), _] = OBJECT_WAYS["history diff"](protected, item)
        response = send(method, url, OWNER, **arguments)
        for name, marker in item["markers"].items():
            assert shows(marker, response), f"history diff lacks {name}"
        for name, field in item["fields"].items():
            if is_file(field):
                [(method, url, arguments)] = FIELD_WAYS["@@download-version"](
                    item, name
                )
                response = send(method, url, OWNER, **arguments)
                assert response.status_code == 200
                assert shows(item["markers"][name], response), name


@pytest.fixture
def contact(portal):
    with api.env.adopt_roles(["Manager"]):
        obj = createContentInContainer(
            portal,
            "Contact",
            checkConstraints=False,
            title="Probe",
            internal_notes="Sperrvermerk999Qz",
        )
    return obj


def test_only_the_site_with_the_add_on_marshals_by_read_permission(
    portal, contact, installer, package_name
):
    from integrationsportal.hardening.fieldsecurity import PublicImageScales
    from integrationsportal.hardening.fieldsecurity import ReadableFieldsReadFile
    from plone.base.interfaces import IImageScalesAdapter
    from zope.component import getGlobalSiteManager
    from zope.component import getMultiAdapter
    from zope.filerepresentation.interfaces import IRawReadFile

    def adapters():
        return (
            type(IRawReadFile(contact)),
            type(getMultiAdapter((contact, contact.REQUEST), IImageScalesAdapter)),
        )

    assert adapters() == (ReadableFieldsReadFile, PublicImageScales)
    with acting_as(None):
        assert b"Sperrvermerk999Qz" not in IRawReadFile(contact).read()
    with api.env.adopt_roles(["Manager"]):
        assert b"Sperrvermerk999Qz" in IRawReadFile(contact).read()
    # Zope's global registry (any other site) keeps plone.dexterity's adapter
    global_adapter = getGlobalSiteManager().queryAdapter(contact, IRawReadFile)
    assert type(global_adapter) is DefaultReadFile
    installer.uninstall_product(package_name)
    assert adapters()[0] is DefaultReadFile
    assert adapters()[1] is not PublicImageScales


def test_webdav_is_for_site_staff_only(portal, installer, package_name):
    """Defence in depth: PROPFIND and the other WebDAV reads are for
    Managers and Site Administrators; Plone's setting came back to any
    logged-in user through Zope's default at the root."""
    api.user.create(email="m@example.org", username="mitglied", password=PASSWORD)
    api.user.create(email="v@example.org", username="verwaltung", password=PASSWORD)
    api.user.grant_roles(username="verwaltung", roles=["Site Administrator"])

    def webdav(username):
        return api.user.has_permission("WebDAV access", username=username, obj=portal)

    assert not webdav("mitglied")
    assert webdav("verwaltung")
    installer.uninstall_product(package_name)
    assert webdav("mitglied")  # Plone's own setting again
