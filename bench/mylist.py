"""My list, the counselling sheet and the feeds of a running portal: time
and size of what a reader and a counsellor ask for.

    python bench/mylist.py [PORTAL_URL] [--requests N]

PORTAL_URL defaults to http://localhost:8080/Plone (the demo portal). The
entries are the first offers of the German finder. Writes bench/mylist.md
and bench/mylist.json. The list page, the feeds and @offer-list are kept in
the RAM cache for anonymous readers (as the finder is); the first request
of each case is not counted. The sheet's PDF is made anew every time.
"""

from pathlib import Path
from statistics import median
import argparse
import gzip
import json
import sys
import time
import urllib.parse
import urllib.request


HERE = Path(__file__).parent


def get(url):
    """(ms, status, body); a REST service (``@name``) asked for JSON."""
    headers = {"Accept": "application/json"} if "/@" in url and "/@@" not in url else {}
    started = time.perf_counter()
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, body


def uids_of(base, count):
    """The UIDs of the first ``count`` offers of the German finder."""
    items, page, pages = [], 1, 1
    while len(items) < count and page <= pages:
        request = urllib.request.Request(
            f"{base}/de/@offer-finder?page={page}",
            headers={"Accept": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
        items += answer["items"]
        pages = answer["pages"]
        page += 1
    return [item["UID"] for item in items[:count]]


def query(uids):
    return urllib.parse.urlencode([("uid", uid) for uid in uids])


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args(argv)
    base = args.base.rstrip("/")
    uids = uids_of(base, 24)
    if len(uids) < 24:
        print(f"{base}: the German finder has fewer than 24 offers", file=sys.stderr)
        return 1
    cases = [
        ("my list, 3 entries (de)", f"{base}/de/@@my-list?{query(uids[:3])}"),
        ("my list, 12 entries (ar)", f"{base}/ar/@@my-list?{query(uids[:12])}"),
        ("@offer-list, 12 entries (ar)", f"{base}/ar/@offer-list?{query(uids[:12])}"),
        (
            "sheet page, 12 offers (ar)",
            f"{base}/ar/@@counselling-sheet?{query(uids[:12])}",
        ),
        (
            "sheet PDF, 3 offers (de)",
            f"{base}/de/@@counselling-sheet.pdf?{query(uids[:3])}",
        ),
        (
            "sheet PDF, 12 offers (ar)",
            f"{base}/ar/@@counselling-sheet.pdf?{query(uids[:12])}",
        ),
        (
            "sheet PDF, 24 offers (uk)",
            f"{base}/uk/@@counselling-sheet.pdf?{query(uids[:24])}",
        ),
        ("Atom feed, all offers (de)", f"{base}/de/@@offer-finder.atom"),
        ("iCalendar feed, all offers (de)", f"{base}/de/@@offer-finder.ics"),
    ]
    rows = []
    print(f"Timing {args.requests} sequential requests per case against {base}")
    for number, (label, url) in enumerate(cases, 1):
        print(f"[{number}/{len(cases)}] {label} …", flush=True)
        _elapsed, status, body = get(url)
        if status != 200:
            print(f"{url}: HTTP {status}", file=sys.stderr)
            return 1
        times = [get(url)[0] for _ in range(args.requests)]
        rows.append(
            {
                "case": label,
                "p50_ms": round(median(times), 1),
                "max_ms": round(max(times), 1),
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body)),
            }
        )
    script = get(f"{base}/++plone++integrationsportal.mylist/mylist.js")[2]
    result = {
        "portal": base,
        "requests": args.requests,
        "cases": rows,
        "mylist_js_bytes": len(script),
        "mylist_js_gzip_bytes": len(gzip.compress(script)),
    }
    (HERE / "mylist.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# My list, the counselling sheet and the feeds",
        "",
        f"`python bench/mylist.py {base}`, {args.requests} sequential requests per "
        "case after one unmeasured request, one instance (`make start`). Entries: the "
        "first offers of the German finder, shown in the root's language.",
        "",
        "| case | p50 ms | max ms | bytes | gzip bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['case']} | {row['p50_ms']} | {row['max_ms']} | "
            f"{row['bytes']:,} | {row['gzip_bytes']:,} |"
        )
    lines += [
        "",
        f"`mylist.js` (every page, deferred): {len(script):,} bytes, "
        f"{len(gzip.compress(script)):,} gzipped.",
        "",
    ]
    (HERE / "mylist.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
