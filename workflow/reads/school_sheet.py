"""One school's score sheet (评分表) as both interfaces show it: every indicator of the rubric,
bonus items (奖励加分) included, self and verified values side by side, totals, star level, gap.

The "'-' not 0" rule lives here and only here: a leaf nobody has scored, or a branch of a score
set nobody has begun, has no value (None), which every renderer shows as "-" (``score_cell``),
never a 0 that reads like a score given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.schema import Score, is_frozen, settled_school
from rubrics.model import Indicator, Rubric
from rubrics.scoring import Result, format_score, gap_text, score
from workflow.door import load_assessment
from workflow.i18n import language
from workflow.permissions import Actor
from workflow.reads.scope import require_reader_of
from workflow.rubric_cache import rubric_of
from workflow.statemachine.guards import state_label

UNSCORED = "-"


def score_cell(value: Decimal | None) -> str:
    """How a sheet value reads: "71.5", or "-" when there is none."""
    return UNSCORED if value is None else format_score(value)


@dataclass(frozen=True)
class SheetRow:
    """One indicator line of the sheet, in rubric order (depth first, bonus items last)."""

    code: str
    name: str
    depth: int  # 0 for a first-level indicator or a bonus item
    is_leaf: bool
    is_bonus: bool  # part of 奖励加分 (capped at ``SchoolSheet.bonus_cap``)
    points: str  # the maximum as the rubric writes it: "20" or "40+9"
    max_score: Decimal
    self_value: Decimal | None  # None: not scored (leaf) / nothing self-scored yet (branch)
    verified_value: Decimal | None
    self_evidence: str
    verified_evidence: str
    provisional: bool

    @property
    def self_text(self) -> str:
        return score_cell(self.self_value)

    @property
    def verified_text(self) -> str:
        return score_cell(self.verified_value)


@dataclass(frozen=True)
class SchoolSheet:
    """What the school screen's score tab and ``starcampus school show`` both show."""

    assessment_id: int
    version: int  # the assessment's optimistic-lock version, for the next save
    campaign_id: int
    campaign_title: str
    phase: str
    code: str
    name: str
    township: str
    stage: str
    state: str
    state_label: str
    rubric: Rubric
    rows: tuple[SheetRow, ...]
    bonus_cap: Decimal | None  # None: the rubric has no bonus items
    bonus_total: Decimal | None  # the standing result's bonus after the cap; None: no bonus, or nothing scored
    self_result: Result
    verified_result: Result
    self_total: Decimal | None  # None until a self score is entered
    verified_total: Decimal | None
    standing: str  # "verified" once a verified score exists, else "self": whose result counts now
    star_level: int | None  # as stored by the doors (certified or computed)
    star_name: str  # in the current language; "" without a level
    provisional: bool  # the level rests on provisional rubric parts
    vetoed: tuple[str, ...]  # veto codes holding for the standing result
    gap: str  # "差3.5分到三星级" / "3.5 points short of 3 stars", or the veto explained

    @property
    def result(self) -> Result:
        """The result that counts now (verified once verification began)."""
        return self.verified_result if self.standing == "verified" else self.self_result

    @property
    def self_scores(self) -> dict[str, tuple[Decimal, str]]:
        """Entered self scores by leaf code: (value, evidence)."""
        return {r.code: (r.self_value, r.self_evidence) for r in self.rows if r.is_leaf and r.self_value is not None}

    @property
    def verified_scores(self) -> dict[str, tuple[Decimal, str]]:
        return {r.code: (r.verified_value, r.verified_evidence) for r in self.rows
                if r.is_leaf and r.verified_value is not None}

    def leaves(self) -> list[SheetRow]:
        return [r for r in self.rows if r.is_leaf]

    def row(self, code: str) -> SheetRow:
        return next(r for r in self.rows if r.code == code)


def sheet_indicators(rubric: Rubric) -> list[tuple[Indicator, int, bool]]:
    """(indicator, depth, is bonus) in the order the sheet shows them."""
    out: list[tuple[Indicator, int, bool]] = []

    def visit(ind: Indicator, depth: int, bonus: bool) -> None:
        out.append((ind, depth, bonus))
        for child in ind.children:
            visit(child, depth + 1, bonus)

    for root in rubric.indicators:
        visit(root, 0, False)
    for item in rubric.bonus.items if rubric.bonus else ():
        visit(item, 0, True)
    return out


def _value(ind: Indicator, entered: dict[str, Score], result: Result) -> Decimal | None:
    if ind.is_leaf:
        return entered[ind.code].value if ind.code in entered else None
    return result.subtotals.get(ind.code) if entered else None


def school_sheet(actor: Actor, assessment_id: int) -> SchoolSheet:
    """One school's sheet; a school user may read only its own school (PermissionDenied otherwise)."""
    row = load_assessment(assessment_id)
    require_reader_of(actor, row.school.code, row.campaign)
    rubric = rubric_of(row.campaign)
    scores = list(Score.select().where(Score.assessment == row.id))
    mine = {s.code: s for s in scores if s.kind == "self"}
    verified = {s.code: s for s in scores if s.kind == "verified"}
    held = [v for v in row.vetoes.split(",") if v]
    self_result = score(rubric, {c: s.value for c, s in mine.items()}, vetoes=held)
    verified_result = score(rubric, {c: s.value for c, s in verified.items()}, vetoes=held)
    rows = tuple(
        SheetRow(code=ind.code, name=ind.name, depth=depth, is_leaf=ind.is_leaf, is_bonus=bonus,
                 points=str(ind.points), max_score=ind.max_score,
                 self_value=_value(ind, mine, self_result), verified_value=_value(ind, verified, verified_result),
                 self_evidence=mine[ind.code].evidence if ind.code in mine else "",
                 verified_evidence=verified[ind.code].evidence if ind.code in verified else "",
                 provisional=ind.provisional)
        for ind, depth, bonus in sheet_indicators(rubric))
    standing = "verified" if verified else "self"
    result = verified_result if verified else self_result
    lang = language()
    star_name = ""
    # A frozen round's sheet names the school as the round settled it; the open round's, as the register now.
    name, township, stage = settled_school(row, row.round_id is not None and is_frozen(int(row.round_id)))
    if row.star_level is not None:
        level = rubric.star_level(row.star_level)
        star_name = level.name_en if lang == "en" else level.name_zh
    return SchoolSheet(
        assessment_id=int(row.id), version=int(row.version), campaign_id=int(row.campaign.id),
        campaign_title=row.campaign.title, phase=row.campaign.phase, code=row.school.code, name=name,
        township=township, stage=stage, state=row.state, state_label=state_label(row.state),
        rubric=rubric, rows=rows, bonus_cap=rubric.bonus.cap if rubric.bonus else None,
        bonus_total=result.bonus_total if rubric.bonus and (verified or mine) else None,
        self_result=self_result, verified_result=verified_result,
        self_total=self_result.total if mine else None, verified_total=verified_result.total if verified else None,
        standing=standing, star_level=row.star_level, star_name=star_name, provisional=bool(row.provisional),
        vetoed=result.vetoed, gap=gap_text(result, lang),
    )
