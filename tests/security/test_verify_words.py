"""The words `audit verify` puts before the officer (officer/attacker trial, session 11): each altered row of
a break named, not only the first; an upward decision, a round's kind, how a school entered its round and
whether review results are publicized in the product's own words, not True/False or 'initial'; each field
of an upward decision once; an empty value said as 空, not a dash; one spacing for a school's code. On the
demo with its review round, SQLite (a real file) and PostgreSQL, in Chinese and English."""

from __future__ import annotations

import json

from models.db import database
from tests.demo_copy import load_demo
from tests.security.sql_edit import one, sql, unguard_audit_log
from workflow.audit import verify_chain
from workflow.audit_verify import ALTERED_SHOWN

UPWARD = "640424003"  # the demo's four-star school, granted upward in 2024 (演示〔2024〕1号, 2024-01-12)


def _decided_aid() -> int:
    return one("SELECT a.id FROM assessment a JOIN school s ON s.id = a.school_id "
               "WHERE s.code = ? AND a.upward_granted IS NOT NULL", UPWARD)


def _failures(lang: str) -> list[str]:
    report = verify_chain()
    assert not report.ok
    return [line for line in report.details(lang).splitlines() if line.lstrip().startswith("✗")]


def test_every_altered_row_of_a_break_is_named(db: str) -> None:
    """Each of the thirteen schools' 开始自评 rows edited in the log: the first ten are each named with their seq,
    what they record and the school, the other three counted with where they lie."""
    load_demo(review=True)
    unguard_audit_log()
    edited = list(database.execute_sql(
        "SELECT a.id, a.seq, a.payload, a.assessment_id, s.code, s.name FROM audit_event a "
        "JOIN assessment x ON x.id = a.assessment_id JOIN school s ON s.id = x.school_id "
        "WHERE a.action = 'event.start_self_evaluation' ORDER BY a.seq"))
    assert len(edited) == 13 > ALTERED_SHOWN + 1
    for rid, _seq, payload, aid, _code, _name in edited:
        facts = json.loads(payload)
        facts["facts"]["a"][str(aid)]["self_total"] = "99.5"
        sql("UPDATE audit_event SET payload = ? WHERE id = ?", json.dumps(facts, ensure_ascii=False), rid)
    zh, en = _failures("zh"), _failures("en")
    named = ALTERED_SHOWN + 1
    for (_rid, seq, _payload, _aid, code, name), line_zh, line_en in zip(edited[:named], zh, en, strict=False):
        assert f"序号{seq}的记录（学校{code} {name} 2023年，开始自评）内容与其哈希不符：该记录被改动。" in line_zh, zh
        assert "自评总分（该记录现为99.5，" in line_zh, line_zh
        assert f"Row seq {seq} (school {code} {name} (2023), Start self-evaluation)" in line_en, en
    rest = edited[named:]
    assert zh[named].strip() == (f"✗ 另有{len(rest)}条记录（序号{rest[0][1]}至{rest[-1][1]}之间）内容与其哈希不符："
                                 "这些记录也被改动。"), zh
    assert en[named].strip() == (f"✗ {len(rest)} more rows (between seq {rest[0][1]} and {rest[-1][1]}) do not "
                                 "match their hashes: they were altered too."), en


def test_an_upward_decision_is_worded_and_each_of_its_fields_named_once(db: str) -> None:
    """Its number and date edited together, and the decision turned to a refusal: the result, the date and the
    number each once, in words (上级未予认定, not False/4/…)."""
    load_demo(review=True)
    sql("UPDATE assessment SET upward_doc_no = ?, upward_date = ?, upward_granted = ? WHERE id = ?",
        "伪〔2024〕9号", "2024-01-01", False, _decided_aid())
    zh, en = _failures("zh"), _failures("en")
    assert [line.split("：")[0].strip() for line in zh] == [f"✗ 学校{UPWARD} 2023年 上级认定结果",
                                                           f"✗ 学校{UPWARD} 2023年 上级认定日期",
                                                           f"✗ 学校{UPWARD} 2023年 上级认定文号"], zh
    text_zh, text_en = "\n".join(zh), "\n".join(en)
    assert "上级认定结果：库中为上级未予认定，按审计记录应为上级认定（" in text_zh, text_zh
    assert "上级认定日期：库中为2024-01-01，按审计记录应为2024-01-12（" in text_zh, text_zh
    assert text_zh.count("伪〔2024〕9号") == 1, text_zh
    assert "upward decision (granted or refused): the database holds refused upward, the audit log says granted " \
           "upward" in text_en, text_en
    for raw in ("True", "False", "(", "/4/"):
        assert raw not in text_zh.replace("（", "").replace("第", ""), text_zh


def test_a_decision_removed_is_worded_whole(db: str) -> None:
    load_demo(review=True)
    sql("UPDATE assessment SET upward_granted = NULL WHERE id = ?", _decided_aid())
    text = "\n".join(_failures("zh"))
    assert "上级认定结果：库中为未登记，按审计记录应为上级认定4星（文号演示〔2024〕1号，2024-01-12）" in text, text
    assert "True" not in text, text


def test_a_rounds_kind_an_entry_and_review_publicity_are_in_the_products_words(db: str) -> None:
    load_demo(review=True)
    sql("UPDATE campaign_round SET kind = 'initial' WHERE id = (SELECT MAX(id) FROM campaign_round)")
    sql("UPDATE assessment SET entry = 'chosen' WHERE entry = 'applied'")
    sql("UPDATE campaign SET review_publicity = ?", True)
    zh, en = "\n".join(_failures("zh")), "\n".join(_failures("en"))
    assert "类型（初评/年度复核）：库中为初评，按审计记录应为年度复核" in zh, zh
    assert "进入本轮的方式（初评/申请晋级/局定复核）：库中为局定复核，按审计记录应为申请晋级" in zh, zh
    assert "复核结果是否公示：库中为须公示，按审计记录应为不公示" in zh, zh
    assert "the database holds initial rating, the audit log says annual review" in en, en
    assert "the database holds chosen by the bureau, the audit log says applied" in en, en
    assert "review publicity: the database holds publicized, the audit log says not publicized" in en, en
    for raw in ("initial，", "review", "True", "False", "chosen"):
        assert raw not in zh, zh


def test_an_empty_value_is_said_in_words(db: str) -> None:
    """A decided school's authority emptied: 库中为空, not 库中为— (English: no value)."""
    load_demo(review=True)
    sql("UPDATE assessment SET upward_authority = '' WHERE id = ?", _decided_aid())
    zh, en = "\n".join(_failures("zh")), "\n".join(_failures("en"))
    assert "上级认定机关：库中为空，按审计记录应为" in zh, zh
    assert "upward deciding authority: the database holds no value, the audit log says" in en, en
    assert "为—" not in zh and "holds —" not in en, zh


def test_a_schools_code_is_spaced_alike_in_every_finding(db: str) -> None:
    """A school's register row and its round's facts edited: 学校640424003 in both (no space after 学校)."""
    load_demo(review=True)
    sql("UPDATE school SET name = '伪造小学' WHERE code = ?", UPWARD)
    sql("UPDATE assessment SET star_level = 5 WHERE id = ?", _decided_aid())
    text = "\n".join(_failures("zh"))
    assert f"学校{UPWARD}的校名：库中为伪造小学" in text, text
    assert f"学校{UPWARD} 2023年 星级：库中为5星，按审计记录应为4星" in text, text
    assert "学校 " not in text, text
