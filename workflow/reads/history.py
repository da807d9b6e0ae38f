"""A school's history a person can read: one line per round it was in (初评, each 年度复核), with
what came of it, when and why — the raw audit trail is a separate read (workflow.reads.audit_log)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from peewee import SQL, ModelSelect

import workflow.upward_messages  # noqa: F401  - the upward review's entry label (下级推荐)
from models.db import database
from models.migrations import CORRECTION_PREFIX, SETTLING_ACTIONS, settling_condition
from models.schema import Assessment, AuditEvent, Campaign, Round, School, round_school_columns
from workflow import clock
from workflow.errors import NotFound
from workflow.i18n import Msg, label, t
from workflow.permissions import Actor
from workflow.reads.scope import reader_scope, require_reader_of
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import SETTLED_STATES, WITHDRAWN, state

# The audit actions that settle a round, newest first wins: what the outcome's date and reason are
# (models/migrations.py indexes them, with the corrections, for a campaign's lines). 未参评 (withdraw) settles
# one too: not in that index (it came later), a campaign's lines read its rows by their assessments instead.
_WITHDRAW = "event.withdraw"
_SETTLING = (*SETTLING_ACTIONS, _WITHDRAW)


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


def outcome_of(row: Assessment | _FlatRow) -> str:
    """What the round did for the school, from its settled state and its level before."""
    if row.upward_granted is not None:
        return "upward" if row.upward_granted else "upward_refused"
    if row.state == "recommended":
        return "recommended"
    if row.state in ("not_rated", WITHDRAWN):
        return str(row.state)
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
    query = (Assessment.select().join(Round).switch(Assessment).join(School)
             .where(Assessment.school == school.id).order_by(Round.year, Assessment.campaign))
    rounds = [int(r) for (r,) in Assessment.select(Assessment.round).where(Assessment.school == school.id).tuples()]
    # By index (audit_event_school_seq): this school's audit rows, not the whole log.
    events = (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
              .where(AuditEvent.school_code == school_code).order_by(AuditEvent.seq))
    settled = _settled(events)
    return list(_lines(list(_flat_rows(query, rounds)), settled))


def campaign_rounds(actor: Actor, campaign_id: int, lang: str | None = None) -> list[RoundLine]:
    """Every school's rounds in one campaign, school by school, worded in ``lang`` (the reader's
    language when None)."""
    return list(each_campaign_round(actor, campaign_id, lang))


def each_campaign_round(actor: Actor, campaign_id: int, lang: str | None = None) -> Iterator[RoundLine]:
    """``campaign_rounds`` a line at a time: at 500,000 schools the rows as a list of model objects
    were gigabytes; streamed, memory holds the outcomes' dates."""
    for fields in _campaign_line_fields(actor, campaign_id, lang):
        yield RoundLine(*fields)


def each_campaign_sheet_row(actor: Actor, campaign_id: int, lang: str | None = None) -> Iterator[tuple[object, ...]]:
    """The workbook's 历年记录 rows, a line at a time: (school code, name, year, round, entry, self
    total, verified total, level, outcome, date, reason and upward decision), as ``each_campaign_round``
    words them, without a RoundLine made a school."""
    for (_aid, _cid, code, name, year, _kind, kind_label, _entry, entry_label, mine, verified, _prior, _level,
         level_name, _outcome, outcome_label, day, reason, _corrected, upward) in _campaign_line_fields(
            actor, campaign_id, lang):
        yield (code, name, year, kind_label, entry_label, mine, verified, level_name, outcome_label, day,
               f"{reason} {upward}" if reason and upward else reason or upward)


def _campaign_line_fields(actor: Actor, campaign_id: int, lang: str | None) -> Iterator[_Fields]:
    scope = reader_scope(actor, campaign_id)
    # Only the columns a line shows: a campaign's rows carry no copy of its rubric (14 KB a school).
    query = (Assessment.select().join(Round).switch(Assessment).join(School)
             .where(Assessment.campaign == campaign_id))
    if scope is not None:
        query = query.where(School.code == scope)
    # The condition in the partial index's own words (migration 17): the campaign's settling and
    # correction rows by index, not a scan of the whole log (5 M rows at 100,000 schools).
    events = (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
              .where((AuditEvent.campaign_id == campaign_id) & SQL(settling_condition(database.obj)))
              .order_by(AuditEvent.seq))
    settled = _settled(events)  # read before the rows' cursor opens: one query at a time on the connection
    withdrawn = Assessment.select(Assessment.id).where((Assessment.campaign == campaign_id)
                                                       & (Assessment.state == WITHDRAWN))
    settled[0].update(_settled(  # by the audit_event_assessment index: the few withdrawn schools' rows
        AuditEvent.select(AuditEvent.assessment_id, AuditEvent.action, AuditEvent.at, AuditEvent.reason)
        .where(AuditEvent.assessment_id.in_(withdrawn) & (AuditEvent.action == _WITHDRAW))
        .order_by(AuditEvent.seq))[0])
    rounds = [int(r) for (r,) in Round.select(Round.id).where(Round.campaign == campaign_id).tuples()]
    yield from _line_fields(_flat_rows(query.order_by(School.display_order, School.code, Round.year), rounds), settled,
                            lang)


_COLUMNS = (Assessment.id, Assessment.campaign, Assessment.round, Assessment.school, Assessment.state,
            Assessment.self_total, Assessment.verified_total, Assessment.star_level, Assessment.prior_level,
            Assessment.entry, Assessment.upward_granted, Assessment.upward_authority, Assessment.upward_doc_no,
            Assessment.upward_date)


class _Named(NamedTuple):
    code: str
    name: str


class _RoundOf(NamedTuple):
    year: int
    kind: str


class _FlatRow(NamedTuple):
    """What _lines reads of an assessment, its school and its round, without a model instance (a
    tuple: made in C, where a frozen dataclass set each field through a call)."""

    id: int
    campaign_id: int
    state: str
    self_total: Decimal | None
    verified_total: Decimal | None
    star_level: int | None
    prior_level: int | None
    entry: str
    upward_granted: bool | None
    upward_authority: str
    upward_doc_no: str
    upward_date: object
    school: _Named
    round: _RoundOf


def _flat_rows(query: ModelSelect, round_ids: list[int]) -> Iterator[_FlatRow]:
    """The query's rows from the driver's cursor, each column as its field reads it: building
    three model instances a row through peewee was most of the 历年记录 sheet (100,000 schools:
    4.8 s CPU; this: under one). Totals repeat, so each distinct one is converted once. The school's
    name in each of ``round_ids`` (those the rows are of) as that round prints it: a frozen one's as settled there."""
    fields = (*_COLUMNS, Round.year, Round.kind, School.code, round_school_columns(round_ids)[0])
    flat = query.select(*fields)
    total = Assessment.self_total.python_value
    granted, day = Assessment.upward_granted.python_value, Assessment.upward_date.python_value
    totals: dict[object, Decimal | None] = {}
    rounds: dict[tuple[object, object], _RoundOf] = {}

    def decimal(raw: object) -> Decimal | None:
        found = totals.get(raw, totals)  # the dict itself: not seen yet (None is a value)
        if found is totals:
            found = totals[raw] = total(raw)
        return found  # type: ignore[return-value]

    for (aid, campaign_id, _round_id, _school_id, state_name, self_total, verified_total, star_level, prior_level,
         entry, upward_granted, upward_authority, upward_doc_no, upward_date, year, kind, code, name) in (
            database.execute_sql(*flat.sql())):
        held = rounds.get((year, kind))
        if held is None:
            held = rounds[(year, kind)] = _RoundOf(int(year), str(kind))
        yield _FlatRow(aid, campaign_id, state_name, decimal(self_total), decimal(verified_total), star_level,
                       prior_level, entry, granted(upward_granted), upward_authority, upward_doc_no, day(upward_date),
                       _Named(code, name), held)


_Settled = tuple[dict[int, tuple[str, str]], dict[int, int]]


def _settled(events: ModelSelect) -> _Settled:
    """Each assessment's settling step (the newest: its time and reason) and how many corrections it had."""
    settling: dict[int, tuple[str, str]] = {}
    corrections: dict[int, int] = {}
    for aid, action, at, reason in events.tuples():
        if action in _SETTLING:
            settling[aid] = (str(at), str(reason or ""))
        elif action.startswith(CORRECTION_PREFIX):
            corrections[aid] = corrections.get(aid, 0) + 1
    return settling, corrections


_WORDS_KEPT = 4096  # distinct wordings of a line remembered


# A RoundLine's fields in its order: what _line_fields yields, each_campaign_sheet_row picks from.
_Fields = tuple[int, int, str, str, int, str, str, str, str, Decimal | None, Decimal | None, int | None, int | None,
                str, str, str, str, str, int, str]


def _level_words(row: _FlatRow, names: dict[int, str], lang: str | None) -> str:
    """The line's level: its star's name; 未达星级 once the round found it below every level (not_rated, or a
    level refused upward with none of its own); blank while the round has not settled it (enrolled, scoring)."""
    if row.star_level:
        return names.get(row.star_level, t("word.no_star", lang))
    if row.state == "not_rated" or (row.upward_granted is False and row.state in SETTLED_STATES):
        return t("word.no_star", lang)
    return ""


def _lines(rows: Iterable[_FlatRow], settled: _Settled, lang: str | None = None) -> Iterator[RoundLine]:
    for fields in _line_fields(rows, settled, lang):
        yield RoundLine(*fields)


def _line_fields(rows: Iterable[_FlatRow], settled: _Settled,
                 lang: str | None = None) -> Iterator[_Fields]:
    """Each row's RoundLine fields, in the dataclass's order."""
    settling, corrections = settled
    words: dict[tuple[object, ...], tuple[str, str, str, str]] = {}
    campaigns: dict[int, Campaign] = {}
    names_of: dict[int, dict[int, str]] = {}
    for row in rows:
        if row.campaign_id not in names_of:
            campaigns[row.campaign_id] = Campaign.get_by_id(row.campaign_id)
            rubric = rubric_of(campaigns[row.campaign_id])
            names_of[row.campaign_id] = {s.level: label({"zh": s.name_zh, "en": s.name_en}, lang)
                                         for s in rubric.star_levels}
        outcome = outcome_of(row)
        done = settling.get(row.id)
        upward = ""
        if row.upward_granted is not None:
            upward = " ".join(p for p in (row.upward_authority, row.upward_doc_no,
                                          str(row.upward_date or "")) if p)
        corrected = corrections.get(row.id, 0)
        # The words a line shows depend on these alone: worded once per distinct set (a campaign's
        # 100,000 schools have a few dozen), not four catalogue look-ups a school.
        key = (row.campaign_id, row.round.kind, row.entry, outcome, row.state, corrected, row.star_level)
        said = words.get(key)
        if said is None:
            names = names_of[row.campaign_id]
            outcome_label = (t("outcome.in_progress", lang, state=label(state(row.state), lang))
                             if outcome == "in_progress" else t(f"outcome.{outcome}", lang))
            if corrected:
                outcome_label += t("outcome.corrected", lang, count=corrected)
            said = (t(f"round.kind.{row.round.kind}", lang), t(f"round.entry.{row.entry}", lang), outcome_label,
                    _level_words(row, names, lang))
            if len(words) < _WORDS_KEPT:
                words[key] = said
        kind_label, entry_label, outcome_label, level_name = said
        yield (int(row.id), int(row.campaign_id), str(row.school.code), str(row.school.name), int(row.round.year),
               str(row.round.kind), kind_label, str(row.entry), entry_label, row.self_total, row.verified_total,
               row.prior_level, row.star_level, level_name, outcome, outcome_label,
               clock.local(done[0])[:10] if done is not None and outcome != "in_progress" else "",
               done[1] if done is not None else "", corrected, upward)
