"""The finder with ``near`` at 10,000 offers: what sorting by distance and
the radius filter cost a reader's request. Run through zconsole on the
benchmark portal (bench/generate.py's 10,000 offers; `make bench` builds
it):

    zconsole run bench/var/instance/zope.conf bench/places.py [--runs 15]

Each case runs through the finder as a reader's request does (a page of
results and the facet counts, as the anonymous user), the cases
interleaved, median of the runs. Nothing is committed. Writes
bench/places.md and bench/places.json.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from AccessControl.SpecialUsers import system
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import OfferFinder
from integrationsportal.places import lookup
from integrationsportal.places.setup import reindex_places
from pathlib import Path
from plone import api
from statistics import median
from zope.component.hooks import setSite
import argparse
import json
import sys
import time
import transaction


def _script_arguments(argv):
    """(this script's path, its arguments) in zconsole's argv."""
    for index, arg in enumerate(argv):
        if arg.endswith("places.py"):
            return Path(arg), argv[index + 1 :]
    return Path(argv[0]), argv[1:]


SCRIPT, ARGUMENTS = _script_arguments(sys.argv)
ROOT = SCRIPT.resolve().parent.parent  # zconsole gives no __file__
CASES = [
    ("no place (as before)", {}),
    ("near a postal code", {"near": "99991"}),
    ("near a municipality, 10 km", {"near": "kirchberg", "radius": "10"}),
    (
        "near, 25 km, a category",
        {"near": "lindenau", "radius": "25", "category": "language"},
    ),
    ("near, 25 km, page 5", {"near": "lindenau", "radius": "25", "page": "5"}),
    ("near, words", {"near": "99991", "q": "Deutsch"}),
    ("near a postal code, cold (after a catalog change)", {"near": "99991"}),
]
COLD = "cold"


def say(message):
    print(message, flush=True)


def finder_run(portal, label, form):
    """(milliseconds, results, problems) of one finder request in /de."""
    root = portal["de"]
    if COLD in label:  # as after any edit: the kept points are stale
        lookup._CACHE.clear()
        lookup._BY_ORIGIN.clear()
    started = time.perf_counter()
    query = FinderQuery.from_form(dict(form), root)
    finder = OfferFinder(root, query, language="de")
    _brains, total, _page, _pages = finder.results()
    finder.facets(root)
    return (time.perf_counter() - started) * 1000, total, query.problems


def main(app, argv):
    parser = argparse.ArgumentParser(prog="places.py")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    portal = app[args.site]
    setSite(portal)
    newSecurityManager(None, system)
    catalog = api.portal.get_tool("portal_catalog")
    offers = len(catalog.unrestrictedSearchResults(portal_type="Offer"))
    placed = len(
        [
            b
            for b in catalog.unrestrictedSearchResults(portal_type="Offer")
            if getattr(b, "place_point", None)
        ]
    )
    if placed < offers // 2:
        say(f"Only {placed} of {offers} offers have a place: recomputing …")
        reindex_places(log=lambda message, *a: say(message % a))
        placed = len(
            [
                b
                for b in catalog.unrestrictedSearchResults(portal_type="Offer")
                if getattr(b, "place_point", None)
            ]
        )
    newSecurityManager(None, nobody)
    say(
        f"{offers} offers, {placed} with a place; {args.runs} runs of "
        f"{len(CASES)} cases, interleaved …"
    )
    times = {label: [] for label, _form in CASES}
    totals = {}
    for label, form in CASES:  # warm up
        _ms, totals[label], problems = finder_run(portal, label, form)
        if problems:
            sys.exit(f"{label}: {problems}")
    warm = [(label, form) for label, form in CASES if COLD not in label]
    cold = [(label, form) for label, form in CASES if COLD in label]
    for number in range(args.runs):
        for label, form in warm:
            ms, _total, _problems = finder_run(portal, label, form)
            times[label].append(ms)
        say(f"  run {number + 1}/{args.runs}")
    for _number in range(args.runs):  # apart: emptying the store cools the rest
        for label, form in cold:
            ms, _total, _problems = finder_run(portal, label, form)
            times[label].append(ms)
    rows = [
        {
            "case": label,
            "parameters": form,
            "results": totals[label],
            "median_ms": round(median(times[label]), 1),
            "max_ms": round(max(times[label]), 1),
        }
        for label, form in CASES
    ]
    result = {"offers": offers, "placed": placed, "runs": args.runs, "cases": rows}
    (ROOT / "bench" / "places.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# The finder with a place, at 10,000 offers",
        "",
        f"Written by `bench/places.py` on the benchmark portal: {offers:,} offers, "
        f"{placed:,} of them with a place, 2 cores. Each case is a reader's "
        "finder request in /de (a page of 20 results and the facet counts, as "
        f"the anonymous user), median and slowest of {args.runs} runs, the cases "
        "interleaved. The finder keeps every offer's point and the order "
        "of distance from each place until the catalog changes "
        "(`places/lookup.py`); the last case empties that store before each "
        "of its runs, as any edit does, and runs after the others.",
        "",
        "| case | parameters | results | median ms | slowest ms |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        params = "&".join(f"{k}={v}" for k, v in row["parameters"].items()) or "–"
        lines.append(
            f"| {row['case']} | `{params}` | {row['results']} | "
            f"{row['median_ms']} | {row['max_ms']} |"
        )
    (ROOT / "bench" / "places.md").write_text("\n".join(lines) + "\n")
    say("Written: bench/places.md, bench/places.json")


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        main(zope_app, ARGUMENTS)
    finally:
        transaction.abort()
        zope_app._p_jar.db().close()
