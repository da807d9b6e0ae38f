"""Importing a sheet of scores (学校代码, 指标代码, 分值, 佐证材料): all rows or none."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from models.schema import Score
from workflow.door import load_campaign, write
from workflow.doors.scores import normalise, set_scores
from workflow.errors import ConflictError, GuardFailed, InvalidInput, PermissionDenied, WorkflowError
from workflow.i18n import Msg
from workflow.intake.tabular import cell_at, check_cell, read_rows
from workflow.permissions import Actor
from workflow.reads.queries import find_assessment
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
    """Check every row first (naming line and field), then save all schools in one transaction,
    into the round given (the campaign's open round when None)."""
    campaign = load_campaign(campaign_id)
    rubric = rubric_of(campaign)
    rows = read_rows(path, ALIASES, required=("school", "indicator", "value"))
    by_school: dict[str, dict[str, str]] = defaultdict(dict)
    notes: dict[str, dict[str, str]] = defaultdict(dict)
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        school = check_cell(path, line, "school", cells.get("school", ""))
        code = check_cell(path, line, "indicator", cells.get("indicator", ""))
        value = cells.get("value", "")
        if not school:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "school"), what=Msg("why.empty"))
        if (school, code) in seen:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                               what=Msg("why.duplicate_pair", school=school, code=code, line=seen[(school, code)]))
        seen[(school, code)] = line
        if not code:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"), what=Msg("why.empty"))
        try:
            leaf = rubric.find(code)
        except KeyError:
            leaf = None
        if leaf is None or not leaf.is_leaf:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "indicator"),
                               what=Msg("err.indicator_unknown", code=code[:40], rubric=rubric.id))
        try:
            normalise(rubric, code, value)
        except WorkflowError as exc:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "value"),
                               what=Msg(exc.key, **exc.params)) from exc
        by_school[school][code] = value
        if cells.get("evidence"):
            notes[school][code] = check_cell(path, line, "evidence", cells["evidence"])
    if not by_school:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.no_score_rows"))
    ids: dict[str, int] = {}
    for school in by_school:
        row = find_assessment(campaign.id, school, round_id)
        if row is None:
            line = next(ln for (s, _c), ln in seen.items() if s == school)
            raise InvalidInput("err.invalid", where=cell_at(path, line, "school"),
                               what=Msg("why.not_enrolled", school=school))
        ids[school] = int(row.id)

    def body() -> ScoreImport:
        carried_before = _carried(list(ids.values()), kind)
        for school, values in by_school.items():
            try:
                set_scores(actor, ids[school], values, kind=kind, evidence=notes.get(school))
            except (GuardFailed, PermissionDenied, ConflictError) as exc:
                # Name the school and its first line, or a 500-row sheet leaves the officer guessing.
                line = min(ln for (s, _c), ln in seen.items() if s == school)
                raise type(exc)("err.invalid", where=Msg("at.cell_school", path=str(path), line=line,
                                                         column=Msg("col.school"), school=school),
                                what=Msg(exc.key, **exc.params)) from exc
        left = _carried(list(ids.values()), kind)
        return ScoreImport(sum(len(v) for v in by_school.values()), len(by_school), carried_before - left, left)

    return write(body)


def _carried(assessment_ids: list[int], kind: str) -> int:
    return int(Score.select().where(Score.assessment.in_(assessment_ids) & (Score.kind == kind) & Score.carried)
               .count()) if assessment_ids else 0
