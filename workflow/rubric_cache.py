"""A campaign's frozen rubric, parsed once per distinct copy."""

from __future__ import annotations

from models.schema import Campaign
from rubrics.model import Rubric
from rubrics.serial import rubric_from_frozen


def rubric_of(campaign: Campaign) -> Rubric:
    return rubric_from_frozen(campaign.rubric_json)
