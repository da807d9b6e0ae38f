"""Enrol all (one INSERT … SELECT): every registered school not yet in the round, once, audited."""

from __future__ import annotations

import json

from models.schema import Assessment, AuditEvent, School
from tests.workflow.helpers import ADMIN, setup_campaign
from workflow.doors.campaigns import enrol
from workflow.doors.schools import SchoolRow, import_schools
from workflow.statemachine.declaration import INITIAL_STATE


def test_enrol_all_adds_only_the_schools_not_yet_in(db: str) -> None:
    campaign = setup_campaign(schools=3)
    import_schools(ADMIN, [SchoolRow("S900", "后来的学校", "新民乡", "初中", 0),
                           SchoolRow("S901", "又一所", "新民乡", "小学", 9)])
    assert enrol(ADMIN, campaign.id) == 2
    assert enrol(ADMIN, campaign.id) == 0
    rows = list(Assessment.select().join(School).where(School.code.in_(["S900", "S901"])))
    assert {r.school.code for r in rows} == {"S900", "S901"}
    for row in rows:
        assert (row.state, row.version, row.provisional, row.vetoes, row.entry, row.updated_by) == (
            INITIAL_STATE, 1, False, "", "initial", ADMIN.name)
        assert row.round_id is not None and row.self_total is None
    logged = [{k: v for k, v in json.loads(e.payload).items() if k != "facts"}  # facts: audit replay's
              for e in AuditEvent.select().where(AuditEvent.action == "campaign.enrol").order_by(AuditEvent.seq)]
    # Display order first (S900 has order 0), as the register lists them.
    assert logged[-2] == {"count": 2, "schools": ["S900", "S901"]}
    assert logged[-1] == {"count": 0, "schools": []}
    assert Assessment.select().where(Assessment.campaign == campaign.id).count() == 5
