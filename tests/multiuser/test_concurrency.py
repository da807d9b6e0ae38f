"""16 officers saving at once: every acknowledged save is there, nobody sees "database is locked",
and the audit chain they all appended to still verifies."""

from __future__ import annotations

from pathlib import Path

from bench.concurrent_saves import run
from models.db import close_database, open_database
from workflow.audit import verify_chain


def test_sixteen_processes_lose_nothing(db_url: str, tmp_path: Path) -> None:
    outcome = run(db_url, processes=16, seconds=6, workdir=tmp_path)
    assert outcome.errors == []
    assert outcome.lost == []
    assert outcome.acknowledged == outcome.found > 16
    # All sixteen queued on the chain's lock: it must come out as one unbroken line.
    open_database(db_url)
    try:
        report = verify_chain()
    finally:
        close_database()
    assert report.ok, report.problem_en
    assert report.rows >= outcome.acknowledged
