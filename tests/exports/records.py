"""The writers' records with the optional fields exports/gather.py is to fill.

exports/data.py does not declare these fields yet (the writers read them with defaults,
exports/record_fields.py); these subclasses are exactly the shape the writers expect, so
the tests build records the way gather.py will.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from exports.data import NoticeInput, PublicityList, SelfEvaluationForm, StarGroup


@dataclass(frozen=True)
class StarGroupRecord(StarGroup):
    upward_authority: str = ""  # e.g. "自治区教育厅"; "" -> "上级教育行政部门"


@dataclass(frozen=True)
class NoticeRecord(NoticeInput):
    kind: str = ""  # "智慧校园" / "数字校园"; "" -> read off the rubric's name, then the title
    unrated_in_ratings: bool = False  # name the schools with no level in 一、 as well
    school_problems_heading: str = ""  # 三、（一）; "" -> "各学校存在的具体问题"
    provisional_parts: tuple[str, ...] = ()  # exports.provisional.provisional_parts(rubric)
    show_provisional_note: bool = True
    addressee: str = ""  # 主送机关, e.g. "各学校"
    document_number: str = ""  # 发文字号, e.g. "泾教发〔2023〕12号"
    sealed: bool = True  # GB/T 9704 7.3.5.1 (sealed) or 7.3.5.2 (unsealed) signature


@dataclass(frozen=True)
class PublicityRecord(PublicityList):
    days: int | None = None  # the campaign's publicity_days: the last day is start + days - 1
    kind: str = ""  # "" -> read off the title, else 智慧校园
    list_unrated: bool = False
    upward_authority: str = ""
    contact_organ: str = ""  # "" -> organ
    telephone: str = ""
    objection_address: str = ""
    sealed: bool = True


@dataclass(frozen=True)
class FormRecord(SelfEvaluationForm):
    submitted_on: date | None = None  # 自评日期; None -> date
    total_maximum: Decimal | None = None  # rubric.max_total(): the bonus cap applied
    provisional_parts: tuple[str, ...] = ()


def _fields(record: object) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(record, f.name) for f in fields(record)}  # type: ignore[arg-type]


def with_fields(record: NoticeInput, **extra: object) -> NoticeRecord:
    return NoticeRecord(**{**_fields(record), **extra})  # type: ignore[arg-type]


def group_with(group: StarGroup, **extra: object) -> StarGroupRecord:
    return StarGroupRecord(**{**_fields(group), **extra})  # type: ignore[arg-type]


def publicity_with(record: PublicityList, **extra: object) -> PublicityRecord:
    return PublicityRecord(**{**_fields(record), **extra})  # type: ignore[arg-type]


def form_with(record: SelfEvaluationForm, **extra: object) -> FormRecord:
    return FormRecord(**{**_fields(record), **extra})  # type: ignore[arg-type]
