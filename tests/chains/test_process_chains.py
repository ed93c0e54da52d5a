"""Process chains: ordered steps, who is responsible, branches, flags for
editors, print/PDF with QR codes, REST."""

from io import BytesIO
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import OWNER
from support import require_pdf_output
import os
import pytest
import re
import requests
import shutil
import subprocess
import transaction


def test_chain_holds_only_steps(chain, functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        with pytest.raises(api.exc.InvalidParameterError):
            api.content.create(chain["chain"], "Document", title="Nicht hier")
        with pytest.raises(api.exc.InvalidParameterError):
            api.content.create(functional_portal, "ProcessStep", title="Lose")


def step_titles(html):
    return re.findall(
        r'class="chain-step-title"[^>]*>\s*<a href="[^"]*">\s*([^<]+?)\s*</a>', html
    )


def test_chain_view_shows_steps_in_order_and_who(chain):
    html = requests.get(chain["chain"].absolute_url(), timeout=30).text
    assert step_titles(html) == [
        "Ankommen und anmelden",
        "Deutsch lernen",
        "Arbeit finden",
    ]
    assert 'class="chain-steps"' in html and "<ol" in html
    assert "Ausländerbehörde" in html and "Jobcenter Musterkreis" in html
    assert "Markus Feldmann" in html
    assert f'src="{chain["feldmann"].absolute_url()}/@@qr.svg"' in html  # QR code
    assert "Meldebescheinigung" in html
    assert "Integrationskurs" in html  # the related offer
    # a branch, as a condition and its outcome: the condition is the
    # editor's own words, not glued into "If …" ("Wenn Unter 18 Jahre")
    assert re.search(r'chain-branch-condition">\s*Deutsch B1 erreicht:', html)
    assert not re.search(r"(If|Wenn)\s+Deutsch B1", html)
    assert "Die Agentur für Arbeit übernimmt" in html
    # the unpublished contact is not shown to visitors, nor are editor flags
    assert "Noch Nicht Veröffentlicht" not in html
    assert "chain-flags" not in html


def test_reordering_changes_the_chain(chain):
    with api.env.adopt_user(SITE_OWNER_NAME):
        chain["chain"].moveObjectsToTop(["offen"])
    transaction.commit()
    html = requests.get(chain["chain"].absolute_url(), timeout=30).text
    assert step_titles(html) == [
        "Arbeit finden",
        "Ankommen und anmelden",
        "Deutsch lernen",
    ]
    data = requests.get(
        chain["chain"].absolute_url(),
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert [s["title"] for s in data["steps"]] == [
        "Arbeit finden",
        "Ankommen und anmelden",
        "Deutsch lernen",
    ]
    assert [s["number"] for s in data["steps"]] == [1, 2, 3]


def test_editors_see_flags(chain):
    html = requests.get(chain["chain"].absolute_url(), auth=OWNER, timeout=30).text
    assert "Nobody is responsible for this step." in html
    assert "is not published" in html and "Noch Nicht Veröffentlicht" in html


def test_private_chain_and_steps_stay_private(chain):
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(chain["chain"]["offen"], to_state="private")
    transaction.commit()
    html = requests.get(chain["chain"].absolute_url(), timeout=30).text
    assert "Arbeit finden" not in html
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.transition(chain["chain"], to_state="private")
    transaction.commit()
    response = requests.get(
        chain["chain"].absolute_url(), allow_redirects=False, timeout=30
    )
    assert response.status_code in (302, 401, 403)
    assert "Ankommen und anmelden" not in response.text


def test_rest_serialises_ordered_steps_with_actors(chain):
    data = requests.get(
        chain["chain"].absolute_url(),
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert data["@type"] == "ProcessChain"
    assert data["goal"]["token"] == "work"
    first = data["steps"][0]
    assert first["title"] == "Ankommen und anmelden"
    assert first["phase"] == "arrival"
    assert [o["title"] for o in first["responsible_organisations"]] == [
        "Ausländerbehörde"
    ]
    assert [c["@id"] for c in first["contacts"]] == [chain["feldmann"].absolute_url()]
    assert data["steps"][1]["branches"] == [
        {
            "condition": "Deutsch B1 erreicht",
            "outcome": "Die Agentur für Arbeit übernimmt",
        }
    ]
    assert data["steps"][1]["contacts"] == []  # unpublished: not for visitors


def test_offer_and_organisation_link_their_steps(chain):
    html = requests.get(chain["course"].absolute_url(), timeout=30).text
    assert "In these process chains" in html
    assert f'href="{chain["chain"]["sprache"].absolute_url()}"' in html
    html = requests.get(chain["jobcenter"].absolute_url(), timeout=30).text
    assert f'href="{chain["chain"]["sprache"].absolute_url()}"' in html
    html = requests.get(chain["feldmann"].absolute_url(), timeout=30).text
    assert f'href="{chain["chain"]["ankommen"].absolute_url()}"' in html


def test_step_page_and_overview(chain):
    html = requests.get(chain["chain"]["sprache"].absolute_url(), timeout=30).text
    assert re.search(r"step\s+2\s+of\s+3", html)
    assert 'rel="prev"' in html and 'rel="next"' in html
    overview = requests.get(
        f"{chain['portal'].absolute_url()}/@@process-chains", timeout=30
    ).text
    assert "Geflüchtete in Arbeit" in overview
    assert overview.index("Ankommen und anmelden") < overview.index("Arbeit finden")


def test_pdf_has_every_step_and_scannable_codes(chain, tmp_path):
    require_pdf_output()
    response = requests.get(f"{chain['chain'].absolute_url()}/@@chain.pdf", timeout=60)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1  # one A4 landscape sheet
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = " ".join(page.extract_text() for page in reader.pages)
    for title in ("Ankommen und anmelden", "Deutsch lernen", "Arbeit finden"):
        assert title in text
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is missing")
        pytest.skip(
            "decoding the PDF's QR codes needs pdftoppm (apt-get install poppler-utils)"
        )
    from PIL import Image
    from pyzbar import pyzbar

    pdf = tmp_path / "chain.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "page")],  # noqa: S607
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    urls = {symbol.data.decode() for symbol in pyzbar.decode(image)}
    assert urls == {chain["feldmann"].absolute_url()}
