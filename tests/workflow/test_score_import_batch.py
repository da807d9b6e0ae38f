"""A score sheet is saved a page of schools at a time: each school ends as set_scores would leave
it (values, notes, total, version, one audit row with the same payload), the chain verifies, and a
refused school is named with its first line."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from models.schema import Assessment, AuditEvent, School, Score
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, SCHOOL_A, setup_campaign
from workflow.audit_verify import verify_chain
from workflow.doors.score_import import import_scores
from workflow.doors.scores import set_scores
from workflow.errors import InvalidInput, PermissionDenied


def _state(code: str) -> tuple[object, ...]:
    row = Assessment.select().join(School).where(School.code == code).get()
    scores = sorted((s.code, s.value, s.evidence, s.entered_by, s.carried)
                    for s in Score.select().where(Score.assessment == row.id))
    last = (AuditEvent.select().where(AuditEvent.school_code == code).order_by(AuditEvent.seq.desc()).get())
    payload = json.loads(last.payload)
    payload.pop("facts", None)
    return row.self_total, row.version, row.provisional, row.updated_by, scores, last.action, payload


def test_an_imported_school_ends_as_set_scores_leaves_it(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=3)
    codes = [leaf.code for leaf in builtin_rubric("henan-v2").leaves()[:3]]
    sheet = tmp_path / "scores.csv"
    # A note with a comma and quotes: PostgreSQL takes the rows through COPY's csv text.
    sheet.write_text("学校代码,指标代码,分值,佐证材料\n" + f'S001,{codes[0]},1,"合同,""甲方"""\n'
                     + "".join(f"S001,{c},0.5,\n" for c in codes[1:]), encoding="utf-8")
    done = import_scores(ADMIN, campaign.id, sheet)
    assert (done.values, done.schools) == (3, 1)
    set_scores(ADMIN, Assessment.select().join(School).where(School.code == "S002").get().id,
               {codes[0]: "1", codes[1]: "0.5", codes[2]: "0.5"}, evidence={codes[0]: '合同,"甲方"'})
    assert _state("S001") == _state("S002")

    # Again without notes: the values change, the stored note stays, the payload shows old and new.
    sheet.write_text("学校代码,指标代码,分值\n" + "".join(f"S001,{c},1\n" for c in codes), encoding="utf-8")
    import_scores(ADMIN, campaign.id, sheet)
    set_scores(ADMIN, Assessment.select().join(School).where(School.code == "S002").get().id,
               {c: "1" for c in codes})
    assert _state("S001") == _state("S002")
    assert _state("S001")[-1]["scores"][codes[1]] == ["0.5", "1"]
    assert verify_chain().ok


def test_a_school_user_naming_another_school_is_refused_at_its_line(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=3)
    code = builtin_rubric("henan-v2").leaves()[0].code
    sheet = tmp_path / "scores.csv"
    sheet.write_text(f"学校代码,指标代码,分值\nS001,{code},1\nS002,{code},1\n", encoding="utf-8")
    with pytest.raises(PermissionDenied, match=r"scores\.csv:3"):
        import_scores(SCHOOL_A, campaign.id, sheet)
    assert Score.select().count() == 0  # S001's row went back with the rest


@pytest.mark.parametrize(("second_row", "field", "says"), [
    ("{leaf0},1,", "指标代码", "第2行"),  # the leaf the row before named: a repeated pair
    ("9.9,1,", "指标代码", "9.9"),  # no such leaf
    ("{leaf1},八,", "分值", "八"),
    ("{leaf1},99,", "分值", "99"),  # above the leaf's maximum
    ("{leaf1},1,=HYPERLINK(1)", "佐证材料", "=HYPERLINK"),
])
def test_a_bad_row_inside_a_schools_run_is_named_at_its_line(db: str, tmp_path: Path, second_row: str, field: str,
                                                             says: str) -> None:
    """Each school's rows after its first take a shorter path (the school is known): a bad one is
    still refused by line and field, and nothing is saved."""
    campaign = setup_campaign(schools=2)
    leaves = [leaf.code for leaf in builtin_rubric("henan-v2").leaves()[:2]]
    sheet = tmp_path / "scores.csv"
    sheet.write_text("学校代码,指标代码,分值,佐证材料\n" + f"S001,{leaves[0]},1,\n"
                     + "S001," + second_row.format(leaf0=leaves[0], leaf1=leaves[1]) + "\n"
                     + f"S002,{leaves[0]},1,\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        import_scores(ADMIN, campaign.id, sheet)
    assert f"{sheet}:3:{field}" in str(refused.value) and says in str(refused.value), str(refused.value)
    assert Score.select().count() == 0


def test_the_collector_is_held_through_the_saves_and_back_after(db: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Millions of rows and no cycles: the cyclic collector is off while a sheet is saved
    (workflow/gc_pause.py) and on again after it, saved or refused."""
    from workflow.doors import score_import

    campaign = setup_campaign(schools=2)
    leaf = builtin_rubric("henan-v2").leaves()[0].code
    collector_on: list[bool] = []
    save_batch = score_import._save_batch

    def watched(*args: object, **kwargs: object) -> int:
        collector_on.append(gc.isenabled())
        return save_batch(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(score_import, "_save_batch", watched)
    sheet = tmp_path / "scores.csv"
    sheet.write_text(f"学校代码,指标代码,分值\nS001,{leaf},1\nS002,{leaf},1\n", encoding="utf-8")
    assert gc.isenabled()
    import_scores(ADMIN, campaign.id, sheet)
    assert collector_on == [False] and gc.isenabled()
    sheet.write_text(f"学校代码,指标代码,分值\nS001,{leaf},1\nS009,{leaf},1\n", encoding="utf-8")
    with pytest.raises(InvalidInput):
        import_scores(ADMIN, campaign.id, sheet)
    assert gc.isenabled()
