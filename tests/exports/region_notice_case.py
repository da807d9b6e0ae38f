"""The province fixture (tests/workflow/region_fixture.py) at the end of its 2022 rating, for the region
notice. Written straight into the assessments, as tests/workflow/region_status_data.py does (a read
test arranges what it reads; the doors that bring a school there are tested on their own).

| school | county | state | verified | level | before |
|---|---|---|---|---|---|
| 41010201 中原区第一小学 | 中原区 | certified: granted 五星级 by 河南省教育厅 | 152 | 5 | — (newly rated) |
| 41010202 中原区第二小学 | 中原区 | certified | 110 | 2 | 1 (raised) |
| 41010301 二七区第一小学 | 二七区 | certified | 125 | 3 | — (newly rated) |
| 41010302 二七区第二小学 | 二七区 | not_rated | 80 | — | 1 (lowered) |
| 41020201 龙亭区第一小学 | 龙亭区 | recommended, no decision yet | 151 | 5 | — (newly rated) |
| 41020202 龙亭区第二小学 | 龙亭区 | enrolled | — | — | — |

郑州市: 4 schools, 4 verified, average (152 + 110 + 125 + 80) / 4 = 116.75 → 116.8; 河南省: 6 schools,
5 verified, average (467 + 151) / 5 = 123.6, one in progress (and overdue).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from models.schema import Assessment, School
from tests.workflow.helpers import at
from tests.workflow.region_fixture import Province, build_province
from workflow import clock

MOVES = {
    "41010201": dict(state="certified", verified_total=Decimal("152"), star_level=5, upward_granted=True,
                     upward_level=5, upward_authority="河南省教育厅", upward_doc_no="豫教〔2022〕9号",
                     upward_date=date(2022, 12, 1)),
    "41010202": dict(state="certified", verified_total=Decimal("110"), star_level=2, prior_level=1),
    "41010301": dict(state="certified", verified_total=Decimal("125"), star_level=3),
    "41010302": dict(state="not_rated", verified_total=Decimal("80"), star_level=None, prior_level=1),
    "41020201": dict(state="recommended", verified_total=Decimal("151"), star_level=5),
}


def province_rated() -> Province:
    province = build_province()
    for code, values in MOVES.items():
        Assessment.update(**values).where(Assessment.school == School.get(School.code == code)).execute()
    clock.pin(at("2022-12-10"))
    return province
