"""The real `starcampus` command in a subprocess: outputs, exit codes 0/1/2, no partial writes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("starcampus"))


def run(db: Path | str, *args: str, as_user: str | None = "demo-admin", lang: str = "zh") -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "--db", str(db), "--lang", lang]
    if as_user:
        cmd += ["--as", as_user]
    env = dict(os.environ, STARCAMPUS_NOW="2023-09-20T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    done = run(path, "demo", "load", as_user=None)
    assert done.returncode == 0, done.stderr
    return path


def test_version_and_usage(tmp_path: Path) -> None:
    assert run(tmp_path / "x.db", "--version").stdout.startswith("starcampus ")
    bad = subprocess.run([EXE, "--lang", "en", "campaign", "fly"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_status_shows_the_jingyuan_groups(demo_db: Path) -> None:
    done = run(demo_db, "status", "--format", "github")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    star_rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in lines
                 if line.startswith("|") and line.split("|")[1].strip() in ("二星级", "三星级", "四星级", "未达星级")}
    assert star_rows == {"二星级": "5", "三星级": "3", "四星级": "1", "未达星级": "4"}
    assert "泾源县城关第一小学" in done.stdout and "94.5" in done.stdout


def test_refusal_exits_1_with_reason(demo_db: Path) -> None:
    done = run(demo_db, "school", "advance", "640424007", "submit_self_evaluation")
    assert done.returncode == 1
    assert "不能在“已认定”状态下进行" in done.stderr
    en = run(demo_db, "school", "advance", "640424007", "submit_self_evaluation", lang="en")
    assert "cannot happen in state 'Certified'" in en.stderr


def test_audit_verify_ok_then_tampered(demo_db: Path, tmp_path: Path) -> None:
    assert run(demo_db, "audit", "verify").returncode == 0
    copy = tmp_path / "tampered.sqlite3"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.execute("DROP TRIGGER audit_event_no_update")
    dst.execute("UPDATE audit_event SET reason = 'forged' WHERE seq = 17")
    dst.commit()
    dst.close()
    done = run(copy, "audit", "verify")
    assert done.returncode == 1 and "序号17" in done.stderr


def test_score_import_is_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    assert run(db, "init", as_user=None).returncode == 0
    schools = tmp_path / "schools.csv"
    schools.write_bytes("学校代码,学校名称,乡镇\nJY01,第一小学,城关镇\nJY02,第二小学,城关镇\n".encode("gbk"))
    assert run(db, "schools", "import", str(schools), as_user=None).returncode == 0
    created = run(db, "campaign", "create", "--year", "2022", "--region", "济源", "--title", "济源2022",
                  "--rubric", "henan-v2", "--window", "mobilization=2022-09-16..2022-09-30",
                  "--window", "self_evaluation=2022-10-01..2022-10-15",
                  "--window", "verification=2022-10-16..2022-10-31",
                  "--window", "promotion=2022-11-01..2024-12-31", "--enrol-all", as_user=None)
    assert created.returncode == 0, created.stderr
    scores = tmp_path / "scores.csv"
    scores.write_text("学校代码,指标代码,分值,佐证材料\nJY01,A1.1,4,光纤合同\nJY02,A1.1,８０分,\n", encoding="utf-8")
    done = run(db, "score", "import", str(scores), as_user=None)
    assert done.returncode == 1 and f"{scores}:3:分值" in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM score").fetchone()[0] == 0
    scores.write_text("学校代码,指标代码,分值,佐证材料\nJY01,A1.1,4,光纤合同\nJY02,A1.1,３.５,\n", encoding="utf-8")
    assert run(db, "score", "import", str(scores), as_user=None).returncode == 0
    shown = run(db, "school", "show", "JY02", as_user=None)
    assert "3.5" in shown.stdout
    rows = {cells[1]: cells[2:6] for line in shown.stdout.splitlines()
            if len(cells := [c.strip() for c in line.split("|")]) == 7}
    # Scored self leaf and its branch show the score; nothing verified yet reads "-", not 0.
    assert rows["A1.1"][2:] == ["3.5", "-"]
    assert rows["A"][3] == "-"
    unscored = next(code for code in rows if code.startswith("A1.") and code != "A1.1")
    assert rows[unscored][2] == "-"


def test_impossible_window_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    run(db, "init", as_user=None)
    done = run(db, "campaign", "create", "--year", "2022", "--region", "济源", "--title", "t", "--rubric", "henan-v2",
               "--window", "mobilization=9月16日..9月31日", "--window", "self_evaluation=2022-10-01..2022-10-15",
               "--window", "verification=2022-10-16..2022-10-31", "--window", "promotion=2022-11-01..2024-12-31",
               as_user=None)
    assert done.returncode == 1 and "9月31日" in done.stderr


def test_rubric_check_names_the_indicator(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    good = run(tmp_path / "x.db", "rubric", "check", str(Path(__file__).parents[2] / "rubrics/builtin/henan-v2.toml"))
    assert good.returncode == 0, good.stderr
    bad.write_text('id = "x"\nname = "x"\nregion = "x"\nversion = "1"\n', encoding="utf-8")
    done = run(tmp_path / "x.db", "rubric", "check", str(bad))
    assert done.returncode == 1 and str(bad) in done.stderr


def test_unknown_user_is_refused(demo_db: Path) -> None:
    done = run(demo_db, "campaign", "advance", as_user="nobody")
    assert done.returncode == 1 and "nobody" in done.stderr


def test_audit_export_verifies_outside_the_program(demo_db: Path, tmp_path: Path) -> None:
    import csv
    import hashlib
    import json

    out = tmp_path / "audit.csv"
    assert run(demo_db, "audit", "export", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) > 100
    previous = "0" * 64
    for row in rows:
        values = [int(row[f]) if f in ("seq", "campaign_id", "assessment_id") and row[f] else
                  (None if f in ("campaign_id", "assessment_id") else row[f])
                  for f in ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
                            "from_state", "to_state", "reason", "payload", "prev_hash")]
        digest = hashlib.sha256(json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
        assert row["prev_hash"] == previous and digest == row["hash"], row["seq"]
        previous = row["hash"]
    log = run(demo_db, "audit", "log", "--limit", "3", "--format", "plain")
    assert log.returncode == 0 and "→" in run(demo_db, "audit", "log", "--school", "640424007").stdout
