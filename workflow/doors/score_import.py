"""Importing a sheet of scores (学校代码, 指标代码, 分值, 佐证材料): all rows or none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from models.schema import Assessment, School, Score
from workflow.door import load_campaign, write
from workflow.doors.scores import normalise, set_scores
from workflow.errors import ConflictError, GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.i18n import Msg
from workflow.intake.tabular import STREAM_MAX_BYTES, cell_at, check_cell, open_table
from workflow.permissions import Actor
from workflow.reads.queries import round_id_of
from workflow.rubric_cache import rubric_of

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
        for line, record in records:
            school = check_cell(path, line, "school", cell(record, at_school))
            code = check_cell(path, line, "indicator", cell(record, at_code))
            value = cell(record, at_value)
            if not school:
                raise InvalidInput("err.invalid", where=cell_at(path, line, "school"), what=Msg("why.empty"))
            aid = enrolled.get(school)
            position = leaves.get(code)
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
            note = cell(record, at_note)
            yield line, school, code, value, check_cell(path, line, "evidence", note) if note else ""

    def save(school: str, values: dict[str, str], notes: dict[str, str]) -> None:
        try:
            set_scores(actor, enrolled[school], values, kind=kind, evidence=notes or None)
        except (GuardFailed, PermissionDenied, ConflictError) as exc:
            # Name the school and its first line, or a 500-row sheet leaves the officer guessing.
            raise type(exc)("err.invalid", where=Msg("at.cell_school", path=str(path), line=first_line[school],
                                                     column=Msg("col.school"), school=school),
                            what=Msg(exc.key, **exc.params)) from exc

    def body() -> ScoreImport:
        carried_before = 0
        saved = 0
        current: str | None = None
        values: dict[str, str] = {}
        notes: dict[str, str] = {}
        # The sheet comes school by school: each school is saved when its rows end (a school
        # whose rows come back later is saved again, its leaves checked as one set across the file).
        for _line, school, code, value, note in rows():
            if school != current:
                if current is not None:
                    carried_before += _carried([enrolled[current]], kind, list(values))
                    save(current, values, notes)
                current, values, notes = school, {}, {}
            values[code] = value
            if note:
                notes[code] = note
            saved += 1
        if current is None:
            raise InvalidInput("err.invalid", where=str(path), what=Msg("why.no_score_rows"))
        carried_before += _carried([enrolled[current]], kind, list(values))
        save(current, values, notes)
        touched = list(seen_leaves)
        left = sum(_carried(touched[at:at + 500], kind) for at in range(0, len(touched), 500))
        return ScoreImport(saved, len(first_line), carried_before, left)

    return write(body)


def _first_pair_line(path: Path, school: str, code: str) -> int:
    """The line where (school, leaf) first came: read again only when a sheet repeats a pair."""
    fields, records = open_table(path, ALIASES, required=("school", "indicator", "value"), limit=STREAM_MAX_BYTES)
    for line, record in records:
        cells = [record[i].strip() if i < len(record) else "" for i in (fields["school"], fields["indicator"])]
        if cells == [school, code]:
            return line
    return 0


def _carried(assessment_ids: list[int], kind: str, codes: list[str] | None = None) -> int:
    """Carried values (沿用) of ``kind`` among the schools, or among their ``codes``."""
    if not assessment_ids:
        return 0
    query = Score.select().where(Score.assessment.in_(assessment_ids) & (Score.kind == kind) & Score.carried)
    if codes is not None:
        query = query.where(Score.code.in_(codes))
    return int(query.count())
