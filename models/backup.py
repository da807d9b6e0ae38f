"""Online backup of the SQLite database: consistent while other officers keep writing."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import peewee

from models.db import database


class BackupError(Exception):
    pass


def backup_sqlite(dest: str | Path) -> Path:
    """Copy the open SQLite database to ``dest`` with SQLite's backup API, then check it."""
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase):
        raise BackupError(
            "PostgreSQL 请使用 pg_dump 备份，例如：pg_dump -Fc -f starcampus.dump \"$STARCAMPUS_DB\" / "
            "for PostgreSQL use pg_dump, e.g. pg_dump -Fc -f starcampus.dump \"$STARCAMPUS_DB\""
        )
    target = Path(dest).expanduser().resolve()
    source_path = Path(db.database).resolve()
    if target == source_path:
        raise BackupError(f"备份文件不能是数据库本身 / the backup cannot overwrite the database: {target}")
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
            raise BackupError(f"备份校验失败 / backup failed its integrity check: {verdict}")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
