"""Downloads through the add-on's ``@@download`` and ``@@display-file`` (the
blob cache cleaner's retry, operations/downloads.py) answer as Plone's own:
the file, a range of it, and 404 where there is no file."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile
import requests
import transaction


DATA = bytes(range(256)) * 40


def test_files_download_whole_and_in_ranges(functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        item = api.content.create(
            functional_portal,
            "File",
            id="merkblatt",
            title="Merkblatt",
            file=NamedBlobFile(DATA, filename="merkblatt.bin"),
        )
    transaction.commit()
    url = item.absolute_url()
    whole = requests.get(f"{url}/@@download/file", timeout=30)  # a File has no workflow
    assert whole.status_code == 200
    assert whole.content == DATA
    assert "attachment" in whole.headers["Content-Disposition"]
    shown = requests.get(f"{url}/@@display-file/file", timeout=30)
    assert shown.status_code == 200 and shown.content == DATA
    part = requests.get(
        f"{url}/@@download/file", headers={"Range": "bytes=10-19"}, timeout=30
    )
    assert part.status_code == 206 and part.content == DATA[10:20]
    for missing in (
        f"{url}/@@download/nofield",
        f"{functional_portal.absolute_url()}/@@download",
    ):
        answer = requests.get(missing, timeout=30)
        assert answer.status_code == 404, (missing, answer.status_code)
