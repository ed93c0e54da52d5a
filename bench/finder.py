"""Time the offer finder against a running portal.

    python bench/finder.py [BASE_URL] [--requests N]

BASE_URL defaults to http://localhost:8080/Plone/de. For each finder URL it
sends one warm-up request, then N sequential requests, and prints the median,
95th percentile and mean in milliseconds, with Plone's own page of the same
folder as the baseline.
"""

from statistics import mean
from statistics import median
import argparse
import sys
import time
import urllib.request


CASES = [
    ("baseline: the folder's own page", ""),
    ("finder, no filter", "/@@offer-finder"),
    ("finder, two filters", "/@@offer-finder?category=language&german_level=B1"),
    ("finder, full text", "/@@offer-finder?q=Deutsch"),
    ("finder, page 2", "/@@offer-finder?page=2"),
    (
        "REST @offer-finder, two filters",
        "/@offer-finder?category=language&german_level=B1",
    ),
]


def fetch(url):
    request = urllib.request.Request(
        url, headers={"Accept": "text/html,application/json"}
    )
    if "/@offer-finder" in url:
        request.add_header("Accept", "application/json")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_cases(base, cases, requests, width=40):
    """Print p50, p95 and mean per case, and p50 against the first case."""
    print(f"Timing {requests} sequential requests per URL against {base}")
    print(f"{'case':{width}} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'× base':>7}")
    baseline = None
    for label, path in cases:
        url = base + path
        try:
            fetch(url)
        except OSError as exc:
            print(f"{url}: {exc}", file=sys.stderr)
            return 1
        times = []
        for _ in range(requests):
            elapsed, status = fetch(url)
            if status != 200:
                print(f"{url}: HTTP {status}", file=sys.stderr)
                return 1
            times.append(elapsed)
        p50 = median(times)
        baseline = baseline or p50
        print(
            f"{label:{width}} {p50:8.1f} {percentile(times, 0.95):8.1f} "
            f"{mean(times):8.1f} {p50 / baseline:7.2f}"
        )
    return 0


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone/de")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    return time_cases(args.base, CASES, args.requests)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
