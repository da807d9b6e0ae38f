"""A score sheet imported into a campaign is held to the same region rules as a score typed in: another
county's campaign reads as one that does not exist (before the file is opened), and a city's admin does
not write into its counties' campaigns (the tier rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.schema import Score
from tests.workflow.region_fixture import ROOT, build_province
from workflow.doors.score_import import import_scores
from workflow.doors.users import actor_for, add_user
from workflow.errors import NotFound, PermissionDenied
from workflow.reads.queries import find_assessment
from workflow.statemachine.events import fire


def _sheet(tmp_path: Path, school: str) -> Path:
    path = tmp_path / "scores.csv"
    path.write_text(f"学校代码,指标代码,分值\n{school},A1.1,1\n", encoding="utf-8")
    return path


def test_a_score_sheet_stays_inside_the_officers_region_and_tier(db: str, tmp_path: Path) -> None:
    province = build_province()
    zhongyuan, erqi = province.campaigns["410102"], province.campaigns["410103"]
    for code, campaign in (("41010201", zhongyuan), ("41010301", erqi)):
        row = find_assessment(campaign.id, code)
        assert row is not None
        fire(ROOT, row.id, "start_self_evaluation")

    # Another county's campaign: the refusal an unknown campaign gets, and the file is never read.
    with pytest.raises(NotFound) as other:
        import_scores(province.admin("410102"), erqi.id, tmp_path / "never-read.csv")
    with pytest.raises(NotFound) as unknown:
        import_scores(province.admin("410102"), 99999, tmp_path / "never-read.csv")
    assert other.value.message("zh").replace(str(erqi.id), "N") == unknown.value.message("zh").replace("99999", "N")

    # The city reads its counties but does not score in their campaigns.
    add_user(ROOT, "admin-4101", "admin", region_code="4101")
    with pytest.raises(PermissionDenied) as city:
        import_scores(actor_for("admin-4101"), zhongyuan.id, _sheet(tmp_path, "41010201"))
    assert "中原区" in city.value.message("zh")
    assert not Score.select().exists(), "a refused sheet wrote scores"

    # The county's own campaign still takes its own sheet.
    done = import_scores(province.admin("410102"), zhongyuan.id, _sheet(tmp_path, "41010201"))
    assert done.schools == 1
    assert [s.value for s in Score.select()] == [1]


def test_an_experts_sheet_keeps_recusal_and_assignment_and_reads_no_school_a_row(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scope checks of a sheet read its page of schools (and the round's assignments) at once:
    a province's 500,000 schools were a query each. The rules stay those of a score typed in."""
    from models.schema import Assessment, School
    from workflow.doors.assignments import assign_experts

    province = build_province()
    Assessment.update(state="verifying").execute()  # verification, as test_regions sets it
    reads: list[object] = []
    get_or_none = School.get_or_none

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return get_or_none(*args, **kwargs)

    monkeypatch.setattr(School, "get_or_none", counted)
    expert = province.expert  # comes from 41010201
    zhongyuan, erqi = province.campaigns["410102"], province.campaigns["410103"]

    def sheet(*schools: str) -> Path:
        path = tmp_path / "verified.csv"
        path.write_text("学校代码,指标代码,分值\n" + "".join(f"{s},A1.1,1\n" for s in schools), encoding="utf-8")
        return path

    with pytest.raises(PermissionDenied, match="回避"):
        import_scores(expert, zhongyuan.id, sheet("41010202", "41010201"), kind="verified")
    assert reads == []
    assign_experts(ROOT, "expert-z", ["41010301"], campaign_id=erqi.id)
    reads.clear()  # the assignment door's own reads of its schools, not the sheet's
    with pytest.raises(PermissionDenied, match="41010302）未分配给专家“expert-z”"):
        import_scores(expert, erqi.id, sheet("41010301", "41010302"), kind="verified")
    assert not Score.select().exists()
    assert import_scores(expert, erqi.id, sheet("41010301"), kind="verified").schools == 1
    assert import_scores(expert, zhongyuan.id, sheet("41010202"), kind="verified").schools == 1  # no assignments
    county = province.admin("410102")
    assert import_scores(county, zhongyuan.id, sheet("41010201", "41010202"), kind="verified").schools == 2
    assert reads == []
