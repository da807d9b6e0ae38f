"""A door's audit row vouches for what the door did, not for whatever an SQL edit had left in the
tables before it: an edit made behind the program is still named by `audit verify` after the next
`user add`, `user disable`, `region add` or `region recode` (attacker review, session 6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.schema import Campaign, School, User
from tests.workflow.region_fixture import ROOT
from tests.workflow.test_region_recode import _county_laptop
from workflow.audit import verify_chain
from workflow.doors.region_recode import recode_region
from workflow.doors.regions import add_region
from workflow.doors.users import add_user, disable_user, enable_user


def _escalate_viewer() -> object:
    return User.update(role="admin", region_code="").where(User.name == "nx-viewer").execute()


def _clear_region() -> object:
    return User.update(region_code="").where(User.name == "nx-admin").execute()


def _phase() -> object:
    return Campaign.update(phase="promotion").execute()


def _rename_school() -> object:
    return School.update(name="改过的名字").where(School.code == "640424002").execute()


def _by_user_add() -> object:
    return add_user(ROOT, "someone", "viewer", region_code="640425")


def _by_user_disable() -> object:
    disable_user(ROOT, "jy-clerk")
    return enable_user(ROOT, "jy-clerk")


def _by_region_add() -> object:
    return add_region(ROOT, "640422", "西吉县")


def _by_recode() -> object:
    return recode_region(ROOT, "990001", "640424", parent="6404", name="泾源县")


@pytest.mark.parametrize(("edit", "named"), [
    (_escalate_viewer, "nx-viewer"), (_clear_region, "nx-admin"), (_phase, "评定工作#"), (_rename_school, "640424002"),
], ids=["viewer-made-admin", "region-cleared", "campaign-phase", "school-name"])
@pytest.mark.parametrize("door", [_by_user_add, _by_user_disable, _by_region_add, _by_recode],
                         ids=["user-add", "user-disable", "region-add", "region-recode"])
def test_an_sql_edit_is_still_named_after_the_next_door_write(
        db: str, edit: Callable[[], object], named: str, door: Callable[[], object]) -> None:
    _county_laptop()
    add_user(ROOT, "nx-viewer", "viewer", region_code="64")
    assert verify_chain().ok
    edit()
    assert not verify_chain().ok
    door()
    report = verify_chain()
    assert not report.ok, f"{door.__name__} vouched for the SQL edit"
    assert named in report.message("zh"), report.message("zh")
