"""Every page of the list's second half is read from the index's far end (End and the pages before it at
500,000 schools: OFFSET took 0.7-0.9 s on PostgreSQL) and holds exactly what OFFSET reads, in every sort."""

from __future__ import annotations

import pytest

from tui.school_query import PAGE, Query, page_rows
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.demo import ADMIN
from workflow.doors.schools import SchoolRow, import_schools
from workflow.reads import queries

WINDOWS = {"mobilization": ("2025-05-06", "2025-05-31"), "self_evaluation": ("2025-06-01", "2025-06-30"),
           "verification": ("2025-07-01", "2025-07-15"), "promotion": ("2025-07-16", "2025-12-31")}


@pytest.mark.parametrize("sort,descending", [("display_order", False), ("display_order", True), ("code", False),
                                             ("verified_total", True), ("state", False)])
def test_pages_near_the_end_equal_offset_reads(demo: int, sort: str, descending: bool) -> None:
    import_schools(ADMIN, [SchoolRow(f"T{i:04d}", f"测试{i}校", "测试镇", "小学", 1000 + i % 7) for i in range(350)],
                   source="test")
    many = create_campaign(ADMIN, year=2025, region="泾源县", title="泾源县2025年智慧校园星级评定",
                           rubric="ningxia-2022", windows=dict(WINDOWS))
    enrol(ADMIN, many.id)
    query = Query(campaign_id=many.id, sort=sort, descending=descending)
    total = queries.count_rows(many.id)
    assert total > 3 * PAGE
    for start in range(0, total, PAGE // 2):
        by_offset = queries.school_rows(many.id, sort=sort, descending=descending, limit=PAGE, offset=start)
        assert page_rows(query, start, total) == by_offset, (start, total)
