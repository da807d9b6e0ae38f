"""A school's records edited in the database: its problem ledger (问题清单), verification visits (核定记录),
responsibilities (任务分解) (officer/attacker trial, session 8: each passed `audit verify`; the forms, the
publicity list and the rectification ledger print them). Each is named with the school and the item, on
SQLite (a real file) and PostgreSQL; an honest write after the edit does not vouch for it; the honest demo
verifies; a log written before records were facts still verifies and holds them from the first row that
gives them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.demo_copy import load_demo
from tests.security.sql_edit import assert_named
from tests.security.sql_edit import one as _one
from tests.security.sql_edit import sql as _sql
from workflow import audit_facts
from workflow.audit import verify_chain
from workflow.doors import demo, rounds
from workflow.doors.records import add_problem, add_responsibility, set_narrative, set_problem_status
from workflow.permissions import Actor

ADMIN = Actor("demo-admin", "admin")
CODE = "640424001"  # in the demo's 2026 review, re-reviewing


def _first_aid() -> int:
    return _one("SELECT MIN(a.id) FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = ?", CODE)


def _review_aid() -> int:
    return _one("SELECT MAX(a.id) FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = ?", CODE)


CASES: dict[str, tuple[Callable[[], None], tuple[str, ...]]] = {
    "a problem's text": (lambda: _sql("UPDATE problem SET text = '伪造问题' WHERE assessment_id = ?", _first_aid()),
                         (CODE, "问题清单第", "伪造问题")),
    "a problem closed": (lambda: _sql("UPDATE problem SET status = 'closed' WHERE assessment_id = ?", _first_aid()),
                         (CODE, "问题清单第", "closed")),
    "a problem inserted": (lambda: _sql("INSERT INTO problem (assessment_id, text, responsible, status, updated_by, "
                                        "updated_at, version) VALUES (?, '伪造问题', '', 'open', 'x', 'x', 1)",
                                        _first_aid()), (CODE, "问题清单第", "伪造问题")),
    "a problem deleted": (lambda: _sql("DELETE FROM problem WHERE assessment_id = ?", _first_aid()),
                          (CODE, "问题清单第", "库中为空")),
    "a visit's date": (lambda: _sql("UPDATE verification SET visited_on = '2020-01-01' WHERE assessment_id = ?",
                                    _first_aid()), (CODE, "核定记录第", "2020-01-01")),
    "a visit's findings": (lambda: _sql("UPDATE verification SET findings = '伪造结论' WHERE assessment_id = ?",
                                        _first_aid()), (CODE, "核定记录第", "伪造结论")),
    "a responsibility": (lambda: _sql("UPDATE responsibility SET person = '伪校长' WHERE assessment_id = ?",
                                      _first_aid()), (CODE, "任务分解", "伪校长")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_edit_is_named(db: str, name: str) -> None:
    edit, words = CASES[name]
    assert_named(edit, words, name)


def test_an_honest_write_after_the_edit_does_not_vouch_for_it(db: str) -> None:
    load_demo(review=True)
    add_problem(ADMIN, _review_aid(), "网络中心机房未配备不间断电源")
    _sql("UPDATE problem SET status = 'closed' WHERE assessment_id = ?", _review_aid())
    set_narrative(ADMIN, _review_aid(), "achievement", "计算机教室已建成")  # reads the school's records back
    text = verify_chain().details("zh")
    assert CODE in text and "问题清单第" in text and "读回的值为" in text, text


def test_honest_record_writes_verify(db: str) -> None:
    load_demo(review=True)
    add_problem(ADMIN, _review_aid(), "网络中心机房未配备不间断电源", responsible="分管副校长")
    set_narrative(ADMIN, _review_aid(), "achievement", "计算机教室已建成")
    report = verify_chain()
    assert report.ok, report.details("zh")


def test_a_log_from_before_records_were_facts_still_verifies_and_holds_them_from_the_first_row_that_gives_them(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    enrolled, entry = audit_facts.enrolled_facts, rounds._entry_facts

    def without(made: dict[str, Any]) -> dict[str, Any]:
        made.pop("rec", None)
        if "enrolled" in made:
            made["enrolled"].pop("records", None)
        return made

    monkeypatch.setattr(audit_facts, "record_facts", lambda ids: {})
    monkeypatch.setattr("workflow.doors.campaigns.enrolled_facts", lambda *a: without(enrolled(*a)))
    monkeypatch.setattr(rounds, "_entry_facts", lambda *a: without(entry(*a)))
    demo.load_demo(review=True)  # written for real, not the shared copy: the copy must stay current
    monkeypatch.undo()
    assert verify_chain().ok
    add_problem(ADMIN, _review_aid(), "网络中心机房未配备不间断电源")  # the first row that gives its records
    assert verify_chain().ok
    _sql("UPDATE problem SET text = '伪造问题' WHERE assessment_id = ?", _review_aid())
    text = verify_chain().details("zh")
    assert CODE in text and "伪造问题" in text, text


def _edit_then(action: Callable[[int], Any]) -> str:
    load_demo(review=True)
    aid = _review_aid()
    first = add_problem(ADMIN, aid, "网络中心机房未配备不间断电源")
    add_responsibility(ADMIN, aid, "张三", duty="组长")
    _sql("UPDATE problem SET text = '已无问题' WHERE id = ?", first.id)
    _sql("UPDATE responsibility SET person = '李四' WHERE assessment_id = ?", aid)
    action(aid)  # a record action of the same school reads its records back
    return verify_chain().details("zh")


@pytest.mark.parametrize("how", ["problem status", "problem add", "responsibility add"])
def test_a_record_action_does_not_vouch_for_the_items_it_did_not_write(db: str, how: str) -> None:
    """Trial, session 9: an SQL edit of a problem or a responsibility, then an honest record action on
    the same school (closing another problem, adding one, adding a responsibility): verify said intact."""
    def act(aid: int) -> None:
        if how == "problem status":
            other = add_problem(ADMIN, aid, "多媒体教室投影老化")
            set_problem_status(ADMIN, other.id, "closed")
        elif how == "problem add":
            add_problem(ADMIN, aid, "多媒体教室投影老化")
        else:
            add_responsibility(ADMIN, aid, "王五", duty="成员")

    text = _edit_then(act)
    assert CODE in text and "读回的值为" in text, text
    assert "已无问题" in text and "李四" in text, text


def test_honest_record_actions_one_after_another_verify(db: str) -> None:
    load_demo(review=True)
    aid = _review_aid()
    first = add_problem(ADMIN, aid, "网络中心机房未配备不间断电源")
    set_problem_status(ADMIN, first.id, "closed")
    add_responsibility(ADMIN, aid, "张三", duty="组长")
    add_responsibility(ADMIN, aid, "王五", duty="成员")
    add_problem(ADMIN, aid, "多媒体教室投影老化")
    report = verify_chain()
    assert report.ok, report.details("zh")


def test_an_add_after_an_inserted_item_names_the_inserted_one_only(db: str) -> None:
    load_demo(review=True)
    aid = _review_aid()
    add_problem(ADMIN, aid, "网络中心机房未配备不间断电源")
    _sql("INSERT INTO problem (assessment_id, text, responsible, status, updated_by, updated_at, version) "
         "VALUES (?, '伪造问题', '', 'open', 'x', 'x', 1)", aid)
    add_problem(ADMIN, aid, "多媒体教室投影老化")  # honest: its own item is not the one named
    text = verify_chain().details("zh")
    assert "伪造问题" in text and "读回的值为" in text, text
    assert "多媒体教室投影老化" not in text, text
