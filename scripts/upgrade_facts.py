"""What a portal holds, as JSON, to compare a portal before and after an
upgrade. Run through zconsole:

    zconsole run INSTANCE/zope.conf scripts/upgrade_facts.py \
        --output facts.json [--site Plone] [--pages] [--outdate N]

Written for the upgrade test (tests/operations/test_upgrade_from_release.py,
scripts/upgrade_baseline.py): it runs against the code of the last release as
well as against the current code, so it reads only what both have: the
catalog, the workflow states, and the translation status of
``integrationsportal.translation``. It changes nothing, unless asked with
``--outdate N``: then, before it reads, it changes the description of the
first N offers in the default language that have translations, as an editor
saving them would, so that the portal's own handlers mark their translations
outdated (the demo has only current translations; the upgrade must keep both
kinds), and commits.

The JSON holds:
- ``package``: the file of the ``integrationsportal`` package that was
  loaded, ``version``: the portal's profile version;
- ``counts``: catalogued items per portal_type;
- ``states``: the review state of every catalogued item, by path below the
  portal;
- ``translations``: the status (current or outdated) of every translation,
  by path, as the translation dashboard shows it, and ``outdated_indexed``:
  the paths the catalog lists as outdated;
- ``places``: the catalog's point and its precision of every organisation,
  offer and flat, by path (null when the catalog has no such columns);
- with ``--pages``, ``pages``: for each portal_type, an item, its title
  and who may see it (``anonymous``, or the first demo user who may), to
  fetch over HTTP.

Its imports are those both versions of the code have; zconsole has started
Zope (and loaded the ZCML) before it runs the script, so the add-on's
modules are imported at the top as everywhere else.
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from collections import Counter
from integrationsportal import translation
from integrationsportal.site.console import open_portal
from integrationsportal.site.console import script_arguments
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import argparse
import integrationsportal
import json
import sys
import transaction


PROFILE = "integrationsportal:default"
PLACE_TYPES = ("Organisation", "Offer", "HousingOffer")
PLACE_COLUMNS = ("place_point", "place_precision")
# the demo profile's users (site/setuphandlers.py), in the order they are
# tried for an item anonymous visitors may not see
DEMO_USERS = (
    "redaktion",
    "pruefung",
    "wohnungsteam",
    "lenkung",
    "intern",
    "uebersetzung-ar",
)


def text_or_none(value):
    """A catalog value as text; None for Missing.Value (no workflow)."""
    return value if isinstance(value, str) else None


def relative(site, path):
    """``path`` below the portal ("" for the portal itself)."""
    site_path = "/".join(site.getPhysicalPath())
    if path == site_path:
        return ""
    prefix = site_path + "/"
    return path[len(prefix) :] if path.startswith(prefix) else path


def outdate(site, count):
    """Change ``count`` translated offers of the default language as an
    editor's save does; returns their paths."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Offer", Language=translation.default_language()
    )
    changed = []
    for brain in sorted(brains, key=lambda b: b.getPath()):
        if len(changed) == count:
            break
        obj = brain._unrestrictedGetObject()
        if not translation.translations_of(obj):
            continue
        obj.description = f"{obj.description or ''} Termine nach Absprache.".strip()
        notify(ObjectModifiedEvent(obj, Attributes(None, "description")))
        obj.reindexObject()
        changed.append(relative(site, brain.getPath()))
    transaction.commit()
    return changed


def translation_statuses(site, brains):
    statuses = {}
    for brain in brains:
        if not brain.Language or brain.Language == translation.default_language():
            continue
        obj = brain._unrestrictedGetObject()
        value = translation.status(obj)
        if value is not None:
            statuses[relative(site, brain.getPath())] = value
    return statuses


def outdated_indexed(site, catalog):
    # a query on an index the catalog lacks would list everything
    if "translation_outdated" not in catalog.indexes():
        return None
    return sorted(
        relative(site, brain.getPath())
        for brain in catalog.unrestrictedSearchResults(translation_outdated=True)
    )


def place_points(site, catalog):
    if not all(name in catalog.schema() for name in PLACE_COLUMNS):
        return None
    return {
        relative(site, brain.getPath()): [
            text_or_none(brain.place_point),
            text_or_none(brain.place_precision),
        ]
        for brain in catalog.unrestrictedSearchResults(portal_type=list(PLACE_TYPES))
    }


def viewer(obj):
    """'anonymous', or the first demo user who may view ``obj``, or None."""
    if "Anonymous" in rolesForPermissionOn("View", obj):
        return "anonymous"
    for username in DEMO_USERS:
        user = api.user.get(username=username)
        if user is not None and api.user.has_permission(
            "View", username=username, obj=obj
        ):
            return username
    return None


def sample_pages(site, brains):
    """For each portal_type, the first item (by path) that someone may see,
    preferring one anonymous visitors may see."""
    by_type = {}
    for brain in sorted(brains, key=lambda b: b.getPath()):
        by_type.setdefault(brain.portal_type, []).append(brain)
    pages = {}
    for portal_type, items in sorted(by_type.items()):
        found = None
        for brain in items[:40]:
            who = viewer(brain._unrestrictedGetObject())
            if who == "anonymous":
                found = (brain, who)
                break
            if who is not None and found is None:
                found = (brain, who)
        if found is not None:
            brain, who = found
            pages[portal_type] = {
                "path": relative(site, brain.getPath()),
                "user": who,
                "state": text_or_none(brain.review_state),
                "title": brain.Title,
            }
    return pages


def facts(site, pages=False):
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    site_path = "/".join(site.getPhysicalPath())
    brains = list(catalog.unrestrictedSearchResults(path=site_path))
    result = {
        "package": integrationsportal.__file__,
        "version": setup.getLastVersionForProfile(PROFILE),
        "counts": dict(sorted(Counter(b.portal_type for b in brains).items())),
        "states": {
            relative(site, b.getPath()): text_or_none(b.review_state)
            for b in sorted(brains, key=lambda b: b.getPath())
        },
        "translations": translation_statuses(site, brains),
        "outdated_indexed": outdated_indexed(site, catalog),
        "places": place_points(site, catalog),
    }
    if isinstance(result["version"], tuple):
        result["version"] = ".".join(result["version"])
    if pages:
        result["pages"] = sample_pages(site, brains)
    return result


def main(app, argv):
    parser = argparse.ArgumentParser(prog="upgrade_facts.py")
    parser.add_argument("--site", default="Plone", help="the portal's id")
    parser.add_argument("--output", required=True, help="the JSON file to write")
    parser.add_argument(
        "--pages", action="store_true", help="also an item of each type to fetch"
    )
    parser.add_argument(
        "--outdate",
        type=int,
        default=0,
        metavar="N",
        help="first change N translated offers (their translations go outdated)",
    )
    args = parser.parse_args(argv)
    site = open_portal(app, args.site)
    if site is None:
        return 2
    if args.outdate:
        changed = outdate(site, args.outdate)
        print(f"Changed {len(changed)} offers: {', '.join(changed)}")
    result = facts(site, pages=args.pages)
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1, ensure_ascii=False, sort_keys=True)
    print(
        f"Facts of '{args.site}' (profile version {result['version']}, "
        f"{sum(result['counts'].values())} items, "
        f"{len(result['translations'])} translations, "
        f"package {result['package']}) written to {args.output}."
    )
    return 0


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        status = main(zope_app, script_arguments(sys.argv, "upgrade_facts.py"))
    finally:
        transaction.abort()
        zope_app._p_jar.db().close()
    sys.exit(status)
