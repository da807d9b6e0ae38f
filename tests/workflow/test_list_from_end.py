"""End in the school list reads the last page from the far end of the order: the same rows, in the
same order, as paging there with OFFSET would give, for every sort, both directions, with ties and
with schools that have no score yet (NULL totals) among them."""

from __future__ import annotations

import pytest

from tests.workflow.helpers import ADMIN, assessment, setup_campaign
from workflow.doors.campaigns import advance_campaign
from workflow.doors.sheet_entry import save_leaf
from workflow.reads.queries import SORTABLE, school_rows
from workflow.statemachine.events import fire


@pytest.mark.parametrize("descending", [False, True])
def test_the_last_page_read_from_the_end_is_the_last_page(db: str, descending: bool) -> None:
    campaign = setup_campaign("henan-v2", schools=7)
    advance_campaign(ADMIN, campaign.id)
    for number, value in zip(range(1, 5), ["2", "1", "2", "3"], strict=True):  # a tie, and three with none
        row = assessment(campaign, f"S{number:03d}")
        fire(ADMIN, row.id, "start_self_evaluation")
        save_leaf(ADMIN, row.id, "A1.1", value, kind="self", expected_version=None)
    whole = {sort: school_rows(campaign.id, sort=sort, descending=descending, limit=1000) for sort in SORTABLE}
    assert [r.self_total is None for r in whole["self_total"]].count(True) == 3
    for sort, rows in whole.items():
        assert len(rows) == 7
        for size in (1, 3, 6):
            tail = school_rows(campaign.id, sort=sort, descending=descending, limit=size, from_end=True)
            assert [r.code for r in tail] == [r.code for r in rows[-size:]], (sort, size)
