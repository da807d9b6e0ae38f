"""Schools: importing the register from officers' files."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain, count, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from models.db import bulk_execute
from models.schema import STAGES, School
from workflow import audit, gc_pause
from workflow.audit_facts import school_entry
from workflow.door import write
from workflow.doors.bulk_copy import copy_rows
from workflow.errors import InvalidInput, PermissionDenied
from workflow.i18n import Listing, Msg, register
from workflow.intake.school_xlsx import XLSX_SUFFIXES, read_xlsx_rows
from workflow.intake.tabular import cell_at, check_cell, column_is_clean, read_table
from workflow.permissions import Actor, in_subtree, region_label, require

register({
    "err.school_code_elsewhere": {
        "zh": "无权更改：学校代码{code}已在您的辖区（{own}）之外登记。如代码属于本辖区，请上级教育局管理员"
              "核实后用 schools import --region 将该校登记到本辖区。",
        "en": "Not allowed to change: school code {code} is registered outside your region ({own}). If the "
              "code is your region's, ask the higher bureau's admin to check and move the school to your "
              "region with schools import --region.",
    },
    "why.order_range": {"zh": "排序“{value}”应为{low}至{high}之间的整数", "en": "order '{value}' must be a whole number "
                        "from {low} to {high}"},
    "why.order_duplicate": {"zh": "排序{value}与第{line}行重复（每所学校的排序须各不相同）",
                            "en": "order {value} duplicates line {line} (each school needs its own order)"},
    # an officer's file: after its FILE:LINE:排序 (err.invalid); a caller's rows: err.order_taken
    "why.order_taken": {
        "zh": "学校{code}的排序{order}已由学校{holder}（{name}）使用，两校排序不能相同。请在文件中"
              "同时写明{holder}的新排序，或给{code}换一个未用的排序",
        "en": "the order {order} given to school {code} is held by school {holder} ({name}); "
              "two schools cannot share an order. Give {holder} its new order in the file too, or give {code} an "
              "order no school holds",
    },
    "why.order_exhausted": {
        "zh": "新学校{code}未写排序，而排序已用到最大的{high}，没有更大的排序可以给它。请在文件中给它写一个未用的排序",
        "en": "new school {code} has no order, and the orders are used up to the largest, {high}: none is left "
              "after it. Give it an order no school holds in the file",
    },
    "err.order_taken": {
        "zh": "文件给学校{code}的排序{order}已由学校{holder}（{name}）使用，两校排序不能相同。请在文件中"
              "同时写明{holder}的新排序，或给{code}换一个未用的排序。",
        "en": "The order {order} the file gives school {code} is held by school {holder} ({name}); "
              "two schools cannot share an order. Give {holder} its new order in the file too, or give {code} an "
              "order no school holds.",
    },
})

# The 排序 a file may give: 1 to ORDER_MAX, on SQLite and PostgreSQL alike (an INTEGER column: PostgreSQL's
# ends at 2,147,483,647, SQLite's far beyond). Nine digits: a province's register, or its school codes' tails.
ORDER_MIN, ORDER_MAX = 1, 999_999_999
_INTEGER = re.compile(r"[+-]?[0-9]+")

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("学校代码", "代码", "学校标识码", "code", "school_code"),
    "name": ("学校名称", "名称", "学校", "name", "school_name"),
    "township": ("乡镇", "所属乡镇", "乡镇（街道）", "township", "town"),
    "stage": ("学段", "办学类型", "stage"),
    "display_order": ("排序", "序号", "显示顺序", "order", "display_order"),
}


class SchoolFile(list["SchoolRow"]):
    """An officer's file's rows (``parse_school_file``) and the line each came from, so a refusal made when the
    rows meet the register (an order another school keeps, no order left) names FILE:LINE as the file's own do."""

    def __init__(self, rows: list[SchoolRow], source: Path, lines: Sequence[int]) -> None:
        super().__init__(rows)
        self.source = source
        self.lines = lines


def _where(rows: list[SchoolRow], code: str) -> Msg | None:
    """``FILE:LINE:排序`` of the row of ``code`` when the rows are a file's, else None."""
    if not isinstance(rows, SchoolFile):
        return None
    line = next(line for row, line in zip(rows, rows.lines, strict=True) if row.code == code)
    return cell_at(rows.source, line, "display_order")


def _order_taken(rows: list[SchoolRow], code: str, order: int, holder: str, name: str) -> InvalidInput:
    where = _where(rows, code)
    if where is None:
        return InvalidInput("err.order_taken", code=code, order=order, holder=holder, name=name)
    return InvalidInput("err.invalid", where=where,
                        what=Msg("why.order_taken", code=code, order=order, holder=holder, name=name))


class SchoolRow(NamedTuple):
    """One school of a register; a tuple in the school table's column order (copied as it is once placed).
    ``display_order`` None: the file gave none (no 排序 column, or its cell empty): a registered school keeps
    its own, a new one goes after the register's last (``_placed``)."""

    code: str
    name: str
    township: str = ""
    stage: str = "小学"
    display_order: int | None = 0


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
        with gc_pause.paused():  # millions of lasting containers, no cycles (workflow/gc_pause.py)
            fields, lines, records = read_table(source, ALIASES, required=("code", "name"))
            fast = _checked_at_once(fields, records)
        if fast is not None:
            return SchoolFile(fast, source, lines)
        at = list(fields.items())
        rows = [(line, {name: record[i].strip() for name, i in at if i < len(record)})
                for line, record in zip(lines, records, strict=True)]
    return SchoolFile(_checked_by_row(source, rows), source, [line for line, _cells in rows])


_SPACE = re.compile(r"\s")
_KNOWN_STAGES = frozenset(STAGES)


def _checked_at_once(fields: dict[str, int], records: list[list[str]]) -> list[SchoolRow] | None:
    """The register checked a column at a time (joined-string scans, sets, max lengths: the
    per-character Python checks were two thirds of an import), or None if anything is wrong or
    unusual: then the row-by-row check below runs and names the first bad line and field."""
    if not records:
        return None

    full = min(map(len, records)) > max(fields.values())  # every line has every known cell (the usual case)

    def column(field: str) -> list[str]:
        i = fields.get(field)
        if i is None:
            return [""] * len(records)
        if full:  # C loops, not a Python expression per cell: a third of the parse at 500,000 schools
            return list(map(str.strip, map(itemgetter(i), records)))
        return [record[i].strip() if i < len(record) else "" for record in records]

    codes, names, townships = column("code"), column("name"), column("township")
    stages = [stage or "小学" for stage in column("stage")]
    if not all(column_is_clean(c) for c in (codes, names, townships)) or "" in codes or "" in names:
        return None
    if max(map(len, codes)) > 64 or _SPACE.search("".join(codes)) or max(map(len, names)) > 200:
        return None
    if max(map(len, townships)) > 100 or not _KNOWN_STAGES.issuperset(stages) or len(set(codes)) != len(codes):
        return None
    given = column("display_order")
    if not any(given):  # none given (no column, or empty cells): placed by the import (``_placed``)
        orders: list[int | None] = [None] * len(given)
    else:  # ASCII digits, 1 to ORDER_MAX, each once; else the row-by-row check names the line
        joined = "".join(given)
        if not (joined.isascii() and joined.isdigit()) or max(map(len, given)) > 9:
            return None
        orders = [int(text) if text else None for text in given]
        numbers = [order for order in orders if order is not None]
        if min(numbers) < ORDER_MIN or len(set(numbers)) != len(numbers):
            return None
    # tuple.__new__ makes the same SchoolRow the class would, without a Python-level __new__ per row
    # (0.5 s at 500,000 schools): a NamedTuple is its tuple and nothing more.
    return list(map(tuple.__new__, repeat(SchoolRow), zip(codes, names, townships, stages, orders, strict=True)))


def _checked_by_row(source: Path, rows: list[tuple[int, dict[str, str]]]) -> list[SchoolRow]:
    seen: dict[str, int] = {}
    orders: dict[int, int] = {}  # each 排序 given: the line that gave it
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
        order = _order_at(source, line, cells.get("display_order", ""), orders)
        result.append(SchoolRow(code, name, township, stage, order))
    if not result:
        raise InvalidInput("err.invalid", where=str(source), what=Msg("why.no_school_rows"))
    return result


def _order_at(source: Path, line: int, text: str, orders: dict[int, int]) -> int | None:
    """A line's 排序: None if its cell is empty (placed by the import, ``_placed``), else a whole number from
    ORDER_MIN to ORDER_MAX that no earlier line gave. Full-width digits (a Chinese IME's ０-９) are the number
    they are, as a score's are (rubrics.decimals.clean_text)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return None
    where = cell_at(source, line, "display_order")
    if not _INTEGER.fullmatch(folded):
        raise InvalidInput("err.invalid", where=where, what=Msg("why.not_integer", value=text[:20]))
    order = int(folded) if len(folded) <= 20 else None
    if order is None or not ORDER_MIN <= order <= ORDER_MAX:
        raise InvalidInput("err.invalid", where=where, what=Msg("why.order_range", value=text.strip()[:20],
                                                                low=ORDER_MIN, high=ORDER_MAX))
    if order in orders:
        raise InvalidInput("err.invalid", where=where, what=Msg("why.order_duplicate", value=order, line=orders[order]))
    orders[order] = line
    return order


_CODE, _NAME, _TOWNSHIP, _STAGE, _ORDER = map(itemgetter, range(len(SchoolRow._fields)))
_HELD_ORDER = itemgetter(3)  # of a registered school's (name, township, stage, display order)


class SchoolImport(NamedTuple):
    """What an import did: ``added`` new codes, ``updated`` known ones whose details changed, and ``moved``
    known ones that came into the import's region from another (their details may have changed too: then
    counted in both); ``unchanged`` rows none of these."""

    added: int
    updated: int
    moved: int
    unchanged: int
    # Of the ``updated``: how many got a new name, a new township or stage, a new display order (排序).
    renamed: int = 0
    relocated: int = 0
    reordered: int = 0


def _clash(rows: list[SchoolRow], known: dict[str, tuple[str, str, str, int]], regions: dict[str, str],
           within: str) -> None:
    """Refuse two schools sharing a display order the rows give (two rows with one, or one a school keeps that
    the rows leave as it is: not in them, or in them with none given). Only schools of the import's region
    (``within``, its subtree; '' the whole server) count: each county numbers its own from 1, and a round's
    lists are its region's. A caller's 0 is no order given (a SchoolRow's default; a file's 排序 starts at
    ORDER_MIN). The checks are C loops: a province's register."""
    given = dict(zip(map(_CODE, rows), map(_ORDER, rows), strict=True))
    if None in given.values() or 0 in given.values():
        given = {code: order for code, order in given.items() if order}
    if not given:
        return
    names = {r.code: r.name for r in rows} if len(set(given.values())) != len(given) else {}
    if names:  # two rows with one order: the second is named beside the first
        first: dict[int, str] = {}
        for code, order in given.items():
            holder = first.setdefault(order, code)
            if holder != code:
                raise _order_taken(rows, code, order, holder, names[holder])
    kept = known.keys() - given.keys()
    if within:
        kept = {code for code in kept if regions.get(code, "").startswith(within)}
    taken = set(given.values()) & set(map(_HELD_ORDER, map(known.__getitem__, kept)))
    if taken:
        by_order = {order: code for code, order in given.items()}
        holder = next(code for code in sorted(kept) if known[code][3] in taken)
        order = known[holder][3]
        raise _order_taken(rows, by_order[order], order, holder, known[holder][0])


def _kinds(changed: list[SchoolRow], known: dict[str, tuple[str, str, str, int]]) -> tuple[int, int, int]:
    """Of the known schools an import changes: how many it renames, moves to another township or stage, reorders."""
    renamed = relocated = reordered = 0
    for row in changed:
        name, township, stage, order = known[row.code]
        renamed += name != row.name
        relocated += (township, stage) != (row.township, row.stage)
        reordered += order != row.display_order
    return renamed, relocated, reordered


def _placed(rows: list[SchoolRow], known: dict[str, tuple[str, str, str, int]]) -> list[SchoolRow]:
    """The rows, each with its display order: the one it gave, else (a file without a 排序 column, or its cell
    empty) a registered school's own, so a partial import leaves the register's order (and the notice's) as it
    was, and a new school's after the last one, the register's or the file's, in the file's order. A new school
    with no order once ORDER_MAX is held is refused (the import's own limit), naming its line: not given an
    order the next import would refuse, nor one in the middle of the register's (docs/imports.md)."""
    orders = list(map(_ORDER, rows))
    if None not in orders:
        return rows
    last = max(max(map(_HELD_ORDER, known.values()), default=0),
               max((order for order in orders if order is not None), default=0))
    if not known and orders.count(None) == len(orders):  # a first register, no orders: the file's (C loops)
        return list(map(tuple.__new__, repeat(SchoolRow), zip(
            map(_CODE, rows), map(_NAME, rows), map(_TOWNSHIP, rows), map(_STAGE, rows), count(last + 1))))
    placed: list[SchoolRow] = []
    for row, order in zip(rows, orders, strict=True):
        if order is None:
            held = known.get(row.code)
            if held is None:
                last += 1
                if last > ORDER_MAX:
                    what = Msg("why.order_exhausted", code=row.code, high=ORDER_MAX)
                    raise InvalidInput("err.invalid", where=_where(rows, row.code) or row.code, what=what)
            row = tuple.__new__(SchoolRow, (*row[:4], last if held is None else held[3]))
        placed.append(row)
    return placed


def import_schools(actor: Actor, rows: list[SchoolRow], *, source: str = "",
                   region_code: str | None = None) -> tuple[int, int]:
    """``import_school_register``'s (added, updated)."""
    done = import_school_register(actor, rows, source=source, region_code=region_code)
    return done.added, done.updated


def import_school_register(actor: Actor, rows: list[SchoolRow], *, source: str = "",
                           region_code: str | None = None, own_orders: bool = False) -> SchoolImport:
    """Insert new schools and update known codes whose details differ; all or nothing.

    The rest of ``rows`` were already registered as they are. A row that
    changes nothing is neither written nor audited, and an import that changes nothing writes no
    audit record: re-importing the same register is no event in the school's history.

    ``own_orders``: an officer's file (``parse_school_file``): each order it gives must be its school's own,
    held by no other school after the import (``_clash``); a caller's rows may share one (code breaks the tie).
    """
    require(actor, "school.import")
    # The schools' region: the one named, else the importing officer's own (a county admin's schools
    # are its county's); a whole-server import without --region leaves regions as they are.
    region = (region_code or "").strip() or actor.region_code or ""
    if region:
        from workflow.doors.regions import require_known_region

        require_known_region(region, actor)

    def body() -> SchoolImport:
        # One pass over the register (a province is ~100,000 codes) beats 100 IN-lists.
        known: dict[str, tuple[str, str, str, int]] = {}
        regions: dict[str, str] = {}
        for code, name, township, stage, order, held in School.select(
                School.code, School.name, School.township, School.stage, School.display_order,
                School.region_code).tuples().iterator():
            known[code] = (name, township, stage, order)
            regions[code] = held or ""
        if own_orders:
            _clash(rows, known, regions, region)
        placed = _placed(rows, known)
        if known:
            fresh = [r for r in placed if r.code not in known]
            changed = [r for r in placed if r.code in known
                       and known[r.code] != (r.name, r.township, r.stage, r.display_order)]
        else:  # a first register: every row is new (no Python statement a school)
            fresh, changed = list(placed), []
        if actor.region_code:  # an officer with a region never rewrites another region's school
            codes = [r.code for r in rows if r.code in known]
            for start in range(0, len(codes), 500):
                for code in (School.select(School.code).where(School.code.in_(codes[start:start + 500])
                                                              & ~in_subtree(School.region_code, actor.region_code))
                             .tuples()):
                    # Codes are unique server-wide, so that the code is taken cannot be hidden; its
                    # school's name and region are (not found would be untrue: the import would add it).
                    raise PermissionDenied("err.school_code_elsewhere", code=code[0],
                                           own=region_label(actor.region_code))
        # The rows' schools (new ones included) the import puts in ``region``: from the pass above.
        moved = sum(1 for code in {r.code for r in rows} if regions.get(code) != region) if region else 0
        if not fresh and not changed and not moved:
            return SchoolImport(0, 0, 0, len(rows))
        # COPY on PostgreSQL, executemany on SQLite; a SchoolRow is already the column tuple.
        copy_rows("school", SchoolRow._fields, fresh)
        bulk_execute("UPDATE school SET name = {p}, township = {p}, stage = {p}, display_order = {p} WHERE code = {p}",
                     [(r.name, r.township, r.stage, r.display_order, r.code) for r in changed])
        if region:
            bulk_execute("UPDATE school SET region_code = {p} WHERE code = {p}", [(region, r.code) for r in rows])
        # What every school the import wrote now holds (audit verify compares it with the table).
        regioned = [r for r in placed if regions.get(r.code) != region] if region else []
        written = dict(zip(map(_CODE, chain(fresh, changed, regioned)), chain(fresh, changed, regioned), strict=True))
        if region:
            entries = {code: school_entry(r.name, r.township, r.stage, r.display_order, region)
                       for code, r in written.items()}
        else:  # school_entry's list, made by C loops (no Python statement a school)
            held = written.values()
            entries = dict(zip(written, map(list, zip(
                map(_NAME, held), map(_TOWNSHIP, held), map(_STAGE, held), map(int, map(_ORDER, held)),
                map(regions.get, written, repeat("")), strict=True)), strict=True))
        renamed, relocated, reordered = _kinds(changed, known)
        payload = {"source": source, "added": len(fresh), "updated": len(changed),
                   "unchanged": len(rows) - len(fresh) - len(changed),
                   "renamed": renamed, "relocated": relocated, "reordered": reordered,
                   **({"region": region, "regioned": moved} if region else {}), "facts": {"sc": entries}}
        # One row, written as append_many writes a score import's: the payload through orjson (the json
        # module took 1 s for 500,000 schools' facts, orjson a tenth of that); the replay reads either.
        audit.append_many(actor.name, [audit.Event("school.import", None, None, "", "", "", "",
                                                   audit.payload_text(payload))])
        # The officer's count: known schools put in ``region`` from another (or from none), which no
        # added/updated count shows.
        moved_in = {r.code for r in regioned if r.code in known}
        touched = set(map(_CODE, chain(fresh, changed))) | moved_in
        return SchoolImport(len(fresh), len(changed), len(moved_in),
                            len(rows) - sum(map(touched.__contains__, map(_CODE, rows))), renamed, relocated, reordered)

    with gc_pause.paused():  # the facts of every school written, no cycles (workflow/gc_pause.py)
        return write(body)

