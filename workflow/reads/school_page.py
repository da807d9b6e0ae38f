"""Everything the school screen shows around the sheet: problems, narratives, the actions on
offer, history, levels across years, the other records. One call, read in a worker thread; the
rows are frozen dataclasses, so nothing is lazily loaded on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from models.schema import Narrative, Problem
from workflow import clock
from workflow.door import load_assessment
from workflow.permissions import Actor
from workflow.reads import queries, record_queries
from workflow.reads.history import RoundLine, school_rounds
from workflow.reads.school_sheet import SchoolSheet, school_sheet
from workflow.reads.scope import require_reader_of
from workflow.statemachine.declaration import SCORE_STATES
from workflow.statemachine.events import EventOption, options
from workflow.statemachine.guards import state_label


@dataclass(frozen=True)
class ProblemRow:
    id: int
    text: str
    responsible: str
    deadline: str  # ISO date, "" when none was set
    status: str  # open | rectifying | closed
    version: int = 1  # the problem's optimistic-lock version, for the next status change


@dataclass(frozen=True)
class HistoryRow:
    at: str  # "2023-09-20 10:00"
    actor: str
    action: str
    from_state: str
    to_state: str
    reason: str
    payload: str = "{}"  # the audit row's JSON: the values that changed (workflow.reads.audit_text)

    @property
    def moved(self) -> bool:
        return bool(self.to_state) and self.from_state != self.to_state


@dataclass(frozen=True)
class LevelRow:
    year: int
    campaign_title: str
    star_level: int | None
    verified_total: Decimal | None
    state_label: str


@dataclass(frozen=True)
class SchoolPage:
    """The school screen: ``sheet`` plus the tabs around it."""

    sheet: SchoolSheet
    editable: str | None  # "self" | "verified": the kind this actor may enter now; None: read only
    options: list[EventOption]
    problems: list[ProblemRow]
    narratives: dict[str, str]  # kind (achievement | problem) -> text
    history: list[HistoryRow]
    levels: list[LevelRow]
    records: record_queries.SchoolRecords
    narrative_versions: dict[str, int] = field(default_factory=dict)  # kind -> version (0: never written)
    rounds: list[RoundLine] = field(default_factory=list)  # one line per round the school was in, oldest first


def editable_kind(actor: Actor, state_name: str) -> str | None:
    """Which score set ``actor``'s role enters in this state; the door still decides each save."""
    if state_name in SCORE_STATES["verified"] and actor.role in ("expert", "admin"):
        return "verified"
    if state_name in SCORE_STATES["self"] and actor.role in ("school", "admin"):
        return "self"
    return None


def problems(actor: Actor, assessment_id: int) -> list[ProblemRow]:
    row = load_assessment(assessment_id)
    require_reader_of(actor, row.school.code, row.campaign)
    query = Problem.select().where(Problem.assessment == assessment_id).order_by(Problem.id)
    return [ProblemRow(int(p.id), p.text, p.responsible, p.deadline.isoformat() if p.deadline else "", p.status,
                       int(p.version))
            for p in query]


def event_options(actor: Actor, assessment_id: int) -> list[EventOption]:
    """The workflow events from the school's state, each allowed or refused with why."""
    row = load_assessment(assessment_id)
    require_reader_of(actor, row.school.code, row.campaign)
    return options(actor, assessment_id)


def history(actor: Actor, school_code: str, limit: int = 200) -> list[HistoryRow]:
    require_reader_of(actor, school_code)
    return [HistoryRow(clock.local(e.at), e.actor, e.action, e.from_state or "", e.to_state or "",
                       e.reason, e.payload or "{}")
            for e in queries.school_history(school_code, limit)]


def school_page(actor: Actor, assessment_id: int) -> SchoolPage:
    """One school's whole screen; a school user may open only its own school."""
    sheet = school_sheet(actor, assessment_id)
    written = list(Narrative.select().where(Narrative.assessment == assessment_id))
    narratives = {n.kind: n.text for n in written}
    return SchoolPage(
        sheet=sheet,
        editable=editable_kind(actor, sheet.state),
        options=options(actor, assessment_id),
        problems=problems(actor, assessment_id),
        narratives=narratives,
        history=history(actor, sheet.code),
        levels=[LevelRow(year, title, level, total, state_label(st))
                for year, title, level, total, st in queries.levels_across_years(sheet.code)],
        records=record_queries.school_records(assessment_id, actor),
        narrative_versions={n.kind: int(n.version) for n in written},
        rounds=school_rounds(actor, sheet.code),
    )
