"""Issue 10, findings 10 and 11: only ``init`` and ``demo load`` create a database; a missing or
0-byte path is refused by name; a database of a newer schema than the program is refused with
both versions named, and nothing is written into it.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.migrations import CURRENT_VERSION
from tests.reliability.helpers import ADMIN, build_campaign_db, copy_db
from tests.reliability.helpers import env as base_env

EXE = str(Path(sys.executable).with_name("starcampus"))
NEWER = CURRENT_VERSION + 1

# Verbs an officer runs on an existing database: reads, a write, the chain check, the migration.
VERBS = [("audit", "verify"), ("status",), ("schools", "list"), ("audit", "log"), ("db", "migrate"),
         ("score", "set", "R000", "1.1", "1"), ("user", "list")]


def _run(db: Path | str, *args: str, as_user: str | None = ADMIN, lang: str = "en",
         ) -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "--db", str(db), "--lang", lang] + (["--as", as_user] if as_user else [])
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=base_env(), timeout=120)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dbs") / "prepared.sqlite3"
    build_campaign_db(path, schools=1)
    return path


# -- Finding 10: a mistyped --db or an empty file is not a new database ------------------------------


@pytest.mark.parametrize("verb", VERBS, ids=lambda v: " ".join(v[:2]))
def test_a_missing_database_path_is_refused_by_name_and_not_created(tmp_path: Path, verb: tuple[str, ...]) -> None:
    typo = tmp_path / "srv" / "starcampus.sqlte3"  # the live one is starcampus.sqlite3
    done = _run(typo, *verb)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert f"there is no database at {typo}" in done.stderr, done.stderr
    assert "rows verified" not in done.stdout
    assert not typo.exists() and not typo.parent.exists()  # not even its folder


@pytest.mark.parametrize("verb", VERBS, ids=lambda v: " ".join(v[:2]))
def test_an_empty_file_is_refused_by_name_and_left_empty(tmp_path: Path, verb: tuple[str, ...]) -> None:
    empty = tmp_path / "starcampus.sqlite3"
    empty.touch()
    done = _run(empty, *verb)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert f"{empty} is an empty file (0 bytes)" in done.stderr, done.stderr
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["starcampus.sqlite3"]  # no -wal, -shm, log


def test_the_refusal_reads_in_chinese_too(tmp_path: Path) -> None:
    typo = tmp_path / "x.sqlite3"
    done = _run(typo, "audit", "verify", lang="zh")
    assert done.returncode != 0 and f"没有这个数据库：{typo}" in done.stderr, done.stderr


def test_a_sqlite_url_to_a_missing_file_is_refused_too(tmp_path: Path) -> None:
    typo = tmp_path / "nothing.sqlite3"
    done = _run(f"sqlite:///{typo}", "audit", "verify")
    assert done.returncode != 0 and "there is no database" in done.stderr and not typo.exists(), done.stderr


def test_init_and_demo_load_still_create_one(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "starcampus.sqlite3"
    assert _run(fresh, "init", as_user=None).returncode == 0
    assert _run(fresh, "audit", "verify", as_user=None).returncode == 0
    demo = tmp_path / "demo.sqlite3"
    assert _run(demo, "demo", "load", as_user=None).returncode == 0
    assert "rows verified" in _run(demo, "audit", "verify", as_user=None).stdout


def test_a_database_nobody_set_up_is_refused(tmp_path: Path) -> None:
    # An SQLite file that is not starcampus's (another program's): refused, not migrated into.
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    before = other.read_bytes()
    done = _run(other, "audit", "verify")
    assert done.returncode != 0 and f"{other} is not a starcampus database" in done.stderr, done.stderr
    assert other.read_bytes() == before
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database at all\n" * 100)
    done = _run(junk, "audit", "verify")
    assert done.returncode != 0 and "is not a starcampus database" in done.stderr and "Traceback" not in done.stderr
    assert junk.read_text() == "not a database at all\n" * 100


# -- Finding 11: a newer schema is refused with both versions, nothing written ------------------------


def _from_the_future(src: Path, dest: Path) -> Path:
    """A copy of ``src`` as a newer starcampus would leave it: one more migration recorded."""
    db = copy_db(src, dest)
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2031-01-01T00:00:00')", (NEWER,))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return db


@pytest.mark.parametrize("verb", VERBS + [("init",), ("demo", "load")], ids=lambda v: " ".join(v[:2]))
def test_a_newer_schema_is_refused_naming_both_versions(prepared: Path, tmp_path: Path,
                                                        verb: tuple[str, ...]) -> None:
    db = _from_the_future(prepared, tmp_path / "future.sqlite3")
    before = db.read_bytes()
    done = _run(db, *verb)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert f"schema is version {NEWER}, newer than this program's {CURRENT_VERSION}" in done.stderr, done.stderr
    assert db.read_bytes() == before  # not one byte written: no audit row, no migration


def test_a_newer_schema_is_refused_by_the_library_on_both_databases(db: str) -> None:
    # The same refusal for every caller (the TUI, serve, a script), SQLite and PostgreSQL alike.
    from models.db import close_database, database, open_database
    from models.migrations import SchemaTooNew
    from models.schema import AuditEvent

    rows = AuditEvent.select().count()
    database.obj.execute_sql(f"INSERT INTO schema_version (version, applied_at) VALUES ({NEWER}, 'x')")
    close_database()
    try:
        with pytest.raises(SchemaTooNew) as refused:
            open_database(db)
        assert str(NEWER) in refused.value.message("en") and str(CURRENT_VERSION) in refused.value.message("en")
        assert database.obj.is_closed()
        with pytest.raises(SchemaTooNew):
            open_database(db, migrate=False)  # a read-only open is refused too
    finally:
        database.obj.connect(reuse_if_open=True)
        database.obj.execute_sql(f"DELETE FROM schema_version WHERE version = {NEWER}")
    open_database(db)
    assert AuditEvent.select().count() == rows
