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
