"""PostgreSQL: a write commits without holding the audit chain through the disk flush, and the door
returns only once the write is on disk (models.durable)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models import durable
from models.db import close_database, database, open_database
from tests.conftest import postgres_url
from tests.support import need
from workflow.doors.users import add_user
from workflow.permissions import Actor


@pytest.fixture
def pg() -> Iterator[str]:
    url = postgres_url()
    need(url is not None, "PostgreSQL (set STARCAMPUS_TEST_PG)")
    assert url is not None
    open_database(url)
    yield url
    close_database()


def _lsn_behind(first: str, second: str) -> float:
    """Bytes of WAL from ``second`` up to ``first`` (positive: ``second`` is behind)."""
    return float(database.obj.execute_sql("SELECT pg_wal_lsn_diff(%s, %s)", (first, second)).fetchone()[0])


def test_a_write_commits_asynchronously_and_returns_only_once_flushed(pg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    prefixes: list[str] = []
    original = durable.chain_lock_prefix

    def watching(db: object) -> str:
        prefixes.append(original(db))  # type: ignore[arg-type]
        return prefixes[-1]

    monkeypatch.setattr(durable, "chain_lock_prefix", watching)
    durable._pending.flushed_to = None
    add_user(None, "admin1", "admin")
    assert prefixes and "synchronous_commit TO off" in prefixes[-1], "the write under the chain's lock committed synchronously"
    # The wait's message was written after the write's commit, in the same session: the WAL flushed past
    # the message is flushed past the commit, before the door returned.
    waited_to = durable._pending.flushed_to
    assert waited_to is not None, "the door returned without waiting for the flush"
    flushed = database.obj.execute_sql("SELECT pg_current_wal_flush_lsn()::text").fetchone()[0]
    assert _lsn_behind(waited_to, flushed) <= 0, f"WAL flushed only to {flushed}, the wait reached {waited_to}"
    add_user(Actor("admin1", "admin"), "officer2", "viewer")
    assert durable._pending.flush is False
    names = [row[0] for row in database.obj.execute_sql('SELECT name FROM "user" ORDER BY name').fetchall()]
    assert names == ["admin1", "officer2"]


def test_without_the_flush_function_writes_stay_synchronous(pg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "_CAN_FLUSH", "SELECT false")
    durable._granted.clear()
    settings: list[str] = []
    original = durable.chain_lock_prefix

    def watching(db: object) -> str:
        prefix = original(db)  # type: ignore[arg-type]
        settings.append(prefix)
        return prefix

    monkeypatch.setattr(durable, "chain_lock_prefix", watching)
    add_user(None, "admin1", "admin")
    assert settings == [""], "a write committed asynchronously with no way to wait for its flush"
    assert durable._pending.flush is False
    durable._granted.clear()


def test_a_write_that_fails_leaves_no_wait_behind(pg: str) -> None:
    from workflow import audit
    from workflow.door import write

    add_user(None, "admin1", "admin")

    def body() -> None:
        audit.append(actor="admin1", action="test.fails", payload={"facts": {}})
        raise RuntimeError("refused after the chain was locked")

    with pytest.raises(RuntimeError):
        write(body)
    assert durable._pending.flush is False
    count = database.obj.execute_sql("SELECT count(*) FROM audit_event WHERE action = 'test.fails'").fetchone()[0]
    assert count == 0
