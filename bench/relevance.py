"""Relevance of the finder's full text: recall@10 and MRR of the relevance
set (tests/search/relevance.toml) against a running demo portal, through the
REST finder (``@offer-finder?q=…``) as apps and the page use it.

    .venv/bin/python bench/relevance.py --url http://localhost:8080/Plone --label after

Each run is kept under its label in bench/relevance.json; bench/relevance.md
shows every label side by side, per language and per kind of query.
"""

from pathlib import Path
import argparse
import json
import requests
import sys
import time
import tomllib


ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "search" / "relevance.toml"
RESULTS = ROOT / "bench" / "relevance.json"
REPORT = ROOT / "bench" / "relevance.md"
TOP = 10


def load_cases(path=CASES):
    with open(path, "rb") as f:
        return tomllib.load(f)["case"]


def ranked_paths(session, portal_url, language, text):
    """The paths (from the portal root) of the finder's first results."""
    answer = session.get(
        f"{portal_url}/{language}/@offer-finder",
        params={"q": text},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    if answer.status_code != 200:
        raise RuntimeError(
            f"{answer.url} answered {answer.status_code}: {answer.text[:200]}"
        )
    prefix = portal_url.rstrip("/") + "/"
    return [item["@id"].removeprefix(prefix) for item in answer.json()["items"]]


def score(case, paths):
    """(recall@10, reciprocal rank) of one case."""
    top = paths[:TOP]
    expected = case["expect"]
    recall = sum(1 for path in expected if path in top) / len(expected)
    rank = next((i for i, path in enumerate(top, 1) if path in expected), None)
    return recall, (1 / rank if rank else 0.0)


def evaluate(portal_url, cases, progress=True):
    """{"cases": [...], "languages": {...}, "kinds": {...}, "all": {...}}."""
    session = requests.Session()
    rows = []
    for number, case in enumerate(cases, 1):
        started = time.perf_counter()
        paths = ranked_paths(session, portal_url, case["language"], case["q"])
        elapsed = time.perf_counter() - started
        recall, rr = score(case, paths)
        rows.append(
            {
                "language": case["language"],
                "kind": case["kind"],
                "q": case["q"],
                "recall": recall,
                "rr": rr,
                "found": len(paths),
                "ms": round(elapsed * 1000, 1),
                "missed": [p for p in case["expect"] if p not in paths[:TOP]],
            }
        )
        if progress and number % 10 == 0:
            print(f"  {number}/{len(cases)} queries", file=sys.stderr)
    return {
        "cases": rows,
        "languages": _means(rows, "language"),
        "kinds": _means(rows, "kind"),
        "all": _means(rows, None)["all"],
    }


def _means(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(row[key] if key else "all", []).append(row)
    return {
        name: {
            "queries": len(items),
            "recall_at_10": round(sum(r["recall"] for r in items) / len(items), 3),
            "mrr": round(sum(r["rr"] for r in items) / len(items), 3),
        }
        for name, items in sorted(groups.items())
    }


def write_report(results):
    labels = list(results)
    lines = [
        "# Relevance of the finder's full text",
        "",
        "Written by `bench/relevance.py` from `bench/relevance.json`: the "
        f"{len(next(iter(results.values()))['cases'])} queries of "
        "`tests/search/relevance.toml` against the demo portal's REST finder. "
        "recall@10: the share of a query's expected offers among its first ten "
        "results; MRR: the mean of 1/rank of the first expected offer (0 if "
        "none is in the first ten).",
        "",
    ]
    for label, result in results.items():
        if result.get("note"):
            lines += [f"*{label}*: {result['note']}.", ""]
    for title, key in (("Per language", "languages"), ("Per kind of query", "kinds")):
        lines += [f"## {title}", ""]
        header = "| | queries | " + " | ".join(
            f"recall@10 {label} | MRR {label}" for label in labels
        )
        lines += [header + " |", "|---" * (2 + 2 * len(labels)) + "|"]
        names = sorted({n for r in results.values() for n in r[key]} | {"all"})
        for name in names:
            cells = []
            count = 0
            for label in labels:
                figures = (
                    results[label]["all"]
                    if name == "all"
                    else results[label][key].get(name)
                )
                if figures is None:
                    cells += ["", ""]
                    continue
                count = figures["queries"]
                cells += [f"{figures['recall_at_10']:.3f}", f"{figures['mrr']:.3f}"]
            lines.append(f"| {name} | {count} | " + " | ".join(cells) + " |")
        lines.append("")
    last = labels[-1]
    missed = [r for r in results[last]["cases"] if r["recall"] < 1]
    lines += [f"## Queries below full recall ({last})", ""]
    if not missed:
        lines.append("None.")
    for row in missed:
        lines.append(
            f"- {row['language']} `{row['q']}` ({row['kind']}): "
            f"recall {row['recall']:.2f}, missed {', '.join(row['missed'])}"
        )
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", required=True, help="the portal, e.g. http://localhost:8080/Plone"
    )
    parser.add_argument("--label", required=True, help="e.g. before or after")
    args = parser.parse_args()
    cases = load_cases()
    print(
        f"Asking {len(cases)} queries of {CASES.name} at {args.url} …", file=sys.stderr
    )
    result = evaluate(args.url.rstrip("/"), cases)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.pop(args.label, None)  # a label run again goes last
    results[args.label] = result
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    write_report(results)
    print(
        f"{args.label}: recall@10 {result['all']['recall_at_10']:.3f}, "
        f"MRR {result['all']['mrr']:.3f}; written to {REPORT.relative_to(ROOT)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
