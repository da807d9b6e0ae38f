"""An expert assignment (核定分工) inserted with SQL, and an upward decision's authority or document number
edited (officer/attacker trial, session 8: an assignment lets an expert score a school; the authority and
number are printed in the notice and history; each passed `audit verify`). Each is named with the round or
school and the field, on SQLite (a real file) and PostgreSQL; an honest assignment after an inserted one does
not vouch for it; the honest path verifies."""

from __future__ import annotations

import pytest

from tests.demo_copy import load_demo
from tests.security.sql_edit import one as _one
from tests.security.sql_edit import sql as _sql
from workflow.audit import verify_chain
from workflow.doors.assignments import assign_experts
from workflow.doors.demo import ADMIN, EXPERT

UPWARD = "640424003"  # the demo's four-star school, granted upward in 2024
OTHER = "640424002"


def _newest_round() -> int:
    return _one("SELECT MAX(id) FROM campaign_round")


def _insert_assignment(code: str) -> None:
    users = '"user"'
    _sql(f"INSERT INTO expert_assignment (round_id, expert_id, school_id, assigned_by, assigned_at) "
         f"SELECT ?, u.id, s.id, 'x', 'x' FROM {users} u, school s WHERE u.name = ? AND s.code = ?",
         _newest_round(), EXPERT.name, code)


def test_an_assignment_inserted_in_a_round_the_log_gave_none_for_is_named(db: str) -> None:
    load_demo(review=True)
    _insert_assignment("640424001")
    report = verify_chain()
    assert not report.ok
    text = report.details("zh")
    assert "核定分工" in text and EXPERT.name in text and "640424001" in text and "被直接插入" in text, text


def test_an_inserted_assignment_read_back_by_an_honest_one_is_named(db: str) -> None:
    load_demo(review=True)
    assign_experts(ADMIN, EXPERT.name, ["640424001"])
    assert verify_chain().ok
    _insert_assignment(OTHER)
    assign_experts(ADMIN, EXPERT.name, ["640424006"])  # reads the round's whole list back
    text = verify_chain().details("zh")
    assert "核定分工" in text and OTHER in text and "读回的值为" in text, text


def test_a_deleted_assignment_read_back_by_an_honest_one_is_named(db: str) -> None:
    """Trial, session 9: an assignment deleted with SQL, then another assigned honestly: verify said intact."""
    load_demo(review=True)
    assign_experts(ADMIN, EXPERT.name, ["640424001", OTHER])
    assert verify_chain().ok
    _sql("DELETE FROM expert_assignment WHERE school_id = (SELECT id FROM school WHERE code = ?)", OTHER)
    assign_experts(ADMIN, EXPERT.name, ["640424006"])  # reads the round's whole list back
    text = verify_chain().details("zh")
    assert "核定分工" in text and OTHER in text and "读回的值为" in text, text


def test_honest_assignments_verify(db: str) -> None:
    load_demo(review=True)
    assign_experts(ADMIN, EXPERT.name, ["640424001", OTHER])
    assign_experts(ADMIN, EXPERT.name, [OTHER, "640424006"])  # one already held, one new
    report = verify_chain()
    assert report.ok, report.details("zh")


@pytest.mark.parametrize(("column", "value", "words"), [
    ("upward_authority", "伪造厅", ("上级认定机关", "伪造厅")),
    ("upward_doc_no", "伪〔2024〕9号", ("上级认定文号", "伪〔2024〕9号")),
])
def test_an_upward_decisions_authority_or_number_edited_is_named(db: str, column: str, value: str,
                                                                 words: tuple[str, ...]) -> None:
    load_demo(review=True)
    # On the decided school (the number is also in its decision) and on one never sent up (no decision:
    # only the new fields hold it).
    _sql(f"UPDATE assessment SET {column} = ? WHERE school_id IN (SELECT id FROM school WHERE code IN (?, ?))",
         value, UPWARD, OTHER)
    text = verify_chain().details("zh")
    assert UPWARD in text and OTHER in text, text
    for word in words:
        assert word in text, text


def _decided_aid() -> int:
    return _one("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id "
                "WHERE s.code = ? AND a.upward_granted IS NOT NULL", UPWARD)


def _lines_naming(text: str, code: str) -> list[str]:
    return [line for line in text.splitlines() if code in line and line.lstrip().startswith("✗")]


def test_a_decided_schools_document_number_edited_is_named_once(db: str) -> None:
    """The number is in the decision ([granted, level, number, date]) and a fact of its own: an edit of it
    is one finding, the number's, not a second one for the decision that holds it."""
    load_demo(review=True)
    _sql("UPDATE assessment SET upward_doc_no = ? WHERE id = ?", "伪〔2024〕9号", _decided_aid())
    text = verify_chain().details("zh")
    named = _lines_naming(text, UPWARD)
    assert len(named) == 1, text
    assert "上级认定文号：库中为伪〔2024〕9号" in named[0], text
    assert "上级认定结果" not in text, text


def test_a_decided_schools_number_read_back_by_a_correction_is_named_once(db: str) -> None:
    from workflow.doors.scores import set_score

    load_demo(review=True)
    aid = _decided_aid()
    _sql("UPDATE assessment SET upward_doc_no = ? WHERE id = ?", "伪〔2024〕9号", aid)
    set_score(ADMIN, aid, "1.1", "2", kind="verified", correction="核定分录入有误")  # reads the school back
    text = verify_chain().details("zh")
    read_back = [line for line in _lines_naming(text, UPWARD) if "读回的值为" in line]
    assert len(read_back) == 1, text
    assert "上级认定文号" in read_back[0] and "伪〔2024〕9号" in read_back[0], text
    assert "上级认定结果" not in text, text


def test_a_decided_schools_decision_edited_beyond_its_number_is_still_named(db: str) -> None:
    load_demo(review=True)
    _sql("UPDATE assessment SET upward_level = 3 WHERE id = ?", _decided_aid())
    text = verify_chain().details("zh")
    assert "上级认定星级：库中为3星，按审计记录应为4星" in text and UPWARD in text, text
