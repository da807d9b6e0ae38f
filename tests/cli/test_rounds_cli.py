"""The round verbs through the real `starcampus` command: the demo's 2023 rating and this year's review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("starcampus"))
NOW = "2026-12-01T09:00:00+08:00"


def run(db: Path, *args: str, lang: str = "zh", as_user: str = "demo-admin") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STARCAMPUS_NOW=NOW)
    env.pop("SSH_CONNECTION", None)
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, "--as", as_user, *args], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rounds") / "demo.sqlite3"
    env = dict(os.environ, STARCAMPUS_NOW=NOW)
    env.pop("SSH_CONNECTION", None)
    done = subprocess.run([EXE, "--db", str(db), "demo", "load"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return db


def test_rounds_are_listed_and_the_newest_is_open(demo: Path) -> None:
    done = run(demo, "round", "list", "--format", "plain")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("2023" in line and "初评" in line and "已结束" in line for line in lines)
    assert any("2026" in line and "年度复核" in line and "当前轮次" in line for line in lines)
    english = run(demo, "round", "list", "--format", "plain", lang="en")
    assert "annual review" in english.stdout and "初评" not in english.stdout


def test_history_status_and_audit_take_a_round(demo: Path) -> None:
    history = run(demo, "school", "history", "640424010", "--format", "plain")
    assert history.returncode == 0, history.stderr
    assert "初评认定" in history.stdout and "晋级" in history.stdout and "三星级" in history.stdout
    first = run(demo, "status", "--round", "2023")
    assert "2023年 初评" in first.stdout and "泾源县第一中学" in first.stdout
    now = run(demo, "status")
    assert "2026年 年度复核" in now.stdout and "大湾中学" not in now.stdout
    assert "上级认定" in first.stdout and "演示〔2024〕1号" in first.stdout
    log = run(demo, "audit", "log", "--round", "2026", "--format", "plain")
    assert "640424010" in log.stdout and "640424012" not in log.stdout
    missing = run(demo, "status", "--round", "2019")
    assert missing.returncode == 1 and "2023, 2026" in missing.stderr


def test_a_settled_round_is_frozen_unless_corrected(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.sqlite3"
    db.write_bytes(demo.read_bytes())
    refused = run(db, "score", "set", "640424001", "1.1", "3", "--kind", "verified", "--round", "2023")
    assert refused.returncode == 1 and "已结束" in refused.stderr and "--correct" in refused.stderr
    fixed = run(db, "score", "set", "640424001", "1.1", "3", "--kind", "verified", "--round", "2023",
                "--correct", "核定表抄录有误")
    assert fixed.returncode == 0, fixed.stderr
    history = run(db, "school", "history", "640424001", "--format", "plain")
    assert "含更正1次" in history.stdout
    assert run(db, "audit", "verify").returncode == 0
