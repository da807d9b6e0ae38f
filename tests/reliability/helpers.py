"""Shared set-up for the reliability tests: a small campaign in self-evaluation, the real command."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = str(Path(sys.executable).with_name("starcampus"))
ADMIN = "rel-admin"
NOW = "2023-06-20T10:00:00+08:00"
TABLES = ("school", "user", "campaign", "assessment", "score", "problem", "narrative", "responsibility",
          "verification", "objection", "audit_event")
WINDOWS = {
    "mobilization": ("2023-05-08", "2023-05-31"),
    "self_evaluation": ("2023-06-01", "2023-08-27"),
    "verification": ("2023-08-28", "2023-09-15"),
    "promotion": ("2023-09-16", "2024-12-31"),
}


def env() -> dict[str, str]:
    out = dict(os.environ, STARCAMPUS_NOW=NOW, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    out.pop("SSH_CONNECTION", None)
    return out


def run_cli(db: Path | str, *args: str, as_user: str | None = ADMIN, lang: str = "zh",
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "--db", str(db), "--lang", lang]
    if as_user:
        cmd += ["--as", as_user]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=env(), timeout=timeout)


def build_campaign_db(path: Path | str, schools: int = 4, *, scored: bool = True) -> list[int]:
    """A campaign (Ningxia rubric) in self-evaluation with ``schools`` schools self-evaluating.

    With ``scored`` every leaf has a self score, so submit_self_evaluation is allowed. Returns
    the assessment ids. Leaves the database closed.
    """
    from models.db import close_database, open_database
    from rubrics.loader import builtin_rubric
    from workflow import clock
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.schools import SchoolRow, import_schools
    from workflow.doors.scores import set_scores
    from workflow.doors.users import add_user, os_login
    from workflow.permissions import Actor
    from workflow.reads.queries import find_assessment
    from workflow.statemachine.events import fire

    open_database(str(path))
    try:
        clock.pin(datetime(2023, 5, 10, 10, tzinfo=timezone(timedelta(hours=8))))
        add_user(None, ADMIN, "admin")
        admin = Actor(ADMIN, "admin")
        if os_login() != ADMIN:  # the CLI lets only a local admin act --as someone else
            add_user(admin, os_login(), "admin")
        import_schools(admin, [SchoolRow(f"R{i:03d}", f"可靠性{i}校", "城关镇", "小学", i + 1)
                               for i in range(schools)], source="reliability")
        campaign = create_campaign(admin, year=2023, region="测试县", title="可靠性测试", rubric="ningxia-2022",
                                   windows=dict(WINDOWS))
        enrol(admin, campaign.id)
        ids = []
        for i in range(schools):
            row = find_assessment(campaign.id, f"R{i:03d}")
            assert row is not None
            fire(admin, row.id, "start_self_evaluation")
            ids.append(int(row.id))
        advance_campaign(admin, campaign.id)
        clock.pin(datetime(2023, 6, 20, 10, tzinfo=timezone(timedelta(hours=8))))
        if scored:
            leaves = builtin_rubric("ningxia-2022").leaf_codes()
            for aid in ids:
                set_scores(admin, aid, {code: "0.5" for code in leaves})
        return ids
    finally:
        clock.pin(None)
        close_database()


def copy_db(src: Path, dest: Path) -> Path:
    """Copy a closed SQLite database (its -wal too, if any)."""
    shutil.copyfile(src, dest)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(src) + suffix)
        if extra.exists():
            shutil.copyfile(extra, str(dest) + suffix)
    return dest


def counts(db: Path | str) -> dict[str, int]:
    conn = sqlite3.connect(db)  # closed explicitly: `with` only commits, and an open file keeps a mount busy
    try:
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def integrity(db: Path | str) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def chain_ok(db: Path | str) -> tuple[bool, str]:
    """verify_chain() on ``db`` through the project's own connection."""
    from models.db import close_database, open_database
    from workflow.audit import verify_chain

    open_database(str(db))
    try:
        report = verify_chain()
        return report.ok, report.message("en")
    finally:
        close_database()
