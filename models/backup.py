"""Online backup of the SQLite database: consistent while other officers keep writing."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import peewee

from models.db import database
from models.messages import Keyed


class BackupError(Keyed):
    """A backup refused or failed: a key of models.messages and its data."""


def backup_sqlite(dest: str | Path) -> Path:
    """Copy the open SQLite database to ``dest`` with SQLite's backup API, then check it."""
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase):
        raise BackupError("backup.postgres")
    target = Path(dest).expanduser().resolve()
    source_path = Path(db.database).resolve()
    if target == source_path:
        raise BackupError("backup.onto_database", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".backup.", suffix=".sqlite3", dir=target.parent)
    os.close(fd)
    try:
        out = sqlite3.connect(tmp)
        try:
            db.connection().backup(out, pages=1024)
            out.execute("PRAGMA journal_mode=DELETE")
            verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            out.close()
        if verdict != "ok":
            raise BackupError("backup.integrity", verdict=verdict)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
