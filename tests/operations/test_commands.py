"""The README's commands, run for real: `make start` and `make create-site`.

These start Zope processes on a temporary instance directory and a free port,
so they never touch the developer's own instance/ or port 8080.
"""

from support import authenticated_status
from support import free_port
from support import get
from support import make
from support import ROOT
from support import Server
import pytest
import shutil
import urllib.error
import urllib.request


pytestmark = pytest.mark.slow


ADMIN = {"ADMIN_USER": "chef", "ADMIN_PASSWORD": "geheim-123"}


def test_start_creates_and_serves_the_portal(instance):
    port = free_port()
    server = Server(instance, port, env=ADMIN)
    try:
        seconds, url, chooser = server.wait_for("/Plone")
        # a first visitor meets every language in its own name at the root,
        # the default language's start page one link away
        _status, url, body = get(f"http://localhost:{port}/Plone/de")
    finally:
        server.stop()
    output = server.output()
    assert f'href="http://localhost:{port}/Plone/de?set_language=de"' in chooser
    assert ">Deutsch<" in chooser
    assert url.endswith("/Plone/de")
    assert 'lang="de"' in body
    assert "Integrationsportal Musterkreis" in body
    assert "barceloneta" in body  # the classic theme is linked
    # the admin user was created from the environment, and said so once
    assert "Created the Zope admin user 'chef'" in output
    assert (instance / "zope.conf").exists()
    assert (instance / "var" / "filestorage" / "Data.fs").exists()
    print(f"first start: portal served after {seconds:.1f} s")


def test_second_start_reuses_everything(instance):
    assert (instance / "var" / "filestorage" / "Data.fs").exists(), (
        "runs after the first"
    )
    port = free_port()
    server = Server(instance, port, env=ADMIN)
    try:
        seconds, url, body = server.wait_for("/Plone")
        status, _url, _body = get(f"http://localhost:{port}/Plone/en")
        login_status = authenticated_status(
            f"http://localhost:{port}/manage_main", "chef", "geheim-123"
        )
        wrong_status = authenticated_status(
            f"http://localhost:{port}/manage_main", "chef", "falsch"
        )
    finally:
        server.stop()
    output = server.output()
    assert "Site 'Plone' exists; keeping it." in output
    assert "Created the Zope admin user" not in output
    assert "Instance configuration written" not in output
    assert status == 200
    assert login_status == 200  # the admin from ADMIN_USER/ADMIN_PASSWORD logs in
    assert wrong_status == 401
    print(f"second start: portal served after {seconds:.1f} s")


def test_a_second_start_while_running_says_so(instance):
    port = free_port()
    server = Server(instance, port, env=ADMIN)
    try:
        server.wait_for("/Plone")
        result = make(
            "create-site", f"INSTANCE={instance}", "PROFILE=profiles/minimal.toml"
        )
    finally:
        server.stop()
    assert result.returncode != 0
    assert "is in use by another process" in result.stderr
    assert "Traceback" not in result.stderr


def post_status(url, body, content_type):
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_malformed_posts_to_the_housing_form_get_400(instance):
    """Zope refuses these before the form sees them; the real server answers
    4xx (the test layer's server, without Zope's exception middleware, would
    answer 500)."""
    port = free_port()
    server = Server(instance, port, env=ADMIN)
    try:
        server.wait_for("/Plone")
        url = f"http://localhost:{port}/Plone/de/wohnung-anbieten"
        statuses = {
            "broken multipart": post_status(
                url,
                b"--xyz\r\nContent-Disposition: form-data; name=\r\n\r\n",
                "multipart/form-data; boundary=xyz",
            ),
            "bad converter": post_status(
                url,
                b"form.widgets.max_persons:int=drei",
                "application/x-www-form-urlencoded",
            ),
            "oversize": post_status(
                url,
                b"form.widgets.message=" + b"x" * (5 * 1024 * 1024),
                "application/x-www-form-urlencoded",
            ),
        }
    finally:
        server.stop()
    assert all(400 <= status < 500 for status in statuses.values()), statuses


def test_housing_retention_runs_from_the_command_line(instance):
    result = make("housing-retention", f"INSTANCE={instance}", "DRY_RUN=1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Retention: erasing landlord data of flats closed 180+ days ago" in (
        result.stdout
    )
    assert "Dry run: 0 flats would be erased" in result.stdout


def test_feedback_retention_runs_from_the_command_line(instance):
    result = make("feedback-retention", f"INSTANCE={instance}", "DRY_RUN=1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleting readers' reports done 365+ days ago" in result.stdout
    assert "Dry run: 0 reports and 0 addresses would be deleted." in result.stdout


def test_search_alerts_run_from_the_command_line(instance):
    result = make("search-alerts", f"INSTANCE={instance}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checking each confirmed alert" in result.stdout
    assert "0 mails sent, 0 unconfirmed alerts deleted." in result.stdout


def test_create_site_with_a_malformed_profile_names_file_and_field(instance, tmp_path):
    # the profile's files (its logo) next to it, as in profiles/
    shutil.copytree(ROOT / "profiles" / "minimal", tmp_path / "minimal")
    bad = tmp_path / "kaputt.toml"
    bad.write_text(
        (ROOT / "profiles" / "minimal.toml")
        .read_text()
        .replace('default = "de"', 'default = "xx"')
    )
    result = make("create-site", f"INSTANCE={instance}", f"PROFILE={bad}")
    assert result.returncode != 0
    assert f"{bad}: field 'languages.default'" in result.stderr


def test_create_site_refuses_to_replace_without_delete_existing(instance):
    result = make(
        "create-site", f"INSTANCE={instance}", "PROFILE=profiles/minimal.toml"
    )
    assert result.returncode != 0
    assert "DELETE_EXISTING=1" in result.stderr


def test_create_site_replaces_with_delete_existing(instance):
    result = make(
        "create-site",
        f"INSTANCE={instance}",
        "PROFILE=profiles/minimal.toml",
        "DELETE_EXISTING=1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Deleting the existing site 'Plone'" in result.stdout
    assert "No demo content" in result.stdout
    port = free_port()
    server = Server(instance, port)
    try:
        server.wait_for("/Plone")
        _status, url, body = get(f"http://localhost:{port}/Plone/de")
    finally:
        server.stop()
    assert url.endswith("/Plone/de")
    assert "<title>Integrationsportal" in body or "Integrationsportal" in body
    assert "Willkommen im Integrationsportal Musterkreis" not in body
