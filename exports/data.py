"""Plain, frozen input records for the document writers.

The writers never touch the database: the caller (the CLI / workflow glue) builds these
records, so every writer can be tested on hand-made data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

Day = date  # a field named ``date`` below shadows the type


@dataclass(frozen=True, slots=True)  # slots: a province's notice holds 500,000 of these
class SchoolResult:
    code: str
    name: str
    township: str
    stage: str
    self_total: Decimal | None
    verified_total: Decimal | None
    star_level: int | None
    star_name: str | None
    authority: str | None  # "local" | "upward" | "benchmark"
    provisional: bool
    display_order: int


class ListedSchool(Protocol):
    """What the notice prints of a school it names: a SchoolResult, or an entry of
    exports.notice_roll.SchoolRoll (a province's notice keeps only these, not 500,000 results)."""

    @property
    def name(self) -> str: ...
    @property
    def verified_total(self) -> Decimal | None: ...
    @property
    def provisional(self) -> bool: ...
    @property
    def display_order(self) -> int: ...


@dataclass(frozen=True)
class StarGroup:
    level: int
    name: str  # e.g. "二星级"
    authority: str  # "local" | "upward" | "benchmark"
    schools: Sequence[ListedSchool]  # a tuple, or a SchoolRoll from exports/gather.py
    upward_authority: str = ""  # e.g. "宁夏回族自治区教育厅"; "" -> "上级教育行政部门"


@dataclass(frozen=True)
class Narrative:
    school_name: str
    text: str


@dataclass(frozen=True)
class Section:
    """A "（一）heading。text" block: general problems and next-step requirements."""

    heading: str
    text: str


@dataclass(frozen=True)
class NoticeInput:
    title: str
    region: str
    year: int
    rubric_name: str
    basis: str
    groups: tuple[StarGroup, ...]  # ascending level
    unrated: Sequence[ListedSchool]  # scored, no level: counted in 一、, named there only if unrated_in_ratings
    achievements: tuple[Narrative, ...]
    school_problems: tuple[Narrative, ...]
    general_problems: tuple[Section, ...]
    requirements: tuple[Section, ...]
    organ: str
    issue_date: date
    indicator_summary: str  # e.g. "6个一级指标，22个二级指标"
    provisional: bool
    kind: str = ""  # "智慧校园" / "数字校园"; "" -> read off the rubric's name, then the title
    unrated_in_ratings: bool = False  # name the schools with no level in 一、 as well
    school_problems_heading: str = ""  # 三、（一）; "" -> "各学校存在的具体问题"
    provisional_parts: tuple[str, ...] = ()  # exports.provisional.provisional_parts(rubric)
    show_provisional_note: bool = True
    addressee: str = ""  # 主送机关, e.g. "各学校"
    document_number: str = ""  # 发文字号, e.g. "泾教发〔2023〕12号"
    sealed: bool = True  # GB/T 9704 7.3.5.1 (sealed) or 7.3.5.2 (unsealed) signature


@dataclass(frozen=True)
class FormRow:
    code: str
    name: str
    depth: int
    maximum: Decimal
    self_score: Decimal | None
    evidence: str


@dataclass(frozen=True)
class SelfEvaluationForm:
    school: SchoolResult
    campaign_title: str
    rubric_name: str
    date: date
    rows: tuple[FormRow, ...]
    self_total: Decimal | None
    provisional_star: str | None
    provisional_rubric: bool
    submitted_on: Day | None = None  # 自评日期; None -> date
    total_maximum: Decimal | None = None  # rubric.max_total(): the bonus cap applied
    provisional_parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublicityList:
    title: str
    organ: str
    start: date
    end: date
    contact: str
    schools: tuple[SchoolResult, ...]
    days: int | None = None  # the campaign's publicity_days: the last day is start + days - 1
    kind: str = ""  # "" -> read off the title, else 智慧校园
    list_unrated: bool = False
    upward_authority: str = ""
    contact_organ: str = ""  # "" -> organ
    telephone: str = ""
    objection_address: str = ""
    sealed: bool = True


@dataclass(frozen=True)
class WorkbookRow:
    school: SchoolResult
    state_label: str
    self_scores: tuple[Decimal | None, ...]
    verified_scores: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class WorkbookInput:
    campaign_title: str
    leaf_codes: tuple[str, ...]
    leaf_names: tuple[str, ...]
    leaf_max: tuple[Decimal, ...]
    rows: Iterable[WorkbookRow]  # may be a generator of 100,000 rows: read once
    # 历年记录: one row per school and round (code, name, year, round, entry, self, verified, level,
    # outcome, date, reason); worded by the caller, which knows the workflow's words.
    history: Iterable[tuple[object, ...]] = ()


@dataclass(frozen=True)
class ReviewOutcome:
    """One school's result in an annual review (年度复核): its level before and after."""

    name: str
    outcome: str  # raised | kept | lowered
    old_level: str  # "二星级", or "未定星级"
    new_level: str
    verified_total: Decimal | None
    reason: str  # why lowered (降级理由); "" otherwise


@dataclass(frozen=True)
class UpwardDecision:
    """The higher authority's decision on a school the county sent upward (上级认定)."""

    name: str
    granted: bool
    level: str  # the level granted, or the one the school keeps when refused
    authority: str
    doc_no: str
    decided_on: date | None


@dataclass(frozen=True)
class ReviewNoticeInput:
    """The annual review notice (年度复核通报) of one round."""

    title: str
    region: str
    year: int
    rubric_name: str
    organ: str
    issue_date: date
    window: tuple[date, date] | None
    outcomes: tuple[ReviewOutcome, ...]
    upward: tuple[UpwardDecision, ...]
    in_progress: int
    requirements: tuple[Section, ...]
    document_number: str = ""  # 发文字号, the round's own (notice texts), centred above the title
    addressee: str = "各学校"  # 主送机关, the round's own (notice texts)
