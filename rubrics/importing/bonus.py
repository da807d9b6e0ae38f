"""The cap of a bonus section written as one row: "获国家级奖励加3分，省级奖励加2分，最高10分".

Officials often write 奖励加分 as a single row whose criteria and cap are running text; the cap
is the number after 最高 / 不超过 / 上限 / 最多 / 封顶 / 至多 (with 为, 加, 可加 … in between).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from rubrics.decimals import normalise, parse_plain

# What a refusal shows an officer to write (the table's own words, so Chinese in either language).
CAP_FORMS = ("最高10分", "不超过10分", "上限10分")
BONUS_EXAMPLE = "获国家级奖励加3分，省级奖励加2分，最高10分"

_CAP = re.compile(r"(?:最高|不超过|不得超过|上限|最多|封顶|至多)[为是加可得累计共计\s]{0,4}([0-9]+(?:\.[0-9]+)?)\s*分")


def cap_in(text: str) -> Decimal | None:
    """The cap the text states; of several (an item's 最高3分 and the section's 最高10分), the largest."""
    found = [parse_plain(number) for number in _CAP.findall(unicodedata.normalize("NFKC", text))]
    caps = [normalise(number) for number in found if number is not None and number > 0]
    return max(caps) if caps else None


_AWARD = re.compile(r"加\s*[0-9]+(?:\.[0-9]+)?\s*分")


def awards_points(text: str) -> bool:
    """Whether the text is a bonus rule ("获国家级奖励加3分", "最高10分"), not an item's name."""
    return bool(_AWARD.search(unicodedata.normalize("NFKC", text))) or cap_in(text) is not None
