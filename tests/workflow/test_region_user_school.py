"""A school user belongs to its school's region (issue 15): its county admin manages it, however it
was added and whenever the school got its region; other counties' admins still may not."""

from __future__ import annotations

import pytest

from models.schema import School
from tests.workflow.region_fixture import ROOT, build_province
from workflow.audit import verify_chain
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import actor_for, add_user, disable_user, enable_user
from workflow.errors import InvalidInput, PermissionDenied
from workflow.reads.registers import user_list


def test_a_school_user_is_its_schools_county_s_to_manage(db: str) -> None:
    province = build_province()
    county, other = province.admin("410102"), province.admin("410202")
    add_user(ROOT, "school-z1", "school", school_code="41010201")  # a whole-server admin: no region given
    add_user(ROOT, "city-4101", "admin", region_code="4101")
    add_user(actor_for("city-4101"), "school-z2", "school", school_code="41010202")  # a city admin's default
    # A school whose region comes later (a register imported before regions, then moved by --region).
    import_schools(ROOT, [SchoolRow("41010299", "中原区后补小学")])
    add_user(ROOT, "school-late", "school", school_code="41010299")
    import_schools(ROOT, [SchoolRow("41010299", "中原区后补小学")], region_code="410102")
    for name in ("school-z1", "school-z2", "school-late"):
        assert disable_user(county, name).disabled
        assert not enable_user(county, name).disabled
        with pytest.raises(PermissionDenied):
            disable_user(other, name)
    listed = {u.name: u.region_code for u in user_list(county)}
    assert {name: listed.get(name) for name in ("school-z1", "school-z2", "school-late")} == dict.fromkeys(
        ("school-z1", "school-z2", "school-late"), "410102")
    assert not {"school-z1", "school-z2", "school-late"} & {u.name for u in user_list(other)}
    # A --region other than the school's is refused, naming the field and the school's region.
    with pytest.raises(InvalidInput, match="--region.*中原区（410102）"):
        add_user(ROOT, "school-x", "school", school_code="41010201", region_code="410202")
    assert School.get(School.code == "41010299").region_code == "410102"
    assert verify_chain().ok
