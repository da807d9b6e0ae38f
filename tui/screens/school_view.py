"""What the school screen shows, read in one worker: ``SchoolView`` and ``load_school``.

The screen and its tab widgets (tui/widgets/school_*.py) render it; nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.model import Indicator, Rubric
from rubrics.scoring import Result, format_score, score
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.reads import queries, record_queries
from workflow.reads.audit_text import action_text, move_text, note_text
from workflow.reads.school_page import HistoryRow, school_page
from workflow.statemachine.declaration import event
from workflow.statemachine.events import EventOption

PROBLEM_STATUSES = ("open", "rectifying", "closed")
NARRATIVES = ("achievement", "problem")
RETURN_ACTION = "event.return_to_school"  # the audit action a return writes
RETURN_DEST = str(event("return_to_school")["dest"])


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
    problems: list[tuple[int, str, str, str, str, int]]  # id, text, responsible, deadline, status, version
    narratives: dict[str, str]
    options: list[EventOption]
    history: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    levels: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    editable: str | None = None
    campaign_id: int = 0
    records: record_queries.SchoolRecords | None = None
    vetoes: list[str] = field(default_factory=list)
    narrative_versions: dict[str, int] = field(default_factory=dict)  # kind -> version (0: never written)
    year: int | None = None  # the campaign's year: a date typed without one ("9月16日") is in it
    returned: HistoryRow | None = None  # the return (退回) that is the school's latest move, if it is one
    # One row per round (初评, each 年度复核): year, round, entry, self, verified, level, outcome, date, why.
    rounds: list[tuple[str, ...]] = field(default_factory=list)

    def rescore(self) -> None:
        """Recompute both results from the scores held here (after a save was applied to them)."""
        self.self_result = score(self.rubric, {c: v for c, (v, _e) in self.self_scores.items()}, vetoes=self.vetoes)
        self.verified_result = score(self.rubric, {c: v for c, (v, _e) in self.verified_scores.items()},
                                     vetoes=self.vetoes)


def load_school(actor: Actor, assessment_id: int) -> SchoolView:
    """The school as ``workflow.reads.school_page`` reads it (the one read model the CLI shows too)."""
    page = school_page(actor, assessment_id)
    sheet = page.sheet
    year = int(queries.campaign(sheet.campaign_id).year)
    # In the reader's words (workflow.reads.audit_text): labels, not internal names; the values changed.
    history = [(h.at, h.actor, action_text(h.action), move_text(h.from_state, h.to_state),
                note_text(h.action, h.payload, h.reason)) for h in page.history]
    levels = [(lv.year, lv.campaign_title, "-" if lv.star_level is None else str(lv.star_level),
               num_text(lv.verified_total), lv.state_label) for lv in page.levels]
    return SchoolView(
        assessment_id=sheet.assessment_id, version=sheet.version, code=sheet.code, name=sheet.name,
        township=sheet.township, stage=sheet.stage, state=sheet.state, state_label=sheet.state_label,
        phase=sheet.phase, campaign_title=sheet.campaign_title, rubric=sheet.rubric,
        self_scores=sheet.self_scores, verified_scores=sheet.verified_scores,
        self_result=sheet.self_result, verified_result=sheet.verified_result, star_level=sheet.star_level,
        star_name=sheet.star_name, provisional=sheet.provisional,
        problems=[(p.id, p.text, p.responsible, p.deadline, p.status, p.version) for p in page.problems],
        narratives=dict(page.narratives), narrative_versions=dict(page.narrative_versions),
        options=page.options, history=history, levels=levels, editable=page.editable,
        campaign_id=sheet.campaign_id, records=page.records,
        # The veto codes holding (the same for both results): a save's rescore applies them again.
        vetoes=list(sheet.self_result.vetoed),
        year=year, returned=returned_by(page.history, sheet.state),
        rounds=[(str(r.year), r.kind_label, r.entry_label, num_text(r.self_total), num_text(r.verified_total),
                 r.level_name, r.outcome_label, r.date, " ".join(p for p in (r.reason, r.upward) if p))
                for r in page.rounds],
    )


def returned_by(history: list[HistoryRow], state: str) -> HistoryRow | None:
    """The return (退回) that put the school where it is now; None when its latest move was another.

    The history is newest first; only a return that is the school's latest move counts (a school
    that was returned and has resubmitted since has nothing left to read).
    """
    if state != RETURN_DEST:
        return None
    for row in history:
        if row.moved:
            return row if row.action == RETURN_ACTION else None
    return None


def returned_text(row: HistoryRow) -> str:
    """退回 notice: who returned the school, when, and the reason in full."""
    return t("tui.returned.note", who=row.actor, at=row.at, reason=row.reason or "-")


def rows_of(rubric: Rubric) -> list[tuple[Indicator, int]]:
    out: list[tuple[Indicator, int]] = []

    def visit(ind: Indicator, depth: int) -> None:
        out.append((ind, depth))
        for child in ind.children:
            visit(child, depth + 1)

    for root in rubric.indicators + (rubric.bonus.items if rubric.bonus else ()):
        visit(root, 0)
    return out
