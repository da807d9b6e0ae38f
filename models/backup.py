"""Online backup of the SQLite database: consistent while other officers keep writing, never onto a protected file."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import peewee

from models.db import database
from models.file_guard import OutputRefused, check_output, place_new, refuse_protected, write_failure
from models.file_modes import make_private, private_folder
from models.messages import Keyed


class BackupError(Keyed):
    """A backup refused or failed: a key of models.messages and its data."""


def backup_sqlite(dest: str | Path, *, force: bool = False) -> Path:
    """Copy the open SQLite database to ``dest`` with SQLite's backup API, then check it.

    ``dest`` passes models.file_guard first: never the live database, its journals, the seal
    key or authorized_keys; an existing file only with ``force``. The copy is written to a
    private temp file next to ``dest`` and moved into place only when it is whole and checked;
    on any failure (a full disk) the temp file and its journal are removed.
    """
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase):
        raise BackupError("backup.postgres")
    target = check_output(dest, force=force)
    private_folder(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".backup.", suffix=".sqlite3", dir=target.parent)
    except OSError as exc:
        raise write_failure(target, exc) from exc
    os.close(fd)
    try:
        _copy_into(db, tmp)
        make_private(tmp)
        refuse_protected(target)  # again, just before the move
        if force:
            os.replace(tmp, target)
        else:
            place_new(Path(tmp), target)
    except sqlite3.Error as exc:
        if "full" in str(exc).lower():  # SQLITE_FULL: "database or disk is full"
            raise OutputRefused("output.disk_full", path=target) from exc
        raise OutputRefused("output.cannot_write", path=target, detail=str(exc)) from exc
    except OSError as exc:
        raise write_failure(target, exc) from exc
    finally:
        for leftover in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
            Path(leftover).unlink(missing_ok=True)
    return target


def _copy_into(db: peewee.SqliteDatabase, tmp: str) -> None:
    out = sqlite3.connect(tmp)
    try:
        db.connection().backup(out, pages=1024)
        out.execute("PRAGMA journal_mode=DELETE")
        verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        out.close()
    if verdict != "ok":
        raise BackupError("backup.integrity", verdict=verdict)

