"""Schools: importing the register from officers' files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.db import bulk_execute, bulk_insert
from models.schema import STAGES, School
from workflow import audit
from workflow.door import write
from workflow.errors import InvalidInput
from workflow.i18n import Listing, Msg
from workflow.intake.school_xlsx import XLSX_SUFFIXES, read_xlsx_rows
from workflow.intake.tabular import cell_at, check_cell, read_rows
from workflow.permissions import Actor, require

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("学校代码", "代码", "学校标识码", "code", "school_code"),
    "name": ("学校名称", "名称", "学校", "name", "school_name"),
    "township": ("乡镇", "所属乡镇", "乡镇（街道）", "township", "town"),
    "stage": ("学段", "办学类型", "stage"),
    "display_order": ("排序", "序号", "显示顺序", "order", "display_order"),
}


@dataclass(frozen=True)
class SchoolRow:
    code: str
    name: str
    township: str = ""
    stage: str = "小学"
    display_order: int = 0


def parse_school_file(path: str | Path, sheet: str | None = None) -> list[SchoolRow]:
    """Every row checked before anything is written; the first bad one is named by line and field.

    CSV, or .xlsx (first sheet, or ``sheet``), where the line is the Excel row number.
    """
    source = Path(path)
    if source.suffix.lower() in XLSX_SUFFIXES:
        rows = read_xlsx_rows(source, ALIASES, required=("code", "name"), sheet=sheet)
    elif source.suffix.lower() in (".xls", ".et"):
        raise InvalidInput("err.invalid", where=str(source), what=Msg("why.old_xls"))
    elif sheet is not None:
        raise InvalidInput("err.invalid", where=str(source), what=Msg("why.sheet_not_xlsx"))
    else:
        rows = read_rows(source, ALIASES, required=("code", "name"))
    seen: dict[str, int] = {}
    result: list[SchoolRow] = []
    for line, cells in rows:
        code = check_cell(source, line, "code", cells.get("code", ""))
        name = check_cell(source, line, "name", cells.get("name", ""))
        township = check_cell(source, line, "township", cells.get("township", ""))
        stage = cells.get("stage", "") or "小学"
        if not code:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "code"), what=Msg("why.empty"))
        if len(code) > 64 or any(c.isspace() for c in code):
            raise InvalidInput("err.invalid", where=cell_at(source, line, "code"),
                               what=Msg("why.invalid_code", value=code[:40]))
        if not name:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "name"), what=Msg("why.empty"))
        if len(name) > 200:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "name"),
                               what=Msg("why.too_long_limit", length=len(name), limit=200))
        if len(township) > 100:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "township"), what=Msg("why.too_long"))
        if stage not in STAGES:
            # The stages are the Chinese words the register holds (data), in either language.
            raise InvalidInput("err.invalid", where=cell_at(source, line, "stage"),
                               what=Msg("why.not_one_of", value=stage[:20], known=Listing(STAGES)))
        if code in seen:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "code"),
                               what=Msg("why.duplicate_line", value=code, line=seen[code]))
        seen[code] = line
        order_text = cells.get("display_order", "")
        try:
            order = int(order_text) if order_text else len(result) + 1
        except ValueError:
            raise InvalidInput("err.invalid", where=cell_at(source, line, "display_order"),
                               what=Msg("why.not_integer", value=order_text[:20])) from None
        result.append(SchoolRow(code, name, township, stage, order))
    if not result:
        raise InvalidInput("err.invalid", where=str(source), what=Msg("why.no_school_rows"))
    return result


def import_schools(actor: Actor, rows: list[SchoolRow], *, source: str = "") -> tuple[int, int]:
    """Insert new schools and update known codes whose details differ; all or nothing.

    Returns (added, updated); the rest of ``rows`` were already registered as they are. A row that
    changes nothing is neither written nor audited, and an import that changes nothing writes no
    audit record: re-importing the same register is no event in the school's history.
    """
    require(actor, "school.import")

    def body() -> tuple[int, int]:
        # One pass over the register (a province is ~100,000 codes) beats 100 IN-lists.
        known = {code: (name, township, stage, order) for code, name, township, stage, order in School.select(
            School.code, School.name, School.township, School.stage, School.display_order).tuples().iterator()}
        fresh = [r for r in rows if r.code not in known]
        changed = [r for r in rows if r.code in known
                   and known[r.code] != (r.name, r.township, r.stage, r.display_order)]
        if not fresh and not changed:
            return 0, 0
        bulk_insert("school", ("code", "name", "township", "stage", "display_order"),
                    [(r.code, r.name, r.township, r.stage, r.display_order) for r in fresh])
        bulk_execute("UPDATE school SET name = {p}, township = {p}, stage = {p}, display_order = {p} WHERE code = {p}",
                     [(r.name, r.township, r.stage, r.display_order, r.code) for r in changed])
        audit.append(actor=actor.name, action="school.import",
                     payload={"source": source, "added": len(fresh), "updated": len(changed),
                              "unchanged": len(rows) - len(fresh) - len(changed)})
        return len(fresh), len(changed)

    return write(body)
