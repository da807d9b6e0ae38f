"""``region recode``'s refusals of a badly typed code name the field it was typed in (officer trial):
the new code as the new code and the parent as the parent, not both as "the region code" (which reads
as the placeholder's), on SQLite and PostgreSQL; nothing is written."""

from __future__ import annotations

import pytest

from models.schema import AuditEvent, Region
from tests.workflow.region_fixture import ROOT
from workflow.doors.region_recode import recode_region
from workflow.doors.regions import add_region
from workflow.errors import InvalidInput


@pytest.mark.parametrize(("new", "parent", "zh", "en"), [
    ("64042", None, "新区划代码：", "new region code: "),
    ("６４０４２４", None, "新区划代码：", "new region code: "),
    ("640424", "6404x", "上级区划代码：", "parent code: "),
    ("640424", "００", "上级区划代码：", "parent code: "),
])
def test_a_bad_new_code_or_parent_is_named_as_itself(db: str, new: str, parent: str | None, zh: str,
                                                     en: str) -> None:
    add_region(ROOT, "64", "宁夏回族自治区")
    add_region(ROOT, "990001", "泾源县")
    before = (sorted(Region.select(Region.code).tuples()), AuditEvent.select().count())
    with pytest.raises(InvalidInput) as refused:
        recode_region(ROOT, "990001", new, parent=parent)
    assert refused.value.message("zh").startswith(zh), refused.value.message("zh")
    assert refused.value.message("en").startswith(en), refused.value.message("en")
    assert (sorted(Region.select(Region.code).tuples()), AuditEvent.select().count()) == before
