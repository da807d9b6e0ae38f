"""16 officers saving at once: every acknowledged save is there, nobody sees "database is locked"."""

from __future__ import annotations

from pathlib import Path

from bench.concurrent_saves import run


def test_sixteen_processes_lose_nothing(db_url: str, tmp_path: Path) -> None:
    outcome = run(db_url, processes=16, seconds=6, workdir=tmp_path)
    assert outcome.errors == []
    assert outcome.lost == []
    assert outcome.acknowledged == outcome.found > 16
