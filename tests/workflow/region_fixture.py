"""A province of two cities and three counties, built through the doors as its officers would.

41 河南省 → 4101 郑州市 → 410102 中原区, 410103 二七区; 4102 开封市 → 410202 龙亭区. Each county has
two schools (its code and 01/02) and its own campaign with them enrolled; each county has an admin,
郑州市 a viewer, and one expert who comes from 中原区's first school.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.schema import Campaign
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from workflow import clock
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.regions import add_region
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import actor_for, add_user
from workflow.permissions import Actor

ROOT = Actor("root-admin", "admin")  # whole server: made before any region, as every existing user
COUNTIES = {"410102": "中原区", "410103": "二七区", "410202": "龙亭区"}


@dataclass(frozen=True)
class Province:
    campaigns: dict[str, Campaign]  # county code -> its campaign

    def admin(self, county: str) -> Actor:
        return actor_for(f"admin-{county}")

    @property
    def city_viewer(self) -> Actor:
        return actor_for("viewer-4101")

    @property
    def expert(self) -> Actor:
        return actor_for("expert-z")


def build_province() -> Province:
    clock.pin(at("2022-09-16"))
    add_user(None, ROOT.name, "admin")
    add_region(ROOT, "41", "河南省")
    add_region(ROOT, "4101", "郑州市", parent="41")
    add_region(ROOT, "4102", "开封市", parent="41")
    for code, name in COUNTIES.items():
        add_region(ROOT, code, name)  # the parent is the nearest registered region above: its city
    campaigns: dict[str, Campaign] = {}
    for code, name in COUNTIES.items():
        import_schools(ROOT, [SchoolRow(f"{code}01", f"{name}第一小学"), SchoolRow(f"{code}02", f"{name}第二小学")],
                       region_code=code)
        add_user(ROOT, f"admin-{code}", "admin", region_code=code)
        campaigns[code] = create_campaign(ROOT, year=2022, region="", region_code=code, title=f"{name}2022星级评定",
                                          rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
        enrol(ROOT, campaigns[code].id)  # all: only the county's own schools
    add_user(ROOT, "viewer-4101", "viewer", region_code="4101")
    add_user(ROOT, "expert-z", "expert", region_code="4101", school_code="41010201")
    return Province(campaigns)
