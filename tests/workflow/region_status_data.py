"""The province fixture's year part-way through, for the region summaries: a few schools moved on
and verified. Written straight into the assessments (a read test arranges what it reads; the doors
that would get a school there are tested on their own), then the clock at 2022-10-20, after the
self-evaluation window (to 10-15) and inside verification (to 10-31).

What each summary must show, worked out by hand:

| county | schools | states | verified (star) | overdue |
|---|---|---|---|---|
| 410102 中原区 | 2 | verified 1, enrolled 1 | 85.5 (3) | 1 (enrolled after 10-15) |
| 410103 二七区 | 2 | verified 1, submitted 1 | 70.0 (2) | 0 (submitted: verification runs to 10-31) |
| 410202 龙亭区 | 2 | enrolled 2 | — | 2 |

郑州市 4101 = 410102 + 410103: 4 schools, average (85.5 + 70.0) / 2 = 77.75 → 77.8, 1 overdue;
河南省 41: 4101 and 4102 (2 schools, 2 overdue), in all 6 schools, 3 overdue.
"""

from __future__ import annotations

from decimal import Decimal

from models.schema import Assessment, School
from tests.workflow.helpers import at
from tests.workflow.region_fixture import Province, build_province
from workflow import clock

MOVES = {"41010201": ("verified", Decimal("85.5"), 3), "41010301": ("submitted", None, None),
         "41010302": ("verified", Decimal("70.0"), 2)}


def province_midyear() -> Province:
    province = build_province()
    for code, (state, total, level) in MOVES.items():
        school = School.get(School.code == code)
        Assessment.update(state=state, verified_total=total, star_level=level).where(
            Assessment.school == school).execute()
    clock.pin(at("2022-10-20"))
    return province
