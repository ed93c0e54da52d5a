"""Backups for real: back up, destroy, restore, and find every object again,
for the embedded FileStorage (repozo and the blobs) and for RelStorage on
PostgreSQL (pg_dump). Also `make pack`."""

from support import make as run_make
from support import ROOT
import os
import pytest
import shutil
import subprocess
import uuid


pytestmark = pytest.mark.slow

DSN = os.environ.get("PG_DSN", "host=127.0.0.1 port=5432 user=postgres")

COUNT = """\
from zope.component.hooks import setSite
site = app.Plone
setSite(site)
seen = set()
def walk(obj):
    for child in obj.objectValues():
        seen.add('/'.join(child.getPhysicalPath()))
        if hasattr(child, 'objectValues'):
            walk(child)
walk(site)
path = '/'.join(site.getPhysicalPath())
print('CATALOG', len(site.portal_catalog.unrestrictedSearchResults(path=path)))
print('OBJECTS', len(seen))
print('OIDS', len(app._p_jar.db().storage))
probe = site.get('sicherung')
print('BLOB', probe.file.data.decode() if probe is not None else '-')
"""

ADD_BLOB = """\
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
from AccessControl.SecurityManagement import newSecurityManager
import transaction
site = app.Plone
setSite(site)
newSecurityManager(None, app.acl_users.getUserById('admin'))
api.content.create(site, 'File', id='sicherung', title='Sicherung',
    file=NamedBlobFile(b'Inhalt der Sicherungsprobe', filename='probe.txt'))
transaction.commit()
"""


def make(*args, env):
    """Run make; its output, which must end in success."""
    result = run_make(*args, env=env, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def zconsole(conf, script):
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "zconsole"), "run", str(conf), str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        line.split(" ", 1)[0]: line.split(" ", 1)[1]
        for line in result.stdout.splitlines()
        if line.split(" ", 1)[0] in ("CATALOG", "OBJECTS", "OIDS", "BLOB")
    }


@pytest.fixture(scope="module")
def portal_instance(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backup")
    instance = tmp / "instance"
    env = {"ADMIN_USER": "admin", "ADMIN_PASSWORD": "sicherung-1"}
    make(
        "create-site", f"INSTANCE={instance}", "PROFILE=profiles/minimal.toml", env=env
    )
    (tmp / "count.py").write_text(COUNT)
    (tmp / "blob.py").write_text(ADD_BLOB)
    zconsole(instance / "zope.conf", tmp / "blob.py")
    return tmp, instance


def test_filestorage_backup_destroy_restore(portal_instance):
    tmp, instance = portal_instance
    env = {"INSTANCE": str(instance), "BACKUP_DIR": str(tmp / "backups"), "KEEP": "2"}
    before = zconsole(instance / "zope.conf", tmp / "count.py")
    assert before["BLOB"] == "Inhalt der Sicherungsprobe"
    output = make("backup", f"INSTANCE={instance}", env=env)
    assert "Database:" in output and "Blobs:" in output
    # three more backups: only the newest two stay
    for _ in range(3):
        make("backup", f"INSTANCE={instance}", env=env)
    assert len(list((tmp / "backups" / "filestorage").glob("*.fsz"))) == 2
    # the disk breaks
    shutil.rmtree(instance / "var" / "filestorage")
    shutil.rmtree(instance / "var" / "blobstorage")
    output = make("restore", f"INSTANCE={instance}", env=env)
    assert "Restored Data.fs" in output
    after = zconsole(instance / "zope.conf", tmp / "count.py")
    assert after == before
    assert int(after["OBJECTS"]) > 100 and int(after["CATALOG"]) > 3


def test_pack_keeps_every_object(portal_instance):
    tmp, instance = portal_instance
    before = zconsole(instance / "zope.conf", tmp / "count.py")
    output = make("pack", f"INSTANCE={instance}", env={"INSTANCE": str(instance)})
    assert "Packed in" in output
    after = zconsole(instance / "zope.conf", tmp / "count.py")
    assert after["CATALOG"] == before["CATALOG"]
    assert after["OBJECTS"] == before["OBJECTS"]
    assert after["BLOB"] == before["BLOB"]


def _postgres():
    try:
        import psycopg2

        psycopg2.connect(f"{DSN} dbname=postgres").close()
        return shutil.which("pg_dump") is not None
    except Exception:
        return False


@pytest.mark.skipif(
    not _postgres() and os.environ.get("CI") != "true",
    reason="needs PostgreSQL at 127.0.0.1:5432 and pg_dump (CI has them)",
)
def test_relstorage_backup_destroy_restore(portal_instance):
    tmp, instance = portal_instance
    database = f"ip_test_{uuid.uuid4().hex[:10]}"
    env = {
        "CLUSTER_DB": database,
        "BACKUP_DIR": str(tmp / "backups"),
        "STORAGE": "relstorage",
        "PG_DSN": DSN,
    }
    reader = tmp / "reader"  # an instance of its own, with its own blob cache
    for sub in ("blobcache", "cache", "log"):
        (reader / "var" / sub).mkdir(parents=True, exist_ok=True)
    conf = tmp / "relstorage.conf"
    conf.write_text(
        (ROOT / "deploy" / "zope-relstorage.conf.in")
        .read_text()
        .replace("@@INSTANCE@@", str(reader))
        .replace("@@DSN@@", f"{DSN} dbname={database}")
    )
    import psycopg2

    try:
        make("to-relstorage", f"INSTANCE={instance}", f"CLUSTER_DB={database}", env={})
        before = zconsole(conf, tmp / "count.py")
        assert before["BLOB"] == "Inhalt der Sicherungsprobe"
        assert "blobs included" in make("backup", env=env)
        connection = psycopg2.connect(f"{DSN} dbname=postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{database}"')
        connection.close()
        assert "Restored" in make("restore", env=env)
        shutil.rmtree(reader / "var" / "blobcache")  # the blob comes from the dump
        (reader / "var" / "blobcache").mkdir()
        after = zconsole(conf, tmp / "count.py")
        assert after == before
    finally:
        connection = psycopg2.connect(f"{DSN} dbname=postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.close()


STAND = """\
from zope.component.hooks import setSite
import sys, transaction
site = app.Plone
setSite(site)
site['sicherung'].title = sys.argv[-1]
transaction.commit()
"""

TITLE = """\
print('TITLE', app.Plone['sicherung'].title)
"""


def zconsole_args(conf, script, *args):
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "zconsole"),
            "run",
            str(conf),
            str(script),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_filestorage_keep_leaves_the_newest_which_restores(portal_instance):
    """Three nightly backups with KEEP=2 and a change before each: two stay,
    and the restore brings back the last change."""
    tmp, instance = portal_instance
    backups = tmp / "backups-keep"
    env = {"INSTANCE": str(instance), "BACKUP_DIR": str(backups), "KEEP": "2"}
    (tmp / "stand.py").write_text(STAND)
    (tmp / "title.py").write_text(TITLE)
    for night in (1, 2, 3):
        zconsole_args(instance / "zope.conf", tmp / "stand.py", f"Stand {night}")
        output = make("backup", f"INSTANCE={instance}", env=env)
    assert output.count("Removed the old backup") == 1, output
    folder = backups / "filestorage"
    assert len(list(folder.glob("*.fsz"))) == 2
    assert len(list(folder.glob("*.blobs.tar.gz"))) == 2
    zconsole_args(instance / "zope.conf", tmp / "stand.py", "nach der Sicherung")
    make("restore", f"INSTANCE={instance}", env=env)
    title = zconsole_args(instance / "zope.conf", tmp / "title.py")
    assert "TITLE Stand 3" in title


@pytest.mark.skipif(
    not _postgres() and os.environ.get("CI") != "true",
    reason="needs PostgreSQL at 127.0.0.1:5432 and pg_dump (CI has them)",
)
def test_relstorage_keep_leaves_the_newest_dumps_which_restore(tmp_path):
    """pg_dump backups with KEEP=2: after three, the two newest stay, and the
    restore brings back the database as it was at the last one."""
    import psycopg2

    database = f"ip_keep_{uuid.uuid4().hex[:10]}"
    env = {
        "CLUSTER_DB": database,
        "BACKUP_DIR": str(tmp_path),
        "STORAGE": "relstorage",
        "PG_DSN": DSN,
        "KEEP": "2",
    }

    def sql(statement, params=(), dbname=database):
        connection = psycopg2.connect(f"{DSN} dbname={dbname}")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall() if cursor.description else None
        connection.close()
        return rows

    sql(f'CREATE DATABASE "{database}"', dbname="postgres")
    try:
        sql("CREATE TABLE stand (night integer)")
        for night in (1, 2, 3):
            sql("DELETE FROM stand; INSERT INTO stand VALUES (%s)", (night,))
            make("backup", env=env)
        dumps = sorted((tmp_path / "postgresql").glob(f"*.{database}.dump"))
        assert len(dumps) == 2
        sql("DELETE FROM stand")
        assert "Restored" in make("restore", env=env)
        assert sql("SELECT night FROM stand") == [(3,)]
    finally:
        sql(f'DROP DATABASE IF EXISTS "{database}"', dbname="postgres")
