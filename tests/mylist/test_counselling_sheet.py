"""The counselling sheet: one A4 page per twelve offers, in the reader's
language and German, with a QR code to each offer's page in the reader's
language; from a list or from a finder query; a note and a date printed,
never kept."""

from io import BytesIO
from support import require_pdf_output
from support import ROOT
import html
import os
import pytest
import re
import requests
import shutil
import subprocess


RESULTS = ROOT / "test-results"


def finder(demo_url, language, **params):
    answer = requests.get(
        f"{demo_url}/{language}/@offer-finder",
        params=params,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    return answer.json()["items"]


def pdf_of(url, params):
    require_pdf_output()
    response = requests.get(url, params=params, timeout=120)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    return response.content


def pages_and_text(pdf):
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def qr_codes(pdf, tmp_path, keep_as=None):
    """The addresses of every QR code on the PDF's pages (300 dpi)."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is missing")
        pytest.skip("decoding QR codes needs pdftoppm (apt-get install poppler-utils)")
    from PIL import Image
    from pyzbar import pyzbar

    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "300", "-png", str(path), str(tmp_path / "page")],  # noqa: S607
        check=True,
    )
    found = set()
    for number, png in enumerate(sorted(tmp_path.glob("page*.png")), 1):
        image = Image.open(png)
        found |= {symbol.data.decode() for symbol in pyzbar.decode(image)}
        if keep_as and number == 1:
            RESULTS.mkdir(exist_ok=True)
            image.reduce(2).save(RESULTS / f"{keep_as}.png")
    return found


@pytest.mark.parametrize("language", ["de", "ar", "uk"])
def test_the_sheet_in_two_languages_with_codes_to_the_readers_pages(
    demo_url, language, tmp_path
):
    german = finder(demo_url, "de")[:4]
    uids = [item["UID"] for item in german]
    listed = requests.get(
        f"{demo_url}/{language}/@offer-list",
        params={"uid": uids},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["items"]
    pdf = pdf_of(f"{demo_url}/{language}/@@counselling-sheet.pdf", {"uid": uids})
    pages, text = pages_and_text(pdf)
    assert pages == 1
    flat = " ".join(text.split())
    for item in german:  # the German column
        assert " ".join(item["title"].split()[:2]) in flat, item["title"]
    if language != "de":
        translated = [item for item in listed if f"/{language}/" in item["@id"]]
        assert translated, "the demo has translations of these offers"
        for item in translated:  # the reader's column
            words = item["title"].split()[:2]
            assert all(word in flat for word in words), (words, flat[:400])
    codes = qr_codes(pdf, tmp_path, keep_as=f"counselling-sheet-{language}")
    assert codes == {item["@id"] for item in listed}


def test_the_arabic_sheet_runs_right_to_left(demo_url):
    uids = [item["UID"] for item in finder(demo_url, "de")[:3]]
    answer = requests.get(
        f"{demo_url}/ar/@@counselling-sheet", params={"uid": uids}, timeout=60
    )
    assert answer.status_code == 200
    assert re.search(r'<html[^>]*dir="rtl"', answer.text)
    assert 'lang="de"' in answer.text and 'dir="ltr"' in answer.text  # German column
    assert "ورقة الاستشارة" in html.unescape(answer.text)


def test_twelve_offers_fit_one_page_and_more_go_on(demo_url):
    offers = finder(demo_url, "de")
    assert len(offers) >= 13
    twelve = [item["UID"] for item in offers[:12]]
    pages, _ = pages_and_text(
        pdf_of(f"{demo_url}/ar/@@counselling-sheet.pdf", {"uid": twelve})
    )
    assert pages == 1
    thirteen = [item["UID"] for item in offers[:13]]
    pages, text = pages_and_text(
        pdf_of(f"{demo_url}/ar/@@counselling-sheet.pdf", {"uid": thirteen})
    )
    assert pages == 2


def test_a_finder_query_makes_a_sheet(demo_url):
    chosen = finder(demo_url, "de", category="language")
    answer = requests.get(
        f"{demo_url}/de/@@counselling-sheet",
        params={"category": "language"},
        timeout=60,
    )
    assert answer.status_code == 200
    text = html.unescape(answer.text)
    for item in chosen[:5]:
        assert item["title"] in text
    assert "@@offer-finder?category=language" in text  # where it came from


def test_a_note_and_a_date_are_printed_and_kept_nowhere(demo_url):
    uids = [item["UID"] for item in finder(demo_url, "de")[:2]]
    answer = requests.post(
        f"{demo_url}/de/@@counselling-sheet",
        data={
            "uid": uids,
            "note": "Termin bei Frau Haddad mitbringen",
            "next_step": "2027-01-15",
        },
        timeout=60,
    )
    assert answer.status_code == 200
    assert "Termin bei Frau Haddad mitbringen" in answer.text
    assert "2027-01-15" in answer.text
    assert "no-store" in answer.headers.get("Cache-Control", "")


def test_bad_note_and_date_are_cut_or_left_out(demo_url):
    uids = [item["UID"] for item in finder(demo_url, "de")[:1]]
    answer = requests.post(
        f"{demo_url}/de/@@counselling-sheet",
        data={"uid": uids, "note": "<b>x</b>" + "y" * 100_000, "next_step": "gestern"},
        timeout=60,
    )
    assert answer.status_code == 200
    assert "<b>x</b>" not in answer.text and "&lt;b&gt;x&lt;/b&gt;" in answer.text
    assert "y" * 401 not in answer.text
    assert "gestern" not in answer.text


@pytest.mark.parametrize("params", [{"category": "nonsense"}, {"age": "-3"}])
def test_a_finder_state_that_cannot_be_read_makes_no_sheet(demo_url, params):
    for view in ("@@counselling-sheet", "@@counselling-sheet.pdf"):
        answer = requests.get(f"{demo_url}/en/{view}", params=params, timeout=60)
        assert answer.status_code == 400
        assert "No sheet can be made of these choices" in html.unescape(answer.text)
