"""A campaign's frozen rubric, parsed once per distinct copy."""

from __future__ import annotations

import json
from functools import lru_cache

from models.schema import Campaign
from rubrics.loader import rubric_from_dict
from rubrics.model import Rubric


@lru_cache(maxsize=32)
def _parse(frozen: str) -> Rubric:
    return rubric_from_dict(json.loads(frozen), "campaign")


def rubric_of(campaign: Campaign) -> Rubric:
    return _parse(campaign.rubric_json)
