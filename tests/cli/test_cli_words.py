"""Issue 16: the Chinese CLI prints no internal words. `problem list` names a problem's state (待整改,
已整改) and marks one past its deadline, `audit log` (and `school history --raw`) names the action, the states and what changed
(报上级认定, 录入自评分, 自评中→已提交自评), as the app's history and audit screens do; English with --lang en."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.demo_copy import load_demo

EXE = str(Path(sys.executable).with_name("starcampus"))
RAW = ("event.", "score.self", "score.verified", "narrative.", "round.applied", "self_evaluating", "submitted",
       "publicized", "→review")


def run(db: str, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STARCAMPUS_NOW="2026-11-25T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    done = subprocess.run([EXE, "--db", db, "--lang", lang, "--as", "demo-admin", *args],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_audit_log_and_problem_list_speak_the_readers_language(sqlite_db: str) -> None:
    load_demo()  # the 2023 rating and this year's review: every kind of row the log holds
    log = run(sqlite_db, "audit", "log", "--limit", "1000", "--format", "plain").stdout
    for raw in RAW:
        assert raw not in log, (raw, log)
    for label in ("报上级认定", "录入自评分", "自评中→已提交自评", "申请晋级，进入年度复核", "→年度复核"):
        assert label in log, label
    trail = run(sqlite_db, "school", "history", "640424010", "--raw", "--format", "plain").stdout
    assert "录入核定分" in trail and "年度复核中→已认定" in trail and not any(raw in trail for raw in RAW), trail
    english = run(sqlite_db, "audit", "log", "--limit", "1000", "--format", "plain", lang="en").stdout
    assert "self scores entered" in english and "Self-evaluating→Submitted" in english, english[:2000]
    assert not any(raw in english for raw in RAW)

    run(sqlite_db, "problem", "add", "640424006", "机房未按规范建设", "--deadline", "2026-11-01")
    listed = run(sqlite_db, "problem", "list", "640424006").stdout
    row = next(line for line in listed.splitlines() if "机房未按规范建设" in line)
    assert "待整改" in row and "逾期" in row and "open" not in row, listed
    english = run(sqlite_db, "problem", "list", "640424006", lang="en").stdout
    row = next(line for line in english.splitlines() if "机房未按规范建设" in line)
    assert "open" in row and "overdue" in row and "待整改" not in row, english
