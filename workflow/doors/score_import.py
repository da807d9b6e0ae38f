"""Importing a sheet of scores (学校代码, 指标代码, 分值, 佐证材料): all rows or none."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from models.schema import Assessment, School, Score
from rubrics.model import Rubric
from rubrics.scoring import checked_total, format_score
from workflow import audit, clock
from workflow.audit_facts import assessment_facts, score_change_facts
from workflow.door import load_assessment, load_campaign, write
from workflow.doors.scores import KINDS, normalise
from workflow.errors import GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.i18n import Listing, Msg
from workflow.intake.tabular import STREAM_MAX_BYTES, cell_at, check_cell, open_table
from workflow.permissions import Actor, require, require_school_scope, require_tier
from workflow.reads.queries import round_id_of
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import SCORE_STATES
from workflow.statemachine.guards import state_label

ALIASES: dict[str, tuple[str, ...]] = {
    "school": ("学校代码", "代码", "school", "school_code"),
    "indicator": ("指标代码", "指标", "indicator", "code"),
    "value": ("分值", "得分", "分数", "score", "value"),
    "evidence": ("佐证材料", "佐证", "evidence", "note"),
}


class ScoreImport(NamedTuple):
    """What an import did: values and schools saved, and (in a review round) how many values it
    replaced that were carried from the last round, and how many carried ones it left."""

    values: int
    schools: int
    replaced_carried: int = 0
    still_carried: int = 0


def import_scores(actor: Actor, campaign_id: int, path: Path, *, kind: str = "self",
                  round_id: int | None = None) -> ScoreImport:
    """Save every row of the sheet, school by school as the file is read, in one transaction
    (into the round given; the campaign's open round when None): a bad row anywhere, named by
    line and field, rolls every school back, so it is still all rows or none.

    Nothing grows with the file but one small entry per school (its assessment, the leaves seen,
    its first line): a 500,000-school sheet (11 M rows, about 300 MB) is read as a stream, not
    held, and files up to STREAM_MAX_BYTES are taken."""
    campaign = load_campaign(campaign_id)
    # Before the file is read: another region's campaign is refused as one that does not exist (its
    # rubric, its register and which codes it enrolled stay unseen), and an admin with a region scores
    # only its own tier's campaigns (a county does not rewrite the province's review of its school).
    require(actor, f"score.{kind}")
    require_tier(actor, campaign)
    rubric = rubric_of(campaign)
    fields, records = open_table(path, ALIASES, required=("school", "indicator", "value"), limit=STREAM_MAX_BYTES)
    at_school, at_code, at_value = fields["school"], fields["indicator"], fields["value"]
    at_note = fields.get("evidence")
    in_round = round_id_of(campaign.id, round_id)
    # One read of the round's register instead of a query per school.
    enrolled = dict(Assessment.select(School.code, Assessment.id).join(School)
                    .where(Assessment.round == in_round).tuples().iterator())
    leaves = {leaf.code: i for i, leaf in enumerate(rubric.leaves())}
    checked: dict[tuple[str, str], None] = {}  # (leaf, text) pairs already normalised: values repeat
    seen_leaves: dict[int, int] = {}  # assessment id -> bit mask of the leaves its rows named
    first_line: dict[str, int] = {}

    def cell(record: list[str], index: int | None) -> str:
        return record[index].strip() if index is not None and index < len(record) else ""

    def rows() -> Iterator[tuple[int, str, str, str, str]]:
        reach = max(at_school, at_code, at_value) + 1
        for line, record in records:
            if len(record) >= reach:
                school, code, value = record[at_school].strip(), record[at_code].strip(), record[at_value].strip()
            else:
                school, code, value = cell(record, at_school), cell(record, at_code), cell(record, at_value)
            aid = enrolled.get(school)
            position = leaves.get(code)
            # A code found among the round's schools or the rubric's leaves is clean already; only
            # the others can be a formula or hold a control character (11 M cells in a province's sheet).
            if aid is None:
                check_cell(path, line, "school", school)
            if position is None:
                check_cell(path, line, "indicator", code)
            if not school:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "school"), what=Msg("why.empty"))
            if aid is not None and position is not None:
                mask = seen_leaves.get(aid, 0)
                if mask >> position & 1:
                    raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                                       what=Msg("why.duplicate_pair", school=school, code=code,
                                                line=_first_pair_line(path, school, code)))
                seen_leaves[aid] = mask | 1 << position
            if not code:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"), what=Msg("why.empty"))
            if position is None:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                                   what=Msg("err.indicator_unknown", code=code[:40], rubric=rubric.id))
            if (code, value) not in checked:
                try:
                    normalise(rubric, code, value)
                except WorkflowError as exc:
                    raise InvalidInput("err.invalid", where=cell_at(path, line, "value"),
                                       what=Msg(exc.key, **exc.params)) from exc
                if len(checked) < 100_000:
                    checked[(code, value)] = None
            if aid is None:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "school"),
                                   what=Msg("why.not_enrolled", school=school))
            first_line.setdefault(school, line)
            note = cell(record, at_note) if at_note is not None else ""
            yield line, school, code, value, check_cell(path, line, "evidence", note) if note else ""

    if kind not in KINDS:
        raise InvalidInput("err.invalid", where=Msg("field.kind"),
                           what=Msg("why.not_one_of", value=kind, known=Listing(KINDS)))
    batch: list[tuple[str, dict[str, str], dict[str, str]]] = []
    parsed: dict[tuple[str, str], Decimal] = {}
    replaced = 0

    def flush() -> None:
        nonlocal replaced
        try:
            replaced += _save_batch(actor, rubric, kind, [(enrolled[s], v, n) for s, v, n in batch], parsed)
        except _SchoolRefused as refused:
            school, exc = refused.args
            # Name the school and its first line, or a 500-row sheet leaves the officer guessing.
            raise type(exc)("err.invalid", where=Msg("at.cell_school", path=str(path), line=first_line[school],
                                                     column=Msg("col.school"), school=school),
                            what=Msg(exc.key, **exc.params)) from exc
        batch.clear()

    def body() -> ScoreImport:
        saved = 0
        current: str | None = None
        values: dict[str, str] = {}
        notes: dict[str, str] = {}
        # The sheet comes school by school: each school is queued when its rows end and saved with a
        # page of others (a school whose rows come back later is saved again, its leaves checked as
        # one set across the file).
        for _line, school, code, value, note in rows():
            if school != current:
                if current is not None:
                    batch.append((current, values, notes))
                    if len(batch) >= _BATCH:
                        flush()
                current, values, notes = school, {}, {}
            values[code] = value
            if note:
                notes[code] = note
            saved += 1
        if current is None:
            raise InvalidInput("err.invalid", where=str(path), what=Msg("why.no_score_rows"))
        batch.append((current, values, notes))
        flush()
        touched = list(seen_leaves)
        left = sum(_carried(touched[at:at + 500], kind) for at in range(0, len(touched), 500))
        return ScoreImport(saved, len(first_line), replaced, left)

    return write(body)


_BATCH = 500  # schools saved together: one read of their scores, one executemany each way


class _SchoolRefused(Exception):
    """(school code, the WorkflowError): a guard refused one school of a batch."""


def _save_batch(actor: Actor, rubric: Rubric, kind: str, schools: list[tuple[int, dict[str, str], dict[str, str]]],
                parsed: dict[tuple[str, str], Decimal]) -> int:
    """What ``scores.set_scores`` does for one school, for a page of schools at once: the same
    guards (an open round, a state that takes this kind, a school user's own school), the same
    writes (a value over a carried one clears its mark; no note given keeps the stored one), the
    same totals, version and one ``score.<kind>`` audit row per school with the same payload.
    The per-school door spent 20 ms a school building SQL; here the SQL is built once a page.
    Returns how many carried values were replaced."""
    from models.db import bulk_execute

    ids = [aid for aid, _v, _n in schools]
    info = {aid: (state, vetoes or "", code, campaign)
            for aid, state, vetoes, code, campaign in Assessment.select(
                Assessment.id, Assessment.state, Assessment.vetoes, School.code, Assessment.campaign)
            .join(School).where(Assessment.id.in_(ids)).tuples()}
    first = ids[0]
    try:
        require(actor, f"score.{kind}")
        opened = load_assessment(first, change=True)  # the round is open: every school of the sheet shares it
    except (GuardFailed, PermissionDenied) as exc:
        raise _SchoolRefused(info[first][2], exc) from exc
    for aid in ids:
        state, _vetoes, code, _campaign = info[aid]
        try:
            # A school user's own school, an officer's region; verified: an expert's recusal and assignment.
            require_school_scope(actor, code, scoring_round=opened.round if kind == "verified" else None,
                                 campaign=opened.campaign)
            if state not in SCORE_STATES[kind]:
                raise GuardFailed("err.score_phase", state=state_label(state), kind=Msg(f"word.{kind}"))
        except (GuardFailed, PermissionDenied) as exc:
            raise _SchoolRefused(code, exc) from exc
    existing: dict[int, dict[str, tuple[int, Decimal, str, bool]]] = {aid: {} for aid in ids}
    for sid, aid, code, value, evidence, carried in Score.select(
            Score.id, Score.assessment, Score.code, Score.value, Score.evidence, Score.carried).where(
            Score.assessment.in_(ids) & (Score.kind == kind)).tuples():
        existing[aid][code] = (sid, Score.value.python_value(value), evidence, bool(carried))
    now = clock.stamp()
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    totals: list[tuple[object, ...]] = []
    audits = []
    replaced = 0
    store = Score.value.db_value
    for aid, values, notes in schools:
        old_scores = existing[aid]
        current = {code: value for code, (_sid, value, _e, _c) in old_scores.items()}
        changes: dict[str, Any] = {}
        stored: dict[str, tuple[Any, str, bool] | None] = {}
        replaced_carried: list[str] = []
        for code, text in values.items():
            value = parsed.get((code, text))
            if value is None:
                value = parsed[(code, text)] = normalise(rubric, code, text)
            old = old_scores.get(code)
            note = notes.get(code, old[2] if old else "")
            changes[code] = [format_score(old[1]) if old else None, format_score(value)]
            if old is None:
                inserts.append((aid, code, kind, store(value), note, actor.name, now, False))
            else:
                if old[3]:
                    replaced_carried.append(code)
                updates.append((store(value), note, actor.name, now, False, old[0]))
            current[code] = value
            stored[code] = (value, note, False)
        # scores.total_of, from the values in hand, each parsed and checked already (a veto leaves the total).
        total = checked_total(rubric, current) if current else None
        totals.append((None if total is None else store(total), rubric.is_provisional, actor.name, now, aid))
        payload: dict[str, Any] = {"scores": changes, "total": None if total is None else format_score(total)}
        if replaced_carried:
            payload["carried_replaced"] = replaced_carried
            replaced += len(replaced_carried)
        audits.append((aid, payload, stored))
    bulk_execute("INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at, carried) "
                 "VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})", inserts)
    bulk_execute("UPDATE score SET value = {p}, evidence = {p}, entered_by = {p}, entered_at = {p}, carried = {p} "
                 "WHERE id = {p}", updates)
    column = "self_total" if kind == "self" else "verified_total"
    bulk_execute(f"UPDATE assessment SET {column} = {{p}}, provisional = {{p}}, version = version + 1, "
                 "updated_by = {p}, updated_at = {p} WHERE id = {p}", totals)
    after = assessment_facts(ids)  # last, after the writes: each school's facts as they now are, one read a page
    events = []
    for aid, payload, stored in audits:
        payload["facts"] = score_change_facts(aid, kind, stored, after[str(aid)])
        state, _vetoes, code, campaign = info[aid]
        events.append(audit.Event(f"score.{kind}", campaign, aid, code, state, state, "", audit.payload_text(payload)))
    audit.append_many(actor.name, events)  # one row a school, as a save of its sheet writes
    return replaced


def _first_pair_line(path: Path, school: str, code: str) -> int:
    """The line where (school, leaf) first came: read again only when a sheet repeats a pair."""
    fields, records = open_table(path, ALIASES, required=("school", "indicator", "value"), limit=STREAM_MAX_BYTES)
    for line, record in records:
        cells = [record[i].strip() if i < len(record) else "" for i in (fields["school"], fields["indicator"])]
        if cells == [school, code]:
            return line
    return 0


def _carried(assessment_ids: list[int], kind: str) -> int:
    """Carried values (沿用) of ``kind`` left among the schools."""
    if not assessment_ids:
        return 0
    return int(Score.select().where(Score.assessment.in_(assessment_ids) & (Score.kind == kind) & Score.carried)
               .count())
