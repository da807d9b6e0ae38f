"""Seed 000's notice, publicity list and a henan-v2 form as gather.py is to hand them over."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from exports.data import FormRow
from exports.provisional import provisional_parts
from rubrics.loader import builtin_rubric

from . import jingyuan
from .records import (
    FormRecord,
    NoticeRecord,
    PublicityRecord,
    form_with,
    group_with,
    publicity_with,
    with_fields,
)


def seed_notice(**extra: object) -> NoticeRecord:
    base = jingyuan.notice_input()
    groups = tuple(
        group_with(g, upward_authority="自治区教育厅" if g.authority == "upward" else "") for g in base.groups
    )
    facts: dict[str, object] = {
        "addressee": "各学校",
        "document_number": "泾教发〔2023〕12号",
        "school_problems_heading": "智慧校园星级建设工作重视不足",
    }
    facts.update(extra)
    return with_fields(replace(base, groups=groups), **facts)


def seed_publicity(**extra: object) -> PublicityRecord:
    base = replace(jingyuan.publicity_list(), schools=tuple(jingyuan.schools()), start=date(2023, 9, 2),
                   end=date(2023, 9, 7), contact="泾源县教育体育局")
    facts: dict[str, object] = {
        "days": 5,
        "upward_authority": "自治区教育厅",
        "telephone": "0954-5011234",
        "contact_organ": "泾源县教育体育局信息中心",
    }
    facts.update(extra)
    return publicity_with(base, **facts)


def henan_form(evidence: str = "", **extra: object) -> FormRecord:
    """One school's henan-v2 form: every indicator, the leaves self-scored at their maximum."""
    rubric = builtin_rubric("henan-v2")
    rows: list[FormRow] = []

    def walk(items, depth: int) -> None:  # type: ignore[no-untyped-def]
        for ind in items:
            score = ind.max_score if ind.is_leaf else None
            text = evidence.format(code=ind.code) if evidence and ind.is_leaf else ""
            rows.append(FormRow(ind.code, ind.name, depth, ind.max_score, score, text))
            walk(ind.children, depth + 1)

    walk(rubric.indicators, 0)
    if rubric.bonus:
        walk(rubric.bonus.items, 0)
    base = replace(
        jingyuan.self_evaluation_form(),
        campaign_title="济源示范区2023年中小学数字校园星级评定",
        rubric_name=rubric.name,
        rows=tuple(rows),
        self_total=Decimal("140"),
        provisional_star="四星级",
        date=date(2026, 12, 1),
    )
    facts: dict[str, object] = {
        "submitted_on": date(2023, 9, 1),
        "total_maximum": rubric.max_total(),
        "provisional_parts": provisional_parts(rubric),
    }
    facts.update(extra)
    return form_with(base, **facts)
