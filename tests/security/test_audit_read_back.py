"""An honest write after an SQL edit does not vouch for the edit: most doors read back what their write
touched, and a row that read back a star level, a state, a score or a threshold it does not change
holds it against what the log said before (workflow/audit_changes.py). `audit verify` names the edit
and the row that read it back, on SQLite and PostgreSQL (lead's review of session 6: "per-entity
laundering")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.db import database
from tests.demo_copy import load_demo
from workflow.audit import verify_chain
from workflow.audit_changes import EFFECT_CHANGES
from workflow.doors.notice_texts import record_export
from workflow.doors.records import add_problem
from workflow.doors.scores import set_score
from workflow.permissions import Actor
from workflow.statemachine.effects import EFFECTS

ADMIN = Actor("demo-admin", "admin")
CODE = "640424001"  # in the demo's 2026 review, re-reviewing: the expert group may score it


def _sql(statement: str, *params: object) -> None:
    database.execute_sql(statement.replace("?", database.obj.param), params)


def _review_aid() -> int:
    row = database.execute_sql(
        "SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = "
        f"{database.obj.param} ORDER BY a.id DESC", (CODE,)).fetchone()
    return int(row[0])


def _save_a_score() -> object:
    return set_score(ADMIN, _review_aid(), "1.1", "2", kind="verified")


def _add_a_problem() -> object:
    return add_problem(ADMIN, _review_aid(), "网络中心机房未配备不间断电源")


def _record_an_export() -> object:
    campaign = int(database.execute_sql("SELECT MIN(id) FROM campaign").fetchone()[0])
    return record_export(ADMIN, campaign, "notice", "通报.docx")


# name -> (the SQL edit, the honest door after it, words the verdict must hold)
CASES: dict[str, tuple[Callable[[], None], Callable[[], object], tuple[str, ...]]] = {
    "level, then a score save": (
        lambda: _sql("UPDATE assessment SET star_level = 5 WHERE id = ?", _review_aid()), _save_a_score,
        (CODE, "星级", "读回的值为5", "此前审计记录为2")),
    "state, then a score save": (
        lambda: _sql("UPDATE assessment SET state = 'verifying' WHERE id = ?", _review_aid()), _save_a_score,
        (CODE, "状态", "读回的值为核定中（verifying）", "此前审计记录为年度复核中（re_reviewing）")),
    "score, then a problem": (
        lambda: _sql("UPDATE score SET value = 9 WHERE assessment_id = ? AND kind = 'self' AND code = '1.1'",
                     _review_aid()), _add_a_problem, (CODE, "自评分 1.1", "读回的值为9")),
    "narrative, then a problem": (
        lambda: _sql("INSERT INTO narrative (assessment_id, kind, text) VALUES (?, 'achievement', '伪造的成效')",
                     _review_aid()), _add_a_problem,
        (CODE, "伪造的成效")),
    "threshold, then an export": (
        lambda: _sql("UPDATE campaign SET rubric_json = REPLACE(rubric_json, '\"threshold\": \"70\"', "
                     "'\"threshold\": \"60\"')"), _record_an_export, ("星级分数线", "读回")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_sql_edit_read_back_by_an_honest_write_is_named(db: str, name: str) -> None:
    edit, door, words = CASES[name]
    load_demo(review=True)
    assert verify_chain().ok
    edit()
    door()
    report = verify_chain()
    assert not report.ok, f"{name}: the honest write vouched for the edit"
    text = report.details("zh")
    for word in words:
        assert word in text, text


def test_the_honest_writes_alone_pass(db: str) -> None:
    load_demo(review=True)
    for door in (_save_a_score, _add_a_problem, _record_an_export):
        door()
    report = verify_chain()
    assert report.ok, report.details("zh")


def test_every_effect_says_what_it_changes() -> None:
    assert set(EFFECT_CHANGES) == set(EFFECTS)
