"""What the region notice (区域通报, exports/region_notice.py) is written from: worded already in the
document's language (region, school, level and state names), counted already (workflow's read,
joined by the interface: exports/ does not read workflow/)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Moved:
    name: str
    before: str  # level names
    after: str


@dataclass(frozen=True)
class Decision:
    """The higher authority's decision on a school sent upward."""

    name: str
    granted: bool
    level: str  # the level granted ("" when refused or not said)
    authority: str
    doc_no: str
    decided_on: date | None


@dataclass(frozen=True)
class ChildSummary:
    """One county of a city (one city of a province), or the totals."""

    name: str
    schools: int
    verified: int  # with a verified total
    average: Decimal | None
    stars: tuple[int, ...]  # per RegionNoticeInput.levels
    no_star: int  # verified, no level reached
    in_progress: int  # not settled yet
    overdue: int
    newly_rated: int = 0
    raised: tuple[Moved, ...] = ()
    lowered: tuple[Moved, ...] = ()
    decisions: tuple[Decision, ...] = ()
    awaiting: int = 0  # recommended upward, no decision recorded yet


@dataclass(frozen=True)
class RatedLine:
    """A row of the appendix."""

    region: str
    school: str
    verified_total: Decimal | None
    level: str
    state: str
    change: str  # "" when the level is the one it had


@dataclass(frozen=True)
class RegionNoticeInput:
    region_name: str
    tier: str  # city | province: the issuing region's own tier
    child_tier: str  # county | city
    year: int
    kind: str  # 智慧校园, 数字校园 or ""
    organ: str
    issue_date: date
    levels: tuple[str, ...]  # level names, lowest first
    children: tuple[ChildSummary, ...]
    total: ChildSummary
    rated: Iterable[RatedLine] = field(default=())  # streamed: read once, as the appendix is written
    lang: str = "zh"
