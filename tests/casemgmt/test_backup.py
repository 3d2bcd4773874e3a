"""Backup and restore: one archive (dump, uploaded files, manifest with checksums),
restored into a fresh database where the audit chains verify and the append-only
triggers still refuse changes."""

from __future__ import annotations

import io
import json
import tarfile

import psycopg
import pytest
from django.db import connection

from core import backup
from core.models import AuditEvent
from demodata import builder as demo_data
from tests.conftest import PASSWORD


@pytest.fixture
def fresh_database(transactional_db):
    """An empty database on the same server, dropped afterwards."""
    url = backup.database_url(connection.settings_dict)
    name = connection.settings_dict["NAME"] + "_restored"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_a_fresh_database_verifies(fresh_database, private_storage, tmp_path):
    demo_data.build(prisoners=4, password=PASSWORD)  # audit events on the chain
    (private_storage / "photos").mkdir()
    (private_storage / "photos" / "p1.jpg").write_bytes(b"\xff\xd8 a photo")
    source = backup.database_url(connection.settings_dict)

    archive = backup.backup(database_url=source, media_root=private_storage, out_dir=tmp_path / "out")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert set(manifest["files"]) == {"database.dump", "media/photos/p1.jpg"}
    assert "casemgmt_auditevent.casemgmt_auditevent_append_only" in manifest["append_only_triggers"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == [archive.name]  # no partial left

    media = tmp_path / "restored-media"
    done = backup.restore(archive=archive, database_url=fresh_database, media_root=media)
    assert (media / "photos" / "p1.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert backup.verify(database_url=fresh_database, manifest=done.manifest) == []
    with psycopg.connect(fresh_database) as conn:
        assert (
            conn.execute("SELECT count(*) FROM casemgmt_auditevent").fetchone()[0]
            == AuditEvent.objects.count()
        )

    # A database that is not empty is not overwritten unless asked.
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(archive=archive, database_url=fresh_database, media_root=media)

    # The proof is not vacuous: a row changed behind the trigger's back is found.
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        conn.execute("ALTER TABLE casemgmt_auditevent DISABLE TRIGGER USER")
        conn.execute(
            "UPDATE casemgmt_auditevent SET reason = 'rewritten' WHERE id = (SELECT max(id) FROM casemgmt_auditevent)"
        )
    problems = backup.verify(database_url=fresh_database, manifest=done.manifest)
    assert any(p.startswith("verify_audit") for p in problems)
    assert any("accepted" in p for p in problems)


def _damaged_archive(tmp_path):
    """An archive whose dump does not match the checksum its manifest gives."""
    manifest = {"files": {"database.dump": {"sha256": "0" * 64, "size": 4}}, "pg_dump_major": 15}
    archive = tmp_path / "damaged.tar"
    with tarfile.open(archive, "w") as tar:
        for name, data in (("manifest.json", json.dumps(manifest).encode()), ("database.dump", b"dump")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


def test_a_damaged_archive_is_refused_before_anything_is_touched(tmp_path):
    archive = _damaged_archive(tmp_path)
    with pytest.raises(backup.BackupError, match="checksum"):
        backup.restore(
            archive=archive, database_url="postgres://nobody@127.0.0.1:1/x", media_root=tmp_path / "m"
        )
    assert not (tmp_path / "m").exists()


def test_the_client_suits_the_server():
    program, major = backup.client("pg_dump", 15)
    assert major >= 15 and program.name == "pg_dump"
    newest, top = backup.client("pg_dump", 18)  # the embedded server's: never the system's 15
    assert top >= 18
    with pytest.raises(backup.BackupError, match="postgresql-client-99"):
        backup.client("pg_dump", 99)


def test_a_damaged_archive_is_refused_in_the_operators_language(tmp_path):
    """``make restore`` on a Russian server: the refusal in Russian (it was English)."""
    from django.utils import translation

    archive = _damaged_archive(tmp_path)
    with translation.override("ru"), pytest.raises(backup.BackupError) as refused:
        backup.restore(
            archive=archive, database_url="postgres://nobody@127.0.0.1:1/x", media_root=tmp_path / "m"
        )
    assert "database.dump не совпадает со своей контрольной суммой: архив повреждён" in str(refused.value)
    with (
        translation.override("tg"),
        pytest.raises(backup.BackupError, match="ёфт нашуд.*postgresql-client-99"),
    ):
        backup.client("pg_dump", 99)
