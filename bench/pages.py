"""Time the portal's own pages against Plone's front page, uncached.

    python bench/pages.py [PORTAL_URL] [--requests N]

PORTAL_URL defaults to http://localhost:8080/Plone (the demo portal). The
baseline is the German front page; the target (DESIGN.md) is at most 1.5
times its time for an offer page, the finder with filters and a process
chain.
"""

from pathlib import Path
import argparse
import sys


sys.path.insert(0, str(Path(__file__).parent))
from finder import time_cases  # noqa: E402


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
    return time_cases(args.base, CASES, args.requests, width=36)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
