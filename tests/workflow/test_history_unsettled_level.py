"""A school's history (school history, the workbook's 历年记录) leaves the level blank while its round has not
settled it (trial: an enrolled school read 未达星级, as if found below every level, where status shows none);
未达星级 is for a school the round marked not rated. On SQLite and PostgreSQL."""

from __future__ import annotations

from tests.security.sql_edit import sql
from tests.workflow.helpers import ADMIN, setup_campaign
from workflow.reads.history import campaign_rounds, school_rounds


def test_an_enrolled_schools_level_is_blank_until_its_round_settles_it(db: str) -> None:
    campaign = setup_campaign()
    assert [line.level_name for line in school_rounds(ADMIN, "S001")] == [""]
    assert {line.level_name for line in campaign_rounds(ADMIN, campaign.id)} == {""}
    sql("UPDATE assessment SET state = 'not_rated' WHERE id = ?", school_rounds(ADMIN, "S001")[0].assessment_id)
    assert [line.level_name for line in school_rounds(ADMIN, "S001")] == ["未达星级"]
