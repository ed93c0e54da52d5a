"""Time the portal's own pages against Plone's front page, uncached.

    python bench/pages.py [PORTAL_URL] [--requests N]

PORTAL_URL defaults to http://localhost:8080/Plone (the demo portal). The
baseline is the German front page; the target (DESIGN.md) is at most 1.5
times its time for an offer page, the finder with filters and a process
chain.
"""

from pathlib import Path
from statistics import mean
from statistics import median
import argparse
import sys


sys.path.insert(0, str(Path(__file__).parent))
from finder import fetch  # noqa: E402
from finder import percentile  # noqa: E402


CASES = [
    ("baseline: front page /de", "/de"),
    ("offer page", "/de/angebote/integrationskurs-am-vormittag"),
    ("organisation page", "/de/akteure/jobcenter-musterkreis"),
    ("contact page", "/de/ansprechpersonen/markus-feldmann"),
    ("finder, two filters", "/de/@@offer-finder?category=language&german_level=B1"),
    ("process chain (10 steps)", "/de/prozessketten/gefluechtete-in-arbeit"),
    ("process chain step", "/de/prozessketten/gefluechtete-in-arbeit/integrationskurs"),
    ("process chain as PDF", "/de/prozessketten/gefluechtete-in-arbeit/@@chain.pdf"),
    ("offer page in Arabic", "/ar/arud/dawrat-al-indimaj-sabahan"),
    ("contact QR code (SVG)", "/de/ansprechpersonen/markus-feldmann/@@qr.svg"),
    ("contact vCard", "/de/ansprechpersonen/markus-feldmann/@@vcard"),
]


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args(argv)
    print(f"Timing {args.requests} sequential requests per URL against {args.base}")
    print(f"{'case':36} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'× base':>7}")
    baseline = None
    for label, path in CASES:
        url = args.base + path
        try:
            fetch(url)
        except OSError as exc:
            print(f"{url}: {exc}", file=sys.stderr)
            return 1
        times = []
        for _ in range(args.requests):
            elapsed, status = fetch(url)
            if status != 200:
                print(f"{url}: HTTP {status}", file=sys.stderr)
                return 1
            times.append(elapsed)
        p50 = median(times)
        baseline = baseline or p50
        print(
            f"{label:36} {p50:8.1f} {percentile(times, 0.95):8.1f} "
            f"{mean(times):8.1f} {p50 / baseline:7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
