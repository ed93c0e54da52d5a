"""The relevance set (relevance.toml): what readers of each language type,
and the offers a counsellor would expect among the first ten. The finder
must bring at least 90 % of them there in every language (recall@10); the
figures before and after the language-aware search are in
bench/relevance.md (bench/relevance.py, the same measure)."""

from support import ROOT
import importlib.util
import pytest


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_relevance", ROOT / "bench" / "relevance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()
CASES = bench.load_cases()
LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr")
KINDS = {"plural", "article", "spelling", "compound", "typo", "cross-language"}


def test_the_set_covers_every_language_and_kind():
    assert len(CASES) >= 80
    for language in LANGUAGES:
        assert sum(1 for c in CASES if c["language"] == language) >= 10, language
    assert {c["kind"] for c in CASES} >= KINDS


_RESULTS = {}


@pytest.fixture
def results(demo_url):
    """The set asked once of the demo portal (the layer is not reset by
    these read-only requests)."""
    if demo_url not in _RESULTS:
        _RESULTS[demo_url] = bench.evaluate(demo_url, CASES, progress=False)
    return _RESULTS[demo_url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_ten_in_every_language(results, language):
    figures = results["languages"][language]
    missed = [
        f"{row['q']} (missed {', '.join(row['missed'])})"
        for row in results["cases"]
        if row["language"] == language and row["recall"] < 1
    ]
    assert figures["recall_at_10"] >= 0.9, missed
