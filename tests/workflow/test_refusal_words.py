"""Refusals worded as Chinese prose is written (officer trial, session 11): a campaign title that has its own
quotation marks, set inside the refusal's, takes single ones (“…‘…’…”, never “…“…”…”); a level compared in a
review says its unit (原为4星，复核为2星), not bare numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.schema import Assessment, Campaign
from rubrics.loader import builtin_rubric
from tests.demo_copy import load_demo
from tests.workflow.helpers import ADMIN, assessment, setup_campaign
from workflow.doors.campaigns import set_publicity_days
from workflow.doors.demo import ADMIN as DEMO_ADMIN
from workflow.doors.demo import spread
from workflow.doors.scores import set_scores
from workflow.errors import GuardFailed
from workflow.statemachine.events import fire

TITLE = "泾源县2023年“互联网+教育”智慧校园星级评定"  # the demo's campaign


def test_a_quoted_title_inside_a_refusals_quotes_takes_single_ones(db: str) -> None:
    campaign = load_demo(review=True)
    with pytest.raises(GuardFailed) as refused:
        set_publicity_days(DEMO_ADMIN, campaign, 9)  # its schools have been publicized
    zh, en = refused.value.message("zh"), refused.value.message("en")
    assert zh.startswith("“泾源县2023年‘互联网+教育’智慧校园星级评定”已开始公示（"), zh
    assert "““" not in zh and "“泾源县2023年“" not in zh, zh
    assert en.startswith(f"Publicity of '{TITLE}' has begun"), en


def test_a_level_compared_in_a_review_says_its_unit(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    Assessment.update(state="re_reviewing", star_level=4).where(Assessment.id == aid).execute()
    Campaign.update(phase="promotion").where(Campaign.id == campaign.id).execute()
    set_scores(ADMIN, aid, spread(builtin_rubric("henan-v2"), Decimal("105")), kind="verified")
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "raise_level")  # verified as two stars
    zh, en = refused.value.message("zh"), refused.value.message("en")
    assert zh.endswith("要求复核星级高于原星级：原为4星，复核为2星。"), zh
    assert en.endswith("needs the reviewed level to be higher than the old one: was 4-star, now 2-star."), en
