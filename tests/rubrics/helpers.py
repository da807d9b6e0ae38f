"""Build leaf scores that reach a wanted total, the way an expert's sheet would."""

from __future__ import annotations

from decimal import Decimal

from rubrics.model import Rubric

# A small rubric with extension points, an extension cap, a bonus cap and a veto.
SMALL = """
id = "small"
name = "小标准"
extension_cap = 3

[[star_levels]]
level = 1
name_zh = "一星级"
name_en = "1 star"
threshold = 10
authority = "local"

[[star_levels]]
level = 2
name_zh = "二星级"
name_en = "2 stars"
threshold = 14
authority = "upward"

[[vetoes]]
code = "V1"
text = "发生重大网络安全事故"

[[indicators]]
code = "A"
name = "环境"
points = "10+5"

[[indicators.children]]
code = "A1"
name = "网络"
points = "6+2"

[[indicators.children]]
code = "A2"
name = "终端"
points = "4+3"

[bonus]
cap = 2

[[bonus.items]]
code = "X1"
name = "获奖"
points = 2

[[bonus.items]]
code = "X2"
name = "案例"
points = 2
"""


def fill(rubric: Rubric, total: Decimal | str | int, *, bonus: bool = False) -> dict[str, Decimal]:
    """Scores for every leaf adding up to ``total`` (full marks first, then zeros)."""
    left = Decimal(total)
    bonus_codes = rubric.bonus_leaf_codes()
    values: dict[str, Decimal] = {}
    for leaf in rubric.leaves():
        if leaf.code in bonus_codes and not bonus:
            values[leaf.code] = Decimal(0)
            continue
        given = min(left, leaf.max_score)
        values[leaf.code] = given
        left -= given
    assert left == 0, f"{total} is not reachable"
    return values
