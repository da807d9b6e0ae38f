"""`starcampus campaign set --publicity-days N`, the real command: changed, said, audited and
verified; refused with exit 1 and the reason for a non-admin and once publicity has begun."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.demo_copy import load_demo
from workflow.doors.campaigns import create_campaign
from workflow.doors.demo import ADMIN
from workflow.reads import queries

EXE = str(Path(sys.executable).with_name("starcampus"))
WINDOWS = {"mobilization": ("2025-05-06", "2025-05-31"), "self_evaluation": ("2025-06-01", "2025-06-30"),
           "verification": ("2025-07-01", "2025-07-15"), "promotion": ("2025-07-16", "2025-12-31")}


def run(db: str, *args: str, as_user: str = "demo-admin", lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STARCAMPUS_NOW="2025-05-10T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    return subprocess.run([EXE, "--db", db, "--lang", lang, "--as", as_user, *args],
                          capture_output=True, text=True, env=env, timeout=60)


def test_campaign_set_publicity_days(sqlite_db: str) -> None:
    demo = load_demo(review=False)  # the 2023 rating: its schools were publicized
    new = create_campaign(ADMIN, year=2025, region="泾源县", title="泾源县2025年评定", rubric="ningxia-2022",
                          windows=dict(WINDOWS)).id
    done = run(sqlite_db, "campaign", "set", "--publicity-days", "7", "--campaign", str(new))
    assert done.returncode == 0, done.stderr
    assert f"#{new} 泾源县2025年评定：公示天数 5天 → 7天" in done.stdout
    again = run(sqlite_db, "campaign", "set", "--publicity-days", "7", "--campaign", str(new), lang="en")
    assert again.returncode == 0 and "publicity length unchanged (7 days)" in again.stdout, again.stdout
    shown = run(sqlite_db, "audit", "log", "--limit", "1")
    assert "修改公示天数" in shown.stdout and "5天→7天" in shown.stdout, shown.stdout
    verified = run(sqlite_db, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr

    expert = run(sqlite_db, "campaign", "set", "--publicity-days", "9", "--campaign", str(new), as_user="demo-expert")
    assert expert.returncode == 1 and "专家角色不能执行“修改公示天数”" in expert.stderr, expert.stderr
    begun = run(sqlite_db, "campaign", "set", "--publicity-days", "9", "--campaign", str(demo))
    assert begun.returncode == 1, begun.stdout + begun.stderr
    assert "已开始公示" in begun.stderr and "公示天数不能再改" in begun.stderr, begun.stderr
    english = run(sqlite_db, "campaign", "set", "--publicity-days", "9", "--campaign", str(demo), lang="en")
    assert english.returncode == 1 and "the publicity length can no longer be changed" in english.stderr
    assert queries.campaign(new).publicity_days == 7 and queries.campaign(demo).publicity_days == 5
