"""Rubric <-> plain dict, the same shape as the TOML file.

rubric_to_dict output is JSON-safe (decimals as text) so a campaign can freeze the exact
rubric it was scored against, even if the file changes later.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rubrics.decimals import to_text
from rubrics.errors import RubricError, RubricProblem
from rubrics.messages import Text
from rubrics.model import Indicator, Rubric
from rubrics.reader import FORMAT, Reader
from rubrics.validate import check_rubric


def rubric_from_dict(data: dict[str, Any], source: str) -> Rubric:
    if not isinstance(data, dict):
        raise RubricError([RubricProblem(source, None, Text("rubric.not_a_table"))])
    reader = Reader(source)
    try:
        rubric = reader.rubric(data)
    except RecursionError:
        raise RubricError([RubricProblem(source, None, Text("rubric.tree_too_deep"))]) from None
    problems = reader.problems + check_rubric(
        rubric, source, broken_points=reader.broken_points, declared_total=reader.declared_total
    )
    if problems:
        raise RubricError(problems)
    return rubric


def _indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = {"code": indicator.code, "name": indicator.name, "points": str(indicator.points)}
    if indicator.guidance:
        row["guidance"] = indicator.guidance
    if indicator.method:
        row["method"] = indicator.method
    if indicator.provisional:
        row["provisional"] = True
    if indicator.children:
        row["children"] = [_indicator_to_dict(child) for child in indicator.children]
    return row


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "id": rubric.id,
        "name": rubric.name,
        "region": rubric.region,
        "version": rubric.version,
        "issued": rubric.issued,
        "provenance": {
            "confirmed": list(rubric.provenance.confirmed),
            "provisional": list(rubric.provenance.provisional),
            "sources": list(rubric.provenance.sources),
        },
        "star_levels": [
            {
                "level": star.level,
                "name_zh": star.name_zh,
                "name_en": star.name_en,
                "threshold": to_text(star.threshold),
                "authority": star.authority,
                "provisional": star.provisional,
                # Only when named: rubrics frozen before the field existed keep their exact copy.
                **({"authority_name": star.authority_name} if star.authority_name else {}),
            }
            for star in rubric.star_levels
        ],
        "vetoes": [{"code": v.code, "text": v.text, "provisional": v.provisional} for v in rubric.vetoes],
        "indicators": [_indicator_to_dict(indicator) for indicator in rubric.indicators],
    }
    if rubric.notes:  # only when there are some: a rubric without notes freezes as it always did
        data["notes"] = list(rubric.notes)
    if rubric.extension_cap is not None:
        data["extension_cap"] = to_text(rubric.extension_cap)
    if rubric.bonus is not None:
        data["bonus"] = {
            "cap": to_text(rubric.bonus.cap),
            "provisional": rubric.bonus.provisional,
            "items": [_indicator_to_dict(item) for item in rubric.bonus.items],
        }
    return data


@lru_cache(maxsize=32)
def rubric_from_frozen(frozen: str) -> Rubric:
    """A campaign's frozen copy (JSON of rubric_to_dict), parsed and validated once per distinct text."""
    return rubric_from_dict(json.loads(frozen), "campaign")
