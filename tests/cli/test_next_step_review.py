"""A school the open review round lacks: the next step is the review's ways in (round add / round apply), not
``campaign enrol``, which a review round refuses (found by the trial)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.cli.test_first_hour import EXE, _env

NOT_IN_REVIEW = "640424009"  # 兴盛乡中心小学: certified in the demo's 2023 round, not in its 2026 review


def _run(db: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, "--as", "demo-admin", *args], capture_output=True,
                          text=True, env=_env(STARCAMPUS_NOW="2026-12-01T09:00:00+08:00"), timeout=120)


def test_a_school_outside_the_review_is_pointed_to_round_add_or_apply(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    assert _run(db, "demo", "load").returncode == 0
    shown = _run(db, "school", "show", NOT_IN_REVIEW, "--round", "2026")
    assert shown.returncode == 1
    assert "campaign enrol" not in shown.stderr, shown.stderr
    assert f"局定复核选入 starcampus --db {db} round add {NOT_IN_REVIEW}" in shown.stderr, shown.stderr
    assert f"round apply {NOT_IN_REVIEW} --text 理由 --improved 指标代码" in shown.stderr, shown.stderr
    english = _run(db, "school", "show", NOT_IN_REVIEW, "--round", "2026", lang="en")
    assert f"choose it with starcampus --db {db} round add {NOT_IN_REVIEW}" in english.stderr, english.stderr
    # What it points to works: the officer chooses the school into the review.
    assert _run(db, "round", "add", NOT_IN_REVIEW).returncode == 0
    assert _run(db, "school", "show", NOT_IN_REVIEW, "--round", "2026").returncode == 0
