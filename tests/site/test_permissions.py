"""Every permission of the add-on is declared once: permissions.zcml
registers the ids and titles that permissions.py names, and the code checks
permissions through those names."""

from integrationsportal import permissions
from lxml import etree
from pathlib import Path
from zope.component import getUtilitiesFor
from zope.security.interfaces import IPermission
import re


PACKAGE = Path(__file__).parents[2] / "src" / "integrationsportal"


def declared_in_zcml():
    root = etree.parse(str(PACKAGE / "permissions.zcml")).getroot()
    return {
        node.get("id"): node.get("title")
        for node in root.iter("{http://namespaces.zope.org/zope}permission")
    }


def test_every_declared_permission_has_a_constant_and_every_constant_is_declared():
    constants = {p.id: p.title for p in permissions.ALL}
    assert constants == declared_in_zcml()
    for name, permission in vars(permissions).items():
        if isinstance(permission, permissions.Permission):
            assert permission.id == f"integrationsportal.{name}"


def test_zope_knows_every_permission_by_its_id_and_title(portal):
    registered = {
        name: utility.title
        for name, utility in getUtilitiesFor(IPermission)
        if name.startswith("integrationsportal.")
    }
    assert registered == {p.id: p.title for p in permissions.ALL}
    known = {entry[0] for entry in portal.ac_inherited_permissions(1)}
    for permission in permissions.ALL:
        assert permission.title in known, permission.title


def test_the_code_names_no_permission_by_its_title():
    """Checks go through permissions.py or Plone's own constants, never a
    title written out."""
    titles = [p.title for p in permissions.ALL] + [
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
