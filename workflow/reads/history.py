"""A school's history a person can read: one line per round it was in (初评, each 年度复核), with
what came of it, when and why — the raw audit trail is a separate read (workflow.reads.audit_log)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models.schema import Assessment, AuditEvent, Campaign, Round, School
from workflow import clock
from workflow.errors import NotFound
from workflow.i18n import Msg, label, t
from workflow.permissions import Actor
from workflow.reads.scope import reader_scope, require_reader_of
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import state

# The audit actions that settle a round, newest first wins: what the outcome's date and reason are.
_SETTLING = ("event.certify", "event.recommend_upward", "event.mark_not_rated", "event.raise_level",
             "event.keep_level", "event.lower_level", "event.grant_upward", "event.refuse_upward")


@dataclass(frozen=True)
class RoundLine:
    """One round of one school (学校历年记录的一行)."""

    assessment_id: int
    campaign_id: int
    school_code: str
    school_name: str
    year: int
    kind: str  # initial | review
    kind_label: str
    entry: str  # initial | applied | chosen
    entry_label: str
    self_total: Decimal | None
    verified_total: Decimal | None
    prior_level: int | None
    star_level: int | None
    level_name: str
    outcome: str  # outcome.* key: initial, raised, kept, lowered, upward, upward_refused, ...
    outcome_label: str
    date: str  # YYYY-MM-DD of the settling step, "" while in progress
    reason: str
    corrections: int
    upward: str  # "自治区教育厅 宁教发〔2024〕5号 2024-03-01" when decided upward


def outcome_of(row: Assessment) -> str:
    """What the round did for the school, from its settled state and its level before."""
    if row.upward_granted is not None:
        return "upward" if row.upward_granted else "upward_refused"
    if row.state == "recommended":
        return "recommended"
    if row.state == "not_rated":
        return "not_rated"
    if row.state != "certified":
        return "in_progress"
    if row.entry == "initial":
        return "initial" if row.star_level else "not_rated"
    before, after = row.prior_level or 0, row.star_level or 0
    return "raised" if after > before else "lowered" if after < before else "kept"


def school_rounds(actor: Actor, school_code: str) -> list[RoundLine]:
    """Every round the school was in, oldest first."""
    require_reader_of(actor, school_code)
    school = School.get_or_none(School.code == school_code)
    if school is None:
        raise NotFound("err.not_found", what=Msg("word.school"), key=school_code)
    rows = list(Assessment.select(*_COLUMNS, Round, School).join(Round).switch(Assessment).join(School)
                .where(Assessment.school == school.id).order_by(Round.year, Assessment.campaign))
    # By index (audit_event_school_seq): this school's audit rows, not the whole log.
    events = (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
              .where(AuditEvent.school_code == school_code).order_by(AuditEvent.seq))
    return _lines(rows, events)


def campaign_rounds(actor: Actor, campaign_id: int, lang: str | None = None) -> list[RoundLine]:
    """Every school's rounds in one campaign, school by school (the workbook's 历年记录 sheet),
    worded in ``lang`` (the reader's language when None)."""
    scope = reader_scope(actor)
    # Only the columns a line shows: a campaign's rows carry no copy of its rubric (14 KB a school).
    query = (Assessment.select(*_COLUMNS, Round, School).join(Round).switch(Assessment).join(School)
             .where(Assessment.campaign == campaign_id))
    if scope is not None:
        query = query.where(School.code == scope)
    rows = list(query.order_by(School.display_order, School.code, Round.year))
    events = (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
              .where((AuditEvent.campaign_id == campaign_id)
                     & (AuditEvent.action.in_(_SETTLING) | AuditEvent.action.startswith("correction.")))
              .order_by(AuditEvent.seq))
    return _lines(rows, events, lang)


_COLUMNS = (Assessment.id, Assessment.campaign, Assessment.round, Assessment.school, Assessment.state,
            Assessment.self_total, Assessment.verified_total, Assessment.star_level, Assessment.prior_level,
            Assessment.entry, Assessment.upward_granted, Assessment.upward_authority, Assessment.upward_doc_no,
            Assessment.upward_date)


def _lines(rows: list[Assessment], events: Iterable[AuditEvent], lang: str | None = None) -> list[RoundLine]:
    ids = {r.id for r in rows}
    campaigns = {c.id: c for c in Campaign.select().where(Campaign.id.in_({r.campaign_id for r in rows}))}
    names_of: dict[int, dict[int, str]] = {}
    settling: dict[int, AuditEvent] = {}
    corrections: dict[int, int] = {}
    for event in events:
        if event.assessment_id not in ids:
            continue
        if event.action in _SETTLING:
            settling[event.assessment_id] = event
        elif event.action.startswith("correction."):
            corrections[event.assessment_id] = corrections.get(event.assessment_id, 0) + 1
    lines = []
    for row in rows:
        if row.campaign_id not in names_of:
            rubric = rubric_of(campaigns[row.campaign_id])
            names_of[row.campaign_id] = {s.level: label({"zh": s.name_zh, "en": s.name_en}, lang)
                                         for s in rubric.star_levels}
        names = names_of[row.campaign_id]
        outcome = outcome_of(row)
        done = settling.get(row.id)
        upward = ""
        if row.upward_granted is not None:
            upward = " ".join(p for p in (row.upward_authority, row.upward_doc_no,
                                          str(row.upward_date or "")) if p)
        outcome_label = (t("outcome.in_progress", lang, state=label(state(row.state), lang)) if outcome == "in_progress"
                         else t(f"outcome.{outcome}", lang))
        if corrections.get(row.id):
            outcome_label += t("outcome.corrected", lang, count=corrections[row.id])
        lines.append(RoundLine(
            assessment_id=int(row.id), campaign_id=int(row.campaign_id), school_code=str(row.school.code),
            school_name=str(row.school.name), year=int(row.round.year),
            kind=str(row.round.kind), kind_label=t(f"round.kind.{row.round.kind}", lang), entry=str(row.entry),
            entry_label=t(f"round.entry.{row.entry}", lang),
            self_total=row.self_total, verified_total=row.verified_total, prior_level=row.prior_level,
            star_level=row.star_level,
            level_name=names.get(row.star_level, t("word.no_star", lang)) if row.star_level else t("word.no_star", lang),
            outcome=outcome, outcome_label=outcome_label,
            date=clock.local(str(done.at))[:10] if done is not None and outcome != "in_progress" else "",
            reason=str(done.reason) if done is not None else "", corrections=corrections.get(row.id, 0),
            upward=upward,
        ))
    return lines
