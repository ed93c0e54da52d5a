"""Every permission of the add-on is declared once, in zcml: permissions.zcml
for those several features share, the feature folder's configure.zcml for a
content type's add permission. permissions.py names the ones the code checks,
and the code checks permissions through those names."""

from integrationsportal import permissions
from lxml import etree
from pathlib import Path
from plone import api
from zope.component import getUtilitiesFor
from zope.security.interfaces import IPermission
import re


PACKAGE = Path(__file__).parents[2] / "src" / "integrationsportal"
ZOPE = "{http://namespaces.zope.org/zope}"


def declarations():
    """(file, id, title, default roles) of every permission in the zcml."""
    found = []
    for path in sorted(PACKAGE.rglob("*.zcml")):
        for node in etree.parse(str(path)).getroot().iter(f"{ZOPE}permission"):
            roles = [role.get("name") for role in node.iter(f"{ZOPE}role")]
            found.append(
                (path.relative_to(PACKAGE), node.get("id"), node.get("title"), roles)
            )
    return found


def test_every_permission_is_declared_once_and_every_constant_matches():
    ids = [entry[1] for entry in declarations()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    declared = {entry[1]: entry[2] for entry in declarations()}
    for name, permission in vars(permissions).items():
        if isinstance(permission, permissions.Permission):
            assert permission.id == f"integrationsportal.{name}"
            assert declared.get(permission.id) == permission.title, name


def test_each_type_declares_its_add_permission_in_its_own_feature_folder(portal):
    """Adding a type touches its folder and the FTI, not a central list."""
    by_id = {entry[1]: entry for entry in declarations()}
    types = api.portal.get_tool("portal_types")
    checked = 0
    for fti in types.listTypeInfo():
        klass = getattr(fti, "klass", "") or ""
        if not klass.startswith("integrationsportal."):
            continue
        folder = klass.split(".")[1]
        path, _id, title, roles = by_id[fti.add_permission]
        assert path == Path(folder) / "configure.zcml", (fti.getId(), path)
        assert title.startswith("integrationsportal: Add "), title
        assert "Manager" in roles
        checked += 1
    assert checked >= 10


def test_zope_knows_every_permission_by_its_id_and_title(portal):
    registered = {
        name: utility.title
        for name, utility in getUtilitiesFor(IPermission)
        if name.startswith("integrationsportal.")
    }
    assert registered == {entry[1]: entry[2] for entry in declarations()}
    known = {entry[0] for entry in portal.ac_inherited_permissions(1)}
    for _path, _id, title, _roles in declarations():
        assert title in known, title


def test_add_permissions_carry_their_default_roles_into_a_site(portal):
    """The roles declared in zcml are what a site grants: contributors add
    offers, round-table members add meetings, only the housing team flats."""
    from plone.app.testing import SITE_OWNER_NAME

    with api.env.adopt_user(SITE_OWNER_NAME):
        for role in ("Contributor", "RoundTableMember", "HousingTeam"):
            api.user.create(
                username=role.lower(), email=f"{role.lower()}@example.org", roles=[role]
            )

    def may(login, title):
        with api.env.adopt_user(login):
            return api.user.has_permission(title, obj=portal)

    assert may("contributor", "integrationsportal: Add Offer")
    assert may("contributor", "integrationsportal: Add ProcessStep")
    assert not may("contributor", "integrationsportal: Add Meeting")
    assert may("roundtablemember", "integrationsportal: Add Meeting")
    assert not may("roundtablemember", "integrationsportal: Add Offer")
    assert not may("contributor", "integrationsportal: Add HousingOffer")
    assert may("housingteam", "integrationsportal: Add HousingOffer")


def test_the_code_names_no_permission_by_its_title():
    """Checks go through permissions.py or Plone's own constants, never a
    title written out."""
    titles = [entry[2] for entry in declarations()] + [
        "View",
        "Modify portal content",
        "Add portal content",
        "Review portal content",
        "Manage portal",
        "Access contents information",
    ]
    pattern = re.compile("|".join(f'"{re.escape(title)}"' for title in titles))
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "permissions.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
