"""Importing a sheet of scores (学校代码, 指标代码, 分值, 佐证材料): all rows or none."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, cast

from models.db import database, is_postgres
from models.schema import Assessment, School, Score
from rubrics.model import Rubric
from rubrics.scoring import checked_total, format_score
from workflow import audit, clock, gc_pause
from workflow.audit_facts import assessment_facts, changed_score_facts, score_entry
from workflow.door import load_assessment, load_campaign, write
from workflow.doors.bulk_copy import EMPTY, csv_cell
from workflow.doors.scores import KINDS, normalise
from workflow.errors import GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.i18n import Listing, Msg
from workflow.intake.tabular import STREAM_MAX_BYTES, cell_at, check_cell, open_table
from workflow.permissions import (
    Actor,
    require,
    require_school_scope,
    require_tier,
    round_assignments,
)
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
    # (leaf, text) -> its Words, normalised once: a province's sheet repeats the same few half points.
    words: dict[tuple[str, str], _Words] = {}
    seen_leaves: dict[int, int] = {}  # assessment id -> bit mask of the leaves its rows named
    first_line: dict[str, int] = {}
    left_carried: dict[int, int] = {}  # assessment id -> carried values its last save left (when any)
    db_form = _db_form()

    def cell(record: list[str], index: int | None) -> str:
        return record[index].strip() if index is not None and index < len(record) else ""

    def refuse_row(line: int, school: str, code: str, aid: int | None, position: int | None) -> None:
        """The row's error, in the order the checks have always gone (a school or leaf not found
        first names a formula or control character in it)."""
        if aid is None:
            check_cell(path, line, "school", school)
        if position is None:
            check_cell(path, line, "indicator", code)
        if not school:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "school"), what=Msg("why.empty"))

    def refuse_late(line: int, school: str, code: str, aid: int | None) -> None:
        if not code:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"), what=Msg("why.empty"))
        raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                           what=Msg("err.indicator_unknown", code=code[:40], rubric=rubric.id))

    def duplicate(line: int, school: str, code: str) -> InvalidInput:
        return InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                            what=Msg("why.duplicate_pair", school=school, code=code,
                                     line=_first_pair_line(path, school, code)))

    def word(line: int, code: str, value: str) -> _Words:
        try:
            parsed = normalise(rubric, code, value)
        except WorkflowError as exc:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "value"),
                               what=Msg(exc.key, **exc.params)) from exc
        shown = format_score(parsed)
        # Lists shared by every row that has this value: they are only ever written out, never changed.
        found = _Words(parsed, shown, [None, shown], score_entry(parsed, "", False), db_form(parsed))
        if len(words) < 100_000:
            words[(code, value)] = found
        return found

    if kind not in KINDS:
        raise InvalidInput("err.invalid", where=Msg("field.kind"),
                           what=Msg("why.not_one_of", value=kind, known=Listing(KINDS)))
    batch: list[tuple[int, dict[str, _Words], dict[str, str]]] = []
    replaced = 0

    def flush() -> None:
        nonlocal replaced
        try:
            replaced += _save_batch(actor, rubric, kind, batch, left_carried)
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
        aid_now = 0
        mask = 0  # the leaves named so far of the school being read (and of its earlier runs)
        values: dict[str, _Words] = {}
        notes: dict[str, str] = {}
        reach = max(at_school, at_code, at_value) + 1
        # The sheet comes school by school: each school is queued when its rows end and saved with a
        # page of others (a school whose rows come back later is saved again, its leaves checked as
        # one set across the file). Each row's checks are a few dictionary look-ups: 11 M rows.
        for line, record in records:
            if len(record) >= reach:
                school, code, value = record[at_school].strip(), record[at_code].strip(), record[at_value].strip()
            else:
                school, code, value = cell(record, at_school), cell(record, at_code), cell(record, at_value)
            if school == current:
                # 21 rows in 22: the school read on the line before (enrolled, its code clean), a leaf
                # of the rubric not yet named. The same checks as below, the ones that hold left out.
                position = leaves.get(code)
                if position is not None and not mask >> position & 1:
                    mask |= 1 << position
                    found = words.get((code, value))
                    values[code] = found if found is not None else word(line, code, value)
                    if at_note is not None:
                        note = cell(record, at_note)
                        if note:
                            notes[code] = check_cell(path, line, "evidence", note)
                    saved += 1
                    continue
            if school != current:
                aid = enrolled.get(school)
            else:
                aid = aid_now
            position = leaves.get(code)
            # A code found among the round's schools or the rubric's leaves is clean already; only
            # the others can be a formula or hold a control character (11 M cells in a province's sheet).
            if aid is None or position is None or not school:
                refuse_row(line, school, code, aid, position)
            if aid is not None and position is not None:
                if school != current:
                    if current is not None:
                        seen_leaves[aid_now] = mask
                        batch.append((aid_now, values, notes))
                        if len(batch) >= _BATCH:
                            flush()
                    current, aid_now, values, notes = school, aid, {}, {}
                    mask = seen_leaves.get(aid, 0)
                    first_line.setdefault(school, line)
                if mask >> position & 1:
                    raise duplicate(line, school, code)
                mask |= 1 << position
            if position is None:
                refuse_late(line, school, code, aid)
            found = words.get((code, value))
            if found is None:
                found = word(line, code, value)
            if aid is None:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "school"),
                                   what=Msg("why.not_enrolled", school=school))
            values[code] = found
            if at_note is not None:
                note = cell(record, at_note)
                if note:
                    notes[code] = check_cell(path, line, "evidence", note)
            saved += 1
        if current is None:
            raise InvalidInput("err.invalid", where=str(path), what=Msg("why.no_score_rows"))
        seen_leaves[aid_now] = mask
        batch.append((aid_now, values, notes))
        flush()
        return ScoreImport(saved, len(first_line), replaced, sum(left_carried.values()))

    # Millions of short-lived rows and a page of lasting ones, no cycles: the collector's passes were
    # a tenth of the CPU at 100,000 schools (workflow/gc_pause.py).
    with gc_pause.paused():
        return write(body)


_BATCH = 500  # schools saved together: one read of their scores, one executemany each way


class _Words(NamedTuple):
    """One (leaf, text) of a sheet as every place needs it, worked out once."""

    value: Decimal  # normalised and checked against its leaf
    shown: str  # as the payload's scores show it (format_score)
    added: list[str | None]  # the payload's change when there was no value before: [None, shown]
    fact: list[Any]  # as the audit facts hold it with no note and not carried (audit_facts.score_entry)
    stored: object  # what the score column is given (the field's db_value, as the driver binds it)


def _db_form() -> Callable[[Decimal], object]:
    """The score column's value as its field makes it; on SQLite already as text, as the driver's
    adapter for Decimal would make it (sqlite3's adapter is a Python call per row: 11 M of them)."""
    store = Score.value.db_value
    if is_postgres():
        return cast("Callable[[Decimal], object]", store)
    return lambda value: str(store(value))


class _SchoolRefused(Exception):
    """(school code, the WorkflowError): a guard refused one school of a batch."""


def _save_batch(actor: Actor, rubric: Rubric, kind: str, schools: list[tuple[int, dict[str, _Words], dict[str, str]]],
                left_carried: dict[int, int]) -> int:
    """What ``scores.set_scores`` does for one school, for a page of schools at once: the same
    guards (an open round, a state that takes this kind, a school user's own school), the same
    writes (a value over a carried one clears its mark; no note given keeps the stored one), the
    same totals, version and one ``score.<kind>`` audit row per school with the same payload.
    The per-school door spent 20 ms a school building SQL; here the SQL is built once a page.
    Records in ``left_carried`` how many carried values each school keeps; returns how many
    carried values were replaced."""
    from models.db import bulk_execute

    ids = [aid for aid, _v, _n in schools]
    info: dict[int, tuple[str, str, str, int]] = {}
    rows: dict[str, _SchoolSeen] = {}  # what the scope checks read of each school (its row, in effect)
    for aid, state, vetoes, code, campaign, school_id, school_name, region in _info(ids):
        info[aid] = (state, vetoes or "", code, campaign)
        rows[code] = _SchoolSeen(school_id, code, school_name, region or "")
    first = ids[0]
    try:
        require(actor, f"score.{kind}")
        opened = load_assessment(first, change=True)  # the round is open: every school of the sheet shares it
    except (GuardFailed, PermissionDenied) as exc:
        raise _SchoolRefused(info[first][2], exc) from exc
    scoring_round = opened.round if kind == "verified" else None
    assignments = None
    if scoring_round is not None and actor.role == "expert":  # the page's assignments read once
        assignments = round_assignments(actor, scoring_round, [school.id for school in rows.values()])
    for aid in ids:
        state, _vetoes, code, _campaign = info[aid]
        try:
            # A school user's own school, an officer's region; verified: an expert's recusal and assignment.
            require_school_scope(actor, code, scoring_round=scoring_round, campaign=opened.campaign,
                                 school=rows[code], assignments=assignments)
            if state not in SCORE_STATES[kind]:
                raise GuardFailed("err.score_phase", state=state_label(state), kind=Msg(f"word.{kind}"))
        except (GuardFailed, PermissionDenied) as exc:
            raise _SchoolRefused(code, exc) from exc
    existing: dict[int, dict[str, tuple[int, Decimal, str, bool]]] = {aid: {} for aid in ids}
    for sid, aid, code, value, evidence, carried in _existing(ids, kind):
        existing[aid][code] = (sid, value, evidence, carried)
    now = clock.stamp()
    name = actor.name
    inserts: list[tuple[int, str, object, str]] = []  # (assessment, leaf, value, evidence)
    updates: list[tuple[object, ...]] = []
    totals: list[tuple[object, ...]] = []
    audits = []
    replaced = 0
    store = Score.value.db_value
    provisional = rubric.is_provisional
    for aid, values, notes in schools:
        old_scores = existing[aid]
        changes: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        if old_scores:
            current = {code: value for code, (_sid, value, _e, _c) in old_scores.items()}
            replaced_carried: list[str] = []
            for code, found in values.items():
                old = old_scores.get(code)
                note = notes.get(code, old[2] if old else "")
                changes[code] = [format_score(old[1]) if old else None, found.shown]
                if old is None:
                    inserts.append((aid, code, found.stored, note))
                else:
                    if old[3]:
                        replaced_carried.append(code)
                    updates.append((found.stored, note, name, now, False, old[0]))
                current[code] = found.value
                facts[code] = score_entry(found.value, note, False) if note else found.fact
            left = sum(1 for code, held in old_scores.items() if held[3] and code not in values)
            if left:
                left_carried[aid] = left
            else:
                left_carried.pop(aid, None)
        elif not notes:  # a school's first scores, no notes: most of a province's first import
            replaced_carried = []
            current = {code: found.value for code, found in values.items()}
            changes = {code: found.added for code, found in values.items()}
            facts = {code: found.fact for code, found in values.items()}
            inserts += [(aid, code, found.stored, "") for code, found in values.items()]
        else:
            current = {}
            replaced_carried = []
            for code, found in values.items():
                note = notes.get(code, "")
                changes[code] = found.added
                inserts.append((aid, code, found.stored, note))
                current[code] = found.value
                facts[code] = score_entry(found.value, note, False) if note else found.fact
        # scores.total_of, from the values in hand, each parsed and checked already (a veto leaves the total).
        total = checked_total(rubric, current) if current else None
        totals.append((None if total is None else store(total), provisional, name, now, aid))
        payload: dict[str, Any] = {"scores": changes, "total": None if total is None else format_score(total)}
        if replaced_carried:
            payload["carried_replaced"] = replaced_carried
            replaced += len(replaced_carried)
        audits.append((aid, payload, facts))
    _insert_scores(kind, name, now, inserts)
    bulk_execute("UPDATE score SET value = {p}, evidence = {p}, entered_by = {p}, entered_at = {p}, carried = {p} "
                 "WHERE id = {p}", updates)
    column = "self_total" if kind == "self" else "verified_total"
    bulk_execute(f"UPDATE assessment SET {column} = {{p}}, provisional = {{p}}, version = version + 1, "
                 "updated_by = {p}, updated_at = {p} WHERE id = {p}", totals)
    after = assessment_facts(ids)  # last, after the writes: each school's facts as they now are, one read a page
    events = []
    for aid, payload, facts in audits:
        payload["facts"] = changed_score_facts(aid, kind, facts, after[str(aid)])
        state, _vetoes, code, campaign = info[aid]
        events.append(audit.Event(f"score.{kind}", campaign, aid, code, state, state, "", audit.payload_text(payload)))
    audit.append_many(actor.name, events)  # one row a school, as a save of its sheet writes
    return replaced


_ROWS_A_STATEMENT = 100


def _insert_scores(kind: str, actor: str, now: str, rows: list[tuple[int, str, object, str]]) -> None:
    """New scores (not carried), each ``(assessment id, leaf, value, evidence)``, entered by ``actor``
    at ``now``. On SQLite a hundred rows a statement with what they share bound once: binding the
    same kind, name and time again on each of 11 M rows was a third of their insert (executemany),
    and copy_rows' multi-row INSERT binds them too."""
    if is_postgres():
        # COPY (execute_batch sends a statement a row, each parsed and planned by the server), its
        # text made here: bulk_copy.copy_rows words each cell in Python, the shared ones 11 M times.
        quoted: dict[str, str] = {}  # the leaves' codes: a rubric's few dozen

        def cell(text: str) -> str:
            found = quoted.get(text)
            if found is None:
                found = quoted[text] = csv_cell(text)
            return found

        of_kind, tail = cell(kind), f"{cell(actor)},{cell(now)},false\n"
        text = "".join(f"{aid},{cell(code)},{of_kind},{value},{csv_cell(note) if note else EMPTY},{tail}"
                       for aid, code, value, note in rows)
        database.obj.cursor().copy_expert(
            "COPY score (assessment_id, code, kind, value, evidence, entered_by, entered_at, carried) "
            "FROM STDIN WITH (FORMAT csv)", io.StringIO(text))
        return
    bound = (kind, actor, now)
    cursor = database.obj.cursor()
    for start in range(0, len(rows), _ROWS_A_STATEMENT):
        page = rows[start:start + _ROWS_A_STATEMENT]
        # ?1-?3 are the shared values; the rows' own parameters number on from ?4 (sqlite3 keeps
        # each statement prepared: one for a full page, one for the last).
        statement = _FULL_PAGE if len(page) == _ROWS_A_STATEMENT else _insert_statement(len(page))
        cursor.execute(statement, bound + tuple(chain.from_iterable(page)))


def _insert_statement(rows: int) -> str:
    return ("INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at, carried) "
            "SELECT column1, column2, ?1, column3, column4, ?2, ?3, 0 FROM (VALUES "
            + ", ".join(["(?, ?, ?, ?)"] * rows) + ")")


_FULL_PAGE = _insert_statement(_ROWS_A_STATEMENT)


class _SchoolSeen(NamedTuple):
    """What the scope checks read of a school (permissions.require_school_scope's ``school``)."""

    id: int
    code: str
    name: str
    region_code: str


def _info(ids: list[int]) -> Iterator[tuple[int, str, str | None, str, int, int, str, str | None]]:
    """(id, state, vetoes, school code, campaign id, school id, school name, school region) of each
    assessment: plain SQL, as peewee built a 500-id query in about as long as the database ran it (and
    its model rows of the schools were a tenth of a province admin's import)."""
    marks = ", ".join([database.obj.param] * len(ids))
    yield from database.execute_sql(
        "SELECT a.id, a.state, a.vetoes, s.code, a.campaign_id, s.id, s.name, s.region_code FROM assessment AS a "
        f"JOIN school AS s ON s.id = a.school_id WHERE a.id IN ({marks})", tuple(ids))


def _existing(ids: list[int], kind: str) -> Iterator[tuple[int, int, str, Decimal, str, bool]]:
    """(id, assessment id, leaf, value, evidence, carried) of the schools' stored scores of ``kind``."""
    marks = ", ".join([database.obj.param] * len(ids))
    decimal = Score.value.python_value
    for sid, aid, code, value, evidence, carried in database.execute_sql(
            "SELECT id, assessment_id, code, value, evidence, carried FROM score "
            f"WHERE assessment_id IN ({marks}) AND kind = {database.obj.param}", (*ids, kind)):
        yield sid, aid, code, decimal(value), evidence, bool(carried)


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
