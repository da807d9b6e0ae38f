"""Adjusting thresholds recomputes a whole campaign with the same arithmetic as one school's."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from models.schema import Assessment, AuditEvent, Campaign, Score
from rubrics.scoring import score
from tests.workflow.helpers import ADMIN, EXPERT, setup_campaign
from workflow.doors.recompute import campaign_totals, change_thresholds, recompute_campaign
from workflow.errors import InvalidInput, PermissionDenied
from workflow.rubric_cache import rubric_of


def _random_scores(campaign: Campaign, seed: int) -> None:
    """Arbitrary stored leaves (incl. extension and bonus items) written straight to the table."""
    rubric = rubric_of(campaign)
    rng = random.Random(seed)
    rows = []
    for a in Assessment.select().where(Assessment.campaign == campaign.id):
        for kind in ("self", "verified"):
            for leaf in rubric.leaves():
                if rng.random() < 0.85:
                    steps = int(leaf.max_score * 2)
                    rows.append({"assessment": a.id, "code": leaf.code, "kind": kind,
                                 "value": Decimal(rng.randint(0, steps)) / 2, "entered_by": "t", "entered_at": "t"})
    Score.insert_many(rows).execute()


@pytest.mark.parametrize("rubric_id", ["henan-v2", "ningxia-2022"])
def test_sql_totals_equal_the_scoring_of_each_school(db: str, rubric_id: str) -> None:
    campaign = setup_campaign(rubric=rubric_id, schools=12)
    _random_scores(campaign, seed=len(rubric_id))
    rubric = rubric_of(campaign)
    totals = campaign_totals(campaign.id, rubric)
    for a in Assessment.select().where(Assessment.campaign == campaign.id):
        for kind in ("self", "verified"):
            values = {s.code: s.value for s in Score.select().where((Score.assessment == a.id) & (Score.kind == kind))}
            expected = score(rubric, values).total
            assert totals.get((a.id, kind), Decimal(0)) == expected, (a.id, kind)


def test_threshold_change_moves_open_levels_only(db: str) -> None:
    from workflow.doors.demo import spread

    campaign = setup_campaign(schools=4)
    rubric = rubric_of(campaign)
    rows = list(Assessment.select().where(Assessment.campaign == campaign.id).order_by(Assessment.id))
    for a, total in zip(rows, ["95", "100", "110", "130"], strict=True):
        Score.insert_many([{"assessment": a.id, "code": c, "kind": "verified", "value": v, "entered_by": "t",
                            "entered_at": "t"} for c, v in spread(rubric, Decimal(total)).items()]).execute()
    Assessment.update(state="verified").where(Assessment.id != rows[3].id).execute()
    Assessment.update(state="certified", star_level=3).where(Assessment.id == rows[3].id).execute()
    first = recompute_campaign(ADMIN, campaign.id)
    assert first.assessments == 4
    stars = {a.id: a.star_level for a in Assessment.select()}
    assert [stars[a.id] for a in rows] == [1, 1, 2, 3]
    summary = change_thresholds(ADMIN, campaign.id, {1: "96", 2: "100"}, reason="正式文件公布")
    stars = {a.id: a.star_level for a in Assessment.select()}
    assert [stars[a.id] for a in rows] == [None, 2, 2, 3]
    assert summary.levels_changed == 2
    assert summary.settled_would_change == 0
    assert rubric_of(Campaign.get_by_id(campaign.id)).star_levels[0].threshold == Decimal("96")
    change_thresholds(ADMIN, campaign.id, {3: "131"}, reason="再调")
    assert Assessment.get_by_id(rows[3].id).star_level == 3  # certified: kept until the annual review
    event = AuditEvent.select().where(AuditEvent.action == "campaign.thresholds").order_by(AuditEvent.seq).first()
    assert event.reason == "正式文件公布" and '"1": "90"' in event.payload and '"1": "96"' in event.payload


def test_bad_thresholds_are_refused_and_nothing_changes(db: str) -> None:
    campaign = setup_campaign(schools=2)
    before = Campaign.get_by_id(campaign.id).rubric_json
    with pytest.raises(InvalidInput, match="star level|星级|ascending|递增"):
        change_thresholds(ADMIN, campaign.id, {2: "80"}, reason="x")  # 2 stars below 1 star (90)
    with pytest.raises(InvalidInput, match="理由|reason"):
        change_thresholds(ADMIN, campaign.id, {1: "91"}, reason=" ")
    with pytest.raises(PermissionDenied):
        change_thresholds(EXPERT, campaign.id, {1: "91"}, reason="x")
    assert Campaign.get_by_id(campaign.id).rubric_json == before
