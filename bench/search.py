"""The reader search at 10,000 offers: reindex time and full-text finder
time, Plone's ZCTextIndex (the finder before the language-aware search)
against the ReaderTextIndex, on the same data, interleaved. Run through
zconsole on the benchmark portal (bench/generate.py's 10,000 offers;
`make bench` builds it):

    zconsole run bench/var/instance/zope.conf bench/search.py [--runs 15]

Both indexes are filled anew and timed. Then each query runs through the
finder as a reader's request does (results and facet counts, as the
anonymous user), alternating old and new index, the new index's query cache
emptied before every run, so that each new run is a cold one. Nothing is
committed. Writes bench/search.md and bench/search.json.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from AccessControl.SpecialUsers import system
from integrationsportal.finder.parameters import FinderQuery
from integrationsportal.finder.query import OfferFinder
from integrationsportal.search.index import ReaderTextIndex
from pathlib import Path
from plone import api
from plone.base.interfaces import ILanguage
from Products.ZCatalog.ProgressHandler import ZLogHandler
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from statistics import median
from zope.component.hooks import setSite
import argparse
import json
import logging
import sys
import time
import transaction


def _script_arguments(argv):
    """(this script's path, its arguments) in zconsole's argv."""
    for index, arg in enumerate(argv):
        if arg.endswith("search.py"):
            return Path(arg), argv[index + 1 :]
    return Path(argv[0]), argv[1:]


SCRIPT, ARGUMENTS = _script_arguments(sys.argv)
ROOT = SCRIPT.resolve().parent.parent  # zconsole gives no __file__
QUERIES = [
    ("de", "Deutsch"),
    ("de", "Kurs"),
    ("de", "Sprachkurse"),
    ("de", "Ausbildungsplatz"),
    ("de", "Praktika"),
    ("de", "Beratung Frauen"),
    ("de", "Pflegekurs"),
    ("de", "Integratonskurs"),
    ("de", "Arbeit Werkstatt Zukunft"),
    ("de", "Gastronomie"),
    ("ar", "دورة لغة"),
    ("ar", "اندماج"),
    ("en", "apprenticeships"),
    ("uk", "робота"),
]
NAME = "SearchableText"


def say(message):
    print(message, flush=True)


def german(catalog):
    """Items bench/generate.py made before it set their language have none,
    and the finder of /de shows only German ones: give them German (in
    memory; nothing is committed)."""
    brains = [
        brain
        for brain in catalog.unrestrictedSearchResults(path="/Plone/de/lasttest")
        if not brain.Language
    ]
    if not brains:
        return
    say(f"Giving {len(brains)} generated items the language German …")
    for number, brain in enumerate(brains, 1):
        obj = brain._unrestrictedGetObject()
        ILanguage(obj).set_language("de")
        catalog.reindexObject(obj, idxs=["Language"], update_metadata=1)
        if number % 2000 == 0:
            say(f"  {number}/{len(brains)}")


def fill(catalog, index, label):
    """Put ``index`` in the catalog as SearchableText and fill it; seconds."""
    catalog._catalog.indexes[NAME] = index
    catalog._catalog.getIndex(NAME).clear()  # with its acquisition context
    say(f"Filling the {label} with {len(catalog)} catalogued items …")
    started = time.perf_counter()
    catalog.reindexIndex(NAME, None, pghandler=ZLogHandler(2000))
    seconds = time.perf_counter() - started
    say(f"  {seconds:.1f} s")
    return seconds


def finder_run(catalog, index, portal, language, text):
    """(milliseconds, results) of one finder request with ``index``."""
    catalog._catalog.indexes[NAME] = index
    if isinstance(index, ReaderTextIndex):
        index._v_cache = {}
    root = portal[language]
    started = time.perf_counter()
    query = FinderQuery.from_form({"q": text}, root)
    finder = OfferFinder(root, query, language=language)
    _brains, total, _page, _pages = finder.results()
    finder.facets(root)
    return (time.perf_counter() - started) * 1000, total


def main(app, argv):
    parser = argparse.ArgumentParser(prog="search.py")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    logging.getLogger("ProgressHandler").setLevel(logging.INFO)
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    portal = app[args.site]
    setSite(portal)
    newSecurityManager(None, system)
    catalog = api.portal.get_tool("portal_catalog")
    offers = len(catalog.unrestrictedSearchResults(portal_type="Offer"))
    german(catalog)
    current = catalog._catalog.indexes[NAME]
    if isinstance(current, ZCTextIndex):
        old = current
        new = ReaderTextIndex(NAME)
    else:
        new = current

        class Extra:
            doc_attr = NAME
            lexicon_id = "plone_lexicon"
            index_type = "Okapi BM25 Rank"

        old = ZCTextIndex(NAME, Extra(), catalog)
    seconds_old = fill(catalog, old, "ZCTextIndex (before)")
    seconds_new = fill(catalog, new, "ReaderTextIndex (after)")
    newSecurityManager(None, nobody)
    rows = []
    for number, (language, text) in enumerate(QUERIES, 1):
        times = {"before": [], "after": []}
        totals = {}
        finder_run(catalog, old, portal, language, text)  # warm both once
        finder_run(catalog, new, portal, language, text)
        for run in range(args.runs):
            order = (("before", old), ("after", new))
            for label, index in order if run % 2 == 0 else reversed(order):
                ms, total = finder_run(catalog, index, portal, language, text)
                times[label].append(ms)
                totals[label] = total
        row = {
            "language": language,
            "q": text,
            "results_before": totals["before"],
            "results_after": totals["after"],
            "ms_before": round(median(times["before"]), 1),
            "ms_after": round(median(times["after"]), 1),
        }
        row["ratio"] = round(row["ms_after"] / row["ms_before"], 2)
        rows.append(row)
        say(
            f"[{number}/{len(QUERIES)}] {language} {text}: "
            f"{row['ms_before']} ms / {row['ms_after']} ms, "
            f"{row['results_before']} / {row['results_after']} results"
        )
    transaction.abort()
    ratios = sorted(r["ratio"] for r in rows)
    summary = {
        "offers": offers,
        "items": len(catalog),
        "runs": args.runs,
        "reindex_seconds_before": round(seconds_old, 1),
        "reindex_seconds_after": round(seconds_new, 1),
        "tokens_after": new.numObjects(),
        "median_ms_before": round(median(r["ms_before"] for r in rows), 1),
        "median_ms_after": round(median(r["ms_after"] for r in rows), 1),
        "median_ratio": round(median(ratios), 2),
        "max_ratio": ratios[-1],
    }
    (ROOT / "bench" / "search.json").write_text(
        json.dumps({"summary": summary, "queries": rows}, indent=1, ensure_ascii=False)
        + "\n"
    )
    write_report(summary, rows)
    say(
        f"Median finder time {summary['median_ms_before']} ms before, "
        f"{summary['median_ms_after']} ms after (×{summary['median_ratio']}); "
        "written to bench/search.md"
    )


def write_report(summary, rows):
    lines = [
        "# The reader search at 10,000 offers",
        "",
        f"Written by `bench/search.py` on the benchmark portal: {summary['offers']:,} "
        f"offers, {summary['items']:,} catalogued items, 2 cores. "
        "Before: Plone's ZCTextIndex with the finder's prefix query (`Wort*`), "
        "sorted by title. After: the ReaderTextIndex (stems, compounds, "
        "spelling variants, the default glossary, typos), sorted by score. "
        f"Median of {summary['runs']} finder requests each (results and facet "
        "counts, as an anonymous reader), old and new interleaved, the new "
        "index's query cache emptied before each run.",
        "",
        "## Filling the index",
        "",
        "| | seconds |",
        "| --- | ---: |",
        f"| ZCTextIndex (before) | {summary['reindex_seconds_before']} |",
        f"| ReaderTextIndex (after) | {summary['reindex_seconds_after']} |",
        "",
        f"The new index holds {summary['tokens_after']:,} tokens.",
        "",
        "## Full-text finder time",
        "",
        "| language | query | results before | results after | ms before | ms after | after ÷ before |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['language']} | {r['q']} | {r['results_before']} | {r['results_after']} "
            f"| {r['ms_before']} | {r['ms_after']} | {r['ratio']} |"
        )
    lines += [
        "",
        f"Median over the queries: {summary['median_ms_before']} ms before, "
        f"{summary['median_ms_after']} ms after; the median ratio is "
        f"{summary['median_ratio']}, the largest {summary['max_ratio']}.",
        "",
    ]
    (ROOT / "bench" / "search.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    zope_app = app  # noqa: F821 - zconsole binds the Zope root as ``app``
    try:
        main(zope_app, ARGUMENTS)
    finally:
        transaction.abort()
        zope_app._p_jar.db().close()
