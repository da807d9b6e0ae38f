"""Facts the log did not keep until session 9, each edited in the database (officer/attacker trial, session 8:
every one passed `audit verify`): a school's provisional-rubric mark (the notice's 暂行 note), a round's
year or review window (a frozen round's notice and history move to another year), a campaign's year and the
region name its documents print, how a school entered its round and what its application said. Each is named with the school, round or campaign and the field, on SQLite
(a real file) and PostgreSQL; an honest write after the edit does not vouch for it; the honest demo verifies;
a log written before a field was kept still verifies, and the field is held from the first row that gives it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.demo_copy import load_demo
from tests.security.sql_edit import assert_named
from tests.security.sql_edit import one as _one
from tests.security.sql_edit import sql as _sql
from workflow import audit_facts
from workflow.audit import verify_chain
from workflow.doors import demo
from workflow.doors.notice_texts import record_export
from workflow.doors.scores import set_score
from workflow.permissions import Actor

ADMIN = Actor("demo-admin", "admin")
CODE = "640424001"  # in the demo's 2026 review, re-reviewing: the expert group may score it
APPLICANT = "640424006"


def _review_aid() -> int:
    return _one("SELECT MAX(a.id) FROM assessment a JOIN school s ON s.id = a.school_id WHERE s.code = ?", CODE)


def _campaign() -> int:
    return _one("SELECT MIN(id) FROM campaign")


CASES: dict[str, tuple[Callable[[], None], tuple[str, ...]]] = {
    "provisional mark": (lambda: _sql("UPDATE assessment SET provisional = NOT provisional WHERE id = ?",
                                      _review_aid()), (CODE, "暂行标准标记")),
    "initial round's year": (lambda: _sql("UPDATE campaign_round SET year = 2022 WHERE year = 2023"),
                             ("2023年", "年度", "库中为2022")),
    "review round's window": (lambda: _sql("UPDATE campaign_round SET window_end = '2099-12-31' "
                                           "WHERE window_end IS NOT NULL"), ("复核工作结束日期", "2099-12-31")),
    "campaign's year": (lambda: _sql("UPDATE campaign SET year = 2020 WHERE id = ?", _campaign()),
                        ("评定工作#", "评定年度", "2020")),
    "campaign's region name": (lambda: _sql("UPDATE campaign SET region = '伪造县' WHERE id = ?", _campaign()),
                               ("文件所署地区名称", "伪造县")),
    # 640424006 applied for this year's review (申请晋级) with a text and the indicators it improved
    "how a school entered its round": (lambda: _sql("UPDATE assessment SET entry = 'applied' WHERE id = ?",
                                                    _review_aid()), (CODE, "进入本轮的方式", "库中为申请晋级，按审计记录应为局定复核")),
    "an application's text": (lambda: _sql("UPDATE assessment SET application = '伪造理由' WHERE application <> ''"),
                              (APPLICANT, "晋级申请理由")),
    "an application's indicators": (lambda: _sql("UPDATE assessment SET improved = '9.9' WHERE improved <> ''"),
                                    (APPLICANT, "申请中提升的指标", "9.9")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_edit_is_named(db: str, name: str) -> None:
    edit, words = CASES[name]
    assert_named(edit, words, name)


@pytest.mark.parametrize("name", ["provisional mark", "initial round's year"])
def test_an_honest_write_after_the_edit_does_not_vouch_for_it(db: str, name: str) -> None:
    edit, words = CASES[name]
    load_demo(review=True)
    edit()
    if name == "provisional mark":
        _add_problem(_review_aid())  # reads the school's facts back
    else:
        record_export(ADMIN, _campaign(), "notice", "通报.docx")  # reads the campaign's rounds back
    text = verify_chain().details("zh")
    assert "读回的值为" in text, text
    for word in words[:2]:
        assert word in text, text


def _add_problem(aid: int) -> None:
    from workflow.doors.records import add_problem

    add_problem(ADMIN, aid, "网络中心机房未配备不间断电源")


def test_a_log_from_before_the_fields_still_verifies_and_holds_them_from_the_first_row_that_gives_them(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    entry, rounds = audit_facts._assessment_entry, audit_facts.round_entry

    def older(*args: object) -> dict[str, object]:
        made = entry(*args)  # type: ignore[arg-type]
        made.pop("provisional")
        return made

    monkeypatch.setattr(audit_facts, "_assessment_entry", older)
    monkeypatch.setattr(audit_facts, "round_entry", lambda *args: rounds(*args)[:3])  # type: ignore[arg-type]
    demo.load_demo(review=True)  # written for real, not the shared copy: the copy must stay current
    monkeypatch.undo()
    assert verify_chain().ok
    set_score(ADMIN, _review_aid(), "1.1", "2", kind="verified")  # the first row that gives the mark
    assert verify_chain().ok
    _sql("UPDATE assessment SET provisional = NOT provisional WHERE id = ?", _review_aid())
    text = verify_chain().details("zh")
    assert CODE in text and "暂行标准标记" in text, text


def test_the_provisional_mark_is_worded_not_true_or_false(db: str) -> None:
    """An officer reads the mark as the product says it (有/无, in English "marked provisional"/"no mark"),
    whether the edit is found in the tables or read back by a later honest write."""
    load_demo(review=True)
    held = _one("SELECT provisional FROM assessment WHERE id = ?", _review_aid())
    _sql("UPDATE assessment SET provisional = NOT provisional WHERE id = ?", _review_aid())
    now, was = ("有", "无") if not held else ("无", "有")
    report = verify_chain()
    zh, en = report.details("zh"), report.details("en")
    assert f"星级的暂行标准标记：库中为{now}，按审计记录应为{was}" in zh, zh
    now_en, was_en = ("marked provisional", "no mark") if not held else ("no mark", "marked provisional")
    assert f"provisional-rubric mark: the database holds {now_en}, the audit log says {was_en}" in en, en
    _add_problem(_review_aid())  # reads the edited mark back
    report = verify_chain()
    zh, en = report.details("zh"), report.details("en")
    assert f"读回的值为{now}，而此前审计记录为{was}" in zh, zh
    assert f"read back {now_en}, while the log held {was_en}" in en, en
    for text in (zh, en):
        assert "True" not in text and "False" not in text, text



@pytest.mark.parametrize(("kind", "zh_name", "en_name", "not_zh", "not_en"), [
    ("initial", "初评工作开始日期", "initial rating window start", "复核工作", "review window"),
    ("review", "复核工作开始日期", "review window start", "初评工作", "initial rating window"),
])
def test_a_rounds_window_is_named_as_its_kinds_window(db: str, kind: str, zh_name: str, en_name: str,
                                                       not_zh: str, not_en: str) -> None:
    """The initial rating has no review: a window written into its round is named as the initial rating's,
    the review round's as the review's (in Chinese and English)."""
    load_demo(review=True)
    _sql("UPDATE campaign_round SET window_start = '2099-01-01' WHERE kind = ?", kind)
    report = verify_chain()
    zh, en = report.details("zh"), report.details("en")
    assert f"的{zh_name}：库中为2099-01-01" in zh, zh
    assert not_zh not in zh, zh
    assert f": {en_name}: the database holds 2099-01-01" in en, en
    assert not_en not in en, en
