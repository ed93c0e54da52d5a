"""Feedback from readers on a running portal: what the box costs every page
(bytes, as sent compressed), and the time of a vote, a report, the page an
editor sees with its count, and the editors' inbox.

    python bench/feedback.py [PORTAL_URL] [--requests N]

PORTAL_URL defaults to http://localhost:8080/Plone (the demo portal, whose
users ``redaktion`` and ``admin`` it logs in as). The per-network limit of
reports is raised for the run (Site settings, as ``admin``) and put back
afterwards. Writes bench/feedback.md and bench/feedback.json. The first
request of each case is not counted.
"""

from pathlib import Path
from statistics import median
import argparse
import base64
import gzip
import json
import re
import sys
import time
import urllib.parse
import urllib.request


HERE = Path(__file__).parent
EDITOR = ("redaktion", "musterkreis-demo")
ADMIN = ("admin", "admin")
RECORD = "integrationsportal.feedback_reports_per_hour"


def request(url, data=None, auth=None, headers=None, method=None):
    """(ms, status, body, headers); redirects are not followed."""
    headers = dict(headers or {})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    started = time.perf_counter()
    try:
        with opener.open(
            urllib.request.Request(url, data=body, headers=headers, method=method),
            timeout=120,
        ) as response:
            content, status, answer = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        content, status, answer = error.read(), error.code, error.headers
    return (time.perf_counter() - started) * 1000, status, content, answer


def token_of(html):
    match = re.search(rb'name="_authenticator"[^>]*value="([^"]+)"', html)
    return match.group(1).decode() if match else ""


def first_offer(base):
    ms, status, body, _ = request(
        f"{base}/de/@offer-finder", headers={"Accept": "application/json"}
    )
    return json.loads(body)["items"][0]["@id"]


def registry(base, value=None):
    url = f"{base}/@registry/{RECORD}"
    json_headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if value is None:
        return json.loads(request(url, auth=ADMIN, headers=json_headers)[2])
    request(
        f"{base}/@registry",
        data=json.dumps({RECORD: value}).encode(),
        auth=ADMIN,
        headers=json_headers,
        method="PATCH",
    )
    return value


def timed(label, count, call):
    times = []
    for number in range(count + 1):
        ms, status = call(number)
        if status >= 400:
            raise SystemExit(f"{label}: answer {status}")
        if number:
            times.append(ms)
        print(f"  {label}: {number}/{count}", end="\r", flush=True)
    print(f"  {label}: p50 {median(times):.1f} ms")
    return {"case": label, "p50_ms": round(median(times), 1), "requests": count}


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://localhost:8080/Plone")
    parser.add_argument("--requests", type=int, default=15)
    args = parser.parse_args(argv)
    base, count = args.base.rstrip("/"), args.requests
    offer = first_offer(base)
    print(f"Feedback on {offer}")
    _ms, _status, page, _headers = request(offer)
    start = page.index(b'<aside class="ip-feedback')
    box = page[start : page.index(b"</aside>", start) + 8]
    sizes = {
        "page_bytes": len(page),
        "page_gzip_bytes": len(gzip.compress(page)),
        "box_bytes": len(box),
        "box_gzip_added_bytes": len(gzip.compress(page))
        - len(gzip.compress(page.replace(box, b""))),
    }
    print(
        f"  the box: {sizes['box_bytes']} bytes, {sizes['box_gzip_added_bytes']} compressed"
    )
    token = token_of(page)
    limit = registry(base)
    registry(base, 10000)  # the setting's highest value
    try:
        cases = [
            timed("anonymous offer page", count, lambda n: request(offer)[:2]),
            timed(
                "vote (Yes)",
                count,
                lambda n: request(
                    f"{offer}/@@feedback",
                    {"_authenticator": token, "form.buttons.yes": "yes"},
                )[:2],
            ),
            timed(
                "report with text",
                count,
                lambda n: request(
                    f"{offer}/@@feedback",
                    {
                        "_authenticator": token,
                        "form.widgets.reason": "outdated",
                        "form.widgets.reason-empty-marker": "1",
                        "form.widgets.text": f"Bench {n}: the course is full.",
                        "form.buttons.report": "report",
                    },
                )[:2],
            ),
            timed(
                "offer page for an editor, with the count",
                count,
                lambda n: request(offer, auth=EDITOR)[:2],
            ),
            timed(
                "inbox, 30 of the open reports",
                count,
                lambda n: request(f"{base}/@@feedback-inbox?language=all", auth=EDITOR)[
                    :2
                ],
            ),
        ]
    finally:
        registry(base, limit)
    result = {"offer": offer, "sizes": sizes, "cases": cases}
    (HERE / "feedback.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Feedback from readers",
        "",
        f"`python bench/feedback.py` against the demo portal, {count} requests a case",
        "(the first not counted), one instance, on this machine.",
        "",
        f"The box below an offer page: {sizes['box_bytes']:,} bytes of HTML,",
        f"{sizes['box_gzip_added_bytes']:,} bytes more on the compressed page",
        f"({sizes['page_gzip_bytes']:,} bytes in all).",
        "",
        "| case | p50 |",
        "| --- | --- |",
        *[f"| {c['case']} | {c['p50_ms']} ms |" for c in cases],
        "",
    ]
    (HERE / "feedback.md").write_text("\n".join(lines))
    print("Written: bench/feedback.md, bench/feedback.json")


if __name__ == "__main__":
    main(sys.argv[1:])
