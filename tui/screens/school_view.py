"""What the school screen shows, read in one worker: ``SchoolView`` and ``load_school``.

The screen and its tab widgets (tui/widgets/school_*.py) render it; nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.model import Indicator, Rubric
from rubrics.scoring import Result, format_score, score
from workflow import queries, record_queries
from workflow.declaration import SCORE_STATES, state
from workflow.events import EventOption, options
from workflow.i18n import label, language
from workflow.permissions import Actor

PROBLEM_STATUSES = ("open", "rectifying", "closed")
NARRATIVES = ("achievement", "problem")


def num_text(value: Decimal | None) -> str:
    return "-" if value is None else format_score(value)


@dataclass
class SchoolView:
    """Everything the screen shows, read in the worker (no lazy loads on the UI thread)."""

    assessment_id: int
    version: int
    code: str
    name: str
    township: str
    stage: str
    state: str
    state_label: str
    phase: str
    campaign_title: str
    rubric: Rubric
    self_scores: dict[str, tuple[Decimal, str]]
    verified_scores: dict[str, tuple[Decimal, str]]
    self_result: Result
    verified_result: Result
    star_level: int | None
    star_name: str
    provisional: bool
    problems: list[tuple[int, str, str, str, str]]  # id, text, responsible, deadline, status
    narratives: dict[str, str]
    options: list[EventOption]
    history: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    levels: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    editable: str | None = None
    campaign_id: int = 0
    records: record_queries.SchoolRecords | None = None
    vetoes: list[str] = field(default_factory=list)

    def rescore(self) -> None:
        """Recompute both results from the scores held here (after a save was applied to them)."""
        self.self_result = score(self.rubric, {c: v for c, (v, _e) in self.self_scores.items()}, vetoes=self.vetoes)
        self.verified_result = score(self.rubric, {c: v for c, (v, _e) in self.verified_scores.items()},
                                     vetoes=self.vetoes)


def editable_kind(actor: Actor, state_name: str) -> str | None:
    if state_name in SCORE_STATES["verified"] and actor.role in ("expert", "admin"):
        return "verified"
    if state_name in SCORE_STATES["self"] and actor.role in ("school", "admin"):
        return "self"
    return None


def load_school(actor: Actor, assessment_id: int) -> SchoolView:
    d = queries.detail(assessment_id, actor)
    row, rubric = d.assessment, d.rubric
    star_name = ""
    if row.star_level is not None:
        level = rubric.star_level(row.star_level)
        star_name = level.name_en if language() == "en" else level.name_zh
    history = [(e.at.replace("T", " ")[:16], e.actor, e.action,
                f"{e.from_state}>{e.to_state}" if e.to_state and e.from_state != e.to_state else "", e.reason)
               for e in queries.school_history(d.school.code)]
    levels = []
    for year, title, level_no, verified, st in queries.levels_across_years(d.school.code):
        levels.append((year, title, "-" if level_no is None else str(level_no), num_text(verified),
                       label(state(st))))
    return SchoolView(
        assessment_id=row.id, version=row.version, code=d.school.code, name=d.school.name,
        township=d.school.township, stage=d.school.stage, state=row.state, state_label=label(state(row.state)),
        phase=d.campaign.phase, campaign_title=d.campaign.title, rubric=rubric,
        self_scores={c: (s.value, s.evidence) for c, s in d.self_scores.items()},
        verified_scores={c: (s.value, s.evidence) for c, s in d.verified_scores.items()},
        self_result=d.self_result, verified_result=d.verified_result, star_level=row.star_level,
        star_name=star_name, provisional=bool(row.provisional),
        problems=[(int(p.id), p.text, p.responsible, p.deadline.isoformat() if p.deadline else "", p.status)
                  for p in d.problems],
        narratives=d.narratives, options=options(actor, assessment_id), history=history, levels=levels,
        editable=editable_kind(actor, row.state), campaign_id=int(d.campaign.id),
        records=record_queries.school_records(assessment_id, actor),
        vetoes=[v for v in str(row.vetoes or "").split(",") if v],
    )


def rows_of(rubric: Rubric) -> list[tuple[Indicator, int]]:
    out: list[tuple[Indicator, int]] = []

    def visit(ind: Indicator, depth: int) -> None:
        out.append((ind, depth))
        for child in ind.children:
            visit(child, depth + 1)

    for root in rubric.indicators + (rubric.bonus.items if rubric.bonus else ()):
        visit(root, 0)
    return out
