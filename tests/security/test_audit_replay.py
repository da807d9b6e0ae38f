"""Replay (issue 12): tables edited behind the program, with the audit log left intact, are caught by
rebuilding every fact from the log — on SQLite and PostgreSQL. Each case names the fact it changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from models.db import database
from tests.demo_copy import load_demo
from workflow.audit import verify_chain


def _sql(statement: str, *params: object) -> None:
    database.execute_sql(statement.replace("?", database.obj.param), params)


def _aid(code: str, first: bool = True) -> int:
    order = "ASC" if first else "DESC"
    row = database.execute_sql(
        "SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = "
        f"{database.obj.param} ORDER BY a.id {order}", ("640424007",) if code == "" else (code,)).fetchone()
    return int(row[0])


# name -> (the edit an attacker makes with SQL, words the verdict must contain)
CASES: dict[str, tuple[Callable[[], None], tuple[str, ...]]] = {
    "score edit": (lambda: _sql("UPDATE score SET value = 8 WHERE assessment_id = ? AND kind = 'verified' "
                                "AND code = '1.1'", _aid("640424007")), ("640424007", "2023年", "核定分 1.1", "库中为8")),
    "score delete": (lambda: _sql("DELETE FROM score WHERE assessment_id = ? AND kind = 'self' AND code = '2.1'",
                                  _aid("640424001")), ("640424001", "自评分 2.1", "已被删除")),
    "score insert": (lambda: _sql("INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, "
                                  "entered_at, carried) VALUES (?, 'B9', 'verified', 5, '', 'x', 'x', FALSE)",
                                  _aid("640424005")), ("640424005", "B9", "被直接插入")),
    "total edit": (lambda: _sql("UPDATE assessment SET verified_total = 99 WHERE id = ?", _aid("640424005")),
                   ("640424005", "核定总分", "库中为99", "应为64")),
    "level edit": (lambda: _sql("UPDATE assessment SET star_level = 4 WHERE id = ?", _aid("640424001")),
                   ("640424001", "星级", "库中为4", "应为2")),
    "state edit": (lambda: _sql("UPDATE assessment SET state = 'certified' WHERE id = ?", _aid("640424011")),
                   ("640424011", "状态", "库中为已认定（certified）", "应为未达星级（not_rated）")),
    "threshold edit": (lambda: _sql("UPDATE campaign SET rubric_json = REPLACE(rubric_json, '\"threshold\": \"70\"', "
                                    "'\"threshold\": \"60\"')"), ("星级分数线",)),
    "phase edit": (lambda: _sql("UPDATE campaign SET phase = 'verification'"), ("阶段", "库中为标准核定（verification）")),
    "campaign region edit": (lambda: _sql("UPDATE campaign SET region_code = '640402'"),
                             ("所属行政区划代码", "库中为640402")),
    "school rename": (lambda: _sql("UPDATE school SET name = '伪造小学' WHERE code = '640424003'"),
                      ("学校640424003的校名", "库中为伪造小学")),
    "school moved to another county": (lambda: _sql("UPDATE school SET region_code = '640402' WHERE code = '640424005'"),
                                       ("学校640424005的所属行政区划代码", "库中为640402")),
    "campaign upward edit": (lambda: _sql("UPDATE campaign SET upward_of = 2023"), ("承接下级推荐的年度", "库中为2023")),
    "user role edit": (lambda: _sql("UPDATE \"user\" SET role = 'admin' WHERE name = 'viewer'"),
                       ("用户“viewer”", "库中为admin")),
    "assessment delete": (lambda: (_sql("DELETE FROM score WHERE assessment_id = ?", _aid("640424013")),
                                   _sql("DELETE FROM narrative WHERE assessment_id = ?", _aid("640424013")),
                                   _sql("DELETE FROM problem WHERE assessment_id = ?", _aid("640424013")),
                                   _sql("DELETE FROM responsibility WHERE assessment_id = ?", _aid("640424013")),
                                   _sql("DELETE FROM verification WHERE assessment_id = ?", _aid("640424013")),
                                   _sql("DELETE FROM assessment WHERE id = ?", _aid("640424013"))),
                          ("640424013", "已被删除")),
    "narrative edit": (lambda: _sql("UPDATE narrative SET text = '伪造的成效' WHERE assessment_id = ? AND kind = "
                                    "'achievement'", _aid("640424003")), ("640424003", "通报文字", "伪造的成效")),
}


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "sealed"])
@pytest.mark.parametrize("name", list(CASES))
def test_a_table_edited_behind_the_program_is_named(db: str, name: str, sealed: bool, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.audit_key import create_key

    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    if sealed:
        create_key()  # the same verdicts: the replay needs no key, the seals only add to it
    load_demo(review=False)
    report = verify_chain()
    assert report.ok, report.details("zh")
    assert any("重建" in m.render("zh") for m in report.checked)
    edit, words = CASES[name]
    edit()
    report = verify_chain()
    text = report.details("zh")
    assert not report.ok, f"{name} not caught:\n{text}"
    failure = "\n".join(f.message("zh") for f in report.failures)
    assert all(w in failure for w in words), failure
    assert "Rebuilt" not in text and "changed behind the program" in report.details("en") or "deleted" in \
        report.details("en") or "inserted directly" in report.details("en")


def test_a_database_from_before_facts_gets_a_checkpoint_and_then_verifies(tmp_path: Path) -> None:
    """A database written before rows carried facts: the first open through the CLI records one
    audited checkpoint of its state; an edit after that is named like any other."""
    import sqlite3

    from tests.cli.test_cli import run

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.sqlite3", copy)
    done = run(copy, "audit", "verify", as_user=None)
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_event WHERE action = 'audit.checkpoint'").fetchone()[0] == 1
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("UPDATE assessment SET verified_total = 99 WHERE id = 3")
    done = run(copy, "audit", "verify", as_user=None)
    assert done.returncode == 1 and "库中为99" in done.stdout + done.stderr
    again = run(copy, "status", as_user=None)  # no second checkpoint: the newest row carries facts
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_event WHERE action = 'audit.checkpoint'").fetchone()[0] == 1
    assert again.returncode in (0, 1)


def test_a_score_save_vouches_for_what_it_changed_and_the_rest_still_replays(db: str) -> None:
    """A score save's row carries the scores it changed, not the whole sheet (a million rows must stay
    readable); the rest of the sheet is still vouched for by the rows before it."""
    import json

    from models.schema import AuditEvent, Score
    from tests.tui.conftest import WINDOWS_2024
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.demo import ADMIN
    from workflow.doors.scores import set_score, set_scores
    from workflow.reads import queries

    load_demo(review=False)
    made = create_campaign(ADMIN, year=2024, region="泾源县", title="2024年评定", rubric="ningxia-2022",
                           windows=dict(WINDOWS_2024))
    enrol(ADMIN, made.id, ["640424007"])
    advance_campaign(ADMIN, made.id)
    row = queries.find_assessment(made.id, "640424007")
    assert row is not None
    set_scores(ADMIN, int(row.id), {"1.2": "4", "2.1": "5"}, kind="self")
    set_score(ADMIN, int(row.id), "1.1", "3", kind="self", evidence="校园网络照片")
    last = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    facts = json.loads(last.payload)["facts"]
    assert facts["sd"] == {str(row.id): {"self": {"1.1": ["3", "校园网络照片", False]}}}
    assert "s" not in facts and facts["a"][str(row.id)]["school"] == row.school.code
    assert verify_chain().ok
    other = Score.get((Score.assessment == row.id) & (Score.kind == "self") & (Score.code != "1.1"))
    _sql("UPDATE score SET value = 0 WHERE id = ?", other.id)  # a score the save did not touch
    report = verify_chain()
    assert not report.ok and f"自评分 {other.code}" in "\n".join(f.message("zh") for f in report.failures)


def test_a_filter_index_edited_behind_the_program_is_named(sqlite_db: str) -> None:
    # SQLite's trigram index (models/trigram.py) offers the filter its candidate rows: a row deleted from
    # it hides the school from the dashboard's filter and counts, though the school table is untouched.
    load_demo(review=False)
    assert verify_chain().ok
    _sql("INSERT INTO school_search (school_search, rowid, code, name, township) "
         "SELECT 'delete', id, code, name, township FROM school_search_text WHERE id = "
         "(SELECT id FROM school WHERE code = '640424003')")
    report = verify_chain()
    assert not report.ok
    failure = "\n".join(f.message("zh") for f in report.failures)
    assert "学校筛选索引与学校名册不一致" in failure and "rebuild" in failure, failure
    _sql("INSERT INTO school_search (school_search) VALUES ('rebuild')")  # what the message tells the administrator
    assert verify_chain().ok
