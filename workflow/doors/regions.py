"""Regions (行政区划): adding one to the jurisdiction tree.

A region is a GB/T 2260 code: 2 digits a province, 4 a city, 6 a county. A child's code starts
with its parent's, and its parent is the nearest region above it that is registered: that keeps
"the subtree of X" the same as "every code starting with X" (workflow/permissions.py ``covers``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from models.schema import Region
from workflow import audit
from workflow.door import write
from workflow.errors import InvalidInput, NotFound, WorkflowError
from workflow.i18n import Msg, register
from workflow.intake.tabular import cell_at, check_cell, read_rows
from workflow.permissions import Actor, in_subtree, require, require_region

register({
    "field.region_code": {"zh": "行政区划代码", "en": "region code"},
    "field.region_name": {"zh": "行政区划名称", "en": "region name"},
    "field.parent_code": {"zh": "上级区划代码", "en": "parent code"},
    "why.region_shape": {"zh": "“{code}”应为2位（省）、4位（市）或6位（县）数字",
                         "en": "'{code}' must be 2 (province), 4 (city) or 6 (county) digits"},
    "why.region_halfwidth": {"zh": "“{code}”含全角或其他非半角数字，请用半角数字0-9输入（如“{ascii}”）",
                             "en": "'{code}' has full-width or other non-ASCII digits; type the code with "
                                   "half-width digits 0-9 (like '{ascii}')"},
    "why.region_province_00": {"zh": "“{code}”的省级部分是“00”，GB/T 2260 没有代码为00的省级区划",
                               "en": "'{code}' starts with '00', and no GB/T 2260 province has the code 00"},
    "why.region_parent_prefix": {"zh": "“{code}”应以上级代码“{parent}”开头，且比它长",
                                 "en": "'{code}' must start with its parent's code '{parent}' and be longer"},
    "why.region_nearest": {"zh": "“{code}”的上级应为最近的已登记区划“{nearest}”",
                           "en": "the parent of '{code}' must be the nearest registered region above it, '{nearest}'"},
    "why.region_has_below": {"zh": "已有下级区划“{below}”登记在别的上级下，不能再插入“{code}”",
                             "en": "'{below}' is already registered under another parent; '{code}' cannot be put above it"},
    "err.region_exists": {"zh": "行政区划“{code}”已存在（{name}）。", "en": "Region '{code}' already exists ({name})."},
    "col.region_code": {"zh": "代码/code", "en": "code"},
    "col.region_name": {"zh": "名称/name", "en": "name"},
    "col.region_parent": {"zh": "上级/parent", "en": "parent"},
    "why.region_twice": {"zh": "“{code}”在第{first}行已出现", "en": "'{code}' already appears on line {first}"},
    "why.region_registered_name": {"zh": "“{code}”已登记为“{registered}”，文件中为“{name}”",
                                   "en": "'{code}' is registered as '{registered}'; the file says '{name}'"},
    "why.region_registered_parent": {"zh": "“{code}”已登记在上级“{registered}”下，文件中的上级为“{parent}”",
                                     "en": "'{code}' is registered under '{registered}'; the file says '{parent}'"},
    "why.region_parent_unknown": {"zh": "上级“{parent}”既未登记，也不在文件前面的行中",
                                  "en": "the parent '{parent}' is neither registered nor on an earlier line"},
})

# ASCII digits only: ``\d`` is any Unicode digit (full-width ６, Arabic-Indic ٦), which would store a
# code no prefix search or other office's file matches. Refused, not normalised: a code reaches the
# doors from CLI arguments, files, TUI fields and reads' filters, and one entry left unnormalised
# would make the same county two codes.
_SHAPE = re.compile(r"[0-9]{2}(?:[0-9]{2}){0,2}")


def _ascii_digits(code: str) -> str:
    """``code`` with every decimal digit written 0-9 (what the officer meant to type)."""
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in code)


def check_code(code: str, field: str = "field.region_code") -> str:
    """The code as stored, or a refusal naming ``field`` and saying what shape it should have."""
    code = code.strip()
    if not _SHAPE.fullmatch(code):
        ascii_code = _ascii_digits(code)
        why = (Msg("why.region_halfwidth", code=code, ascii=ascii_code) if ascii_code != code
               else Msg("why.region_shape", code=code))
        raise InvalidInput("err.invalid", where=Msg(field), what=why)
    if code.startswith("00"):
        raise InvalidInput("err.invalid", where=Msg(field), what=Msg("why.region_province_00", code=code))
    return code


def _nearest_above(code: str) -> str:
    """The longest registered proper prefix of ``code`` ('' when none)."""
    for size in (4, 2):
        if size < len(code) and Region.select().where(Region.code == code[:size]).exists():
            return code[:size]
    return ""


def _checked(actor: Actor, code: str, name: str, parent: str | None) -> tuple[str, str, str]:
    """The checks that need no database: shapes, the name, the parent's prefix, the actor's subtree."""
    code = check_code(code)
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("err.invalid", where=Msg("field.region_name"), what=Msg("why.required"))
    parent = check_code(parent, "field.parent_code") if parent else ""
    if parent and (len(parent) >= len(code) or not code.startswith(parent)):
        raise InvalidInput("err.invalid", where=Msg("field.parent_code"),
                           what=Msg("why.region_parent_prefix", code=code, parent=parent))
    require_region(actor, code)  # before anything is looked up: the same words for a code taken or free
    return code, name, parent


def _add(actor: Actor, code: str, name: str, parent: str) -> Region:
    """Register one checked region inside the caller's write transaction, with its audit row."""
    found = Region.get_or_none(Region.code == code)
    if found is not None:
        raise InvalidInput("err.region_exists", code=code, name=found.name)
    if parent and not Region.select().where(Region.code == parent).exists():
        raise NotFound("err.not_found", what=Msg("field.parent_code"), key=parent)
    nearest = _nearest_above(code)
    if nearest != parent and (parent or nearest):
        if parent:
            raise InvalidInput("err.invalid", where=Msg("field.parent_code"),
                               what=Msg("why.region_nearest", code=code, nearest=nearest or "-"))
        parent = nearest  # no parent given: the nearest registered region above is the parent
    below = (Region.select(Region.code).where(in_subtree(Region.code, code) & (Region.code != code))
             .order_by(Region.code).first())
    if below is not None:
        raise InvalidInput("err.invalid", where=Msg("field.region_code"),
                           what=Msg("why.region_has_below", below=below.code, code=code))
    row = Region.create(code=code, name=name, parent_code=parent)
    audit.append(actor=actor.name, action="region.add",
                 payload={"code": code, "name": name, "parent": parent,
                          "facts": {"gd": {"regions": {code: [name, parent]}}}})  # what it added, no more
    return row


def add_region(actor: Actor, code: str, name: str, *, parent: str | None = None) -> Region:
    """Register a region; an officer with a region may add only inside its own subtree."""
    require(actor, "region.manage")
    code, name, parent = _checked(actor, code, name, parent)
    return write(lambda: _add(actor, code, name, parent))


# The region file's columns (deploy-postgres.md): the official list's order, parents first.
IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("行政区划代码", "区划代码", "代码", "code"),
    "name": ("行政区划名称", "区划名称", "名称", "name"),
    "parent": ("上级区划代码", "上级代码", "上级", "parent", "parent_code"),
}


@dataclass(frozen=True)
class RegionImport:
    """What a region file did: the regions it added, and how many rows were registered already as written."""

    added: list[Region]
    unchanged: int


def import_regions(actor: Actor, path: Path) -> RegionImport:
    """Register a region tree from ``code,name,parent`` rows: every row is checked first, then all
    are added in one write transaction (one ``region.add`` audit row each, as :func:`add_region`
    writes), so a bad row anywhere adds nothing and is named by file, line and column.

    A row naming a registered region with its same name and parent (none: the nearest above, which a
    registered region's parent always is) is unchanged and skipped, so the office's list can be run
    again with new rows added, as ``schools import``; one that differs is refused, saying what."""
    require(actor, "region.manage")
    checked: list[tuple[int, str, str, str]] = []
    first_line: dict[str, int] = {}
    for line, cells in read_rows(path, IMPORT_COLUMNS, ("code", "name")):
        code = cells.get("code", "")
        for field in ("code", "name", "parent"):
            check_cell(path, line, f"region_{field}", cells.get(field, ""))
        try:
            code, name, parent = _checked(actor, code, cells.get("name", ""), cells.get("parent") or None)
        except WorkflowError as exc:
            raise _at(path, line, exc) from exc
        if code in first_line:
            raise InvalidInput("err.invalid", where=cell_at(path, line, "region_code"),
                               what=Msg("why.region_twice", code=code, first=first_line[code]))
        if parent and parent not in first_line and not Region.select().where(Region.code == parent).exists():
            raise InvalidInput("err.invalid", where=cell_at(path, line, "region_parent"),
                           what=Msg("why.region_parent_unknown", parent=parent))
        first_line[code] = line
        checked.append((line, code, name, parent))

    def body() -> RegionImport:
        added, unchanged = [], 0
        for line, code, name, parent in checked:
            found = Region.get_or_none(Region.code == code)  # read in the transaction: as it is when added
            if found is not None:
                _same(path, line, found, name, parent)
                unchanged += 1  # no audit row: nothing changed
                continue
            try:
                added.append(_add(actor, code, name, parent))
            except WorkflowError as exc:  # the transaction rolls back: nothing of the file stays
                raise _at(path, line, exc) from exc
        return RegionImport(added, unchanged)

    return write(body)


def _same(path: Path, line: int, found: Region, name: str, parent: str) -> None:
    """Refuse a row that names registered region ``found`` with another name or parent, at its cell."""
    if found.name != name:
        raise InvalidInput("err.invalid", where=cell_at(path, line, "region_name"),
                           what=Msg("why.region_registered_name", code=found.code, registered=found.name, name=name))
    if parent and found.parent_code != parent:
        raise InvalidInput("err.invalid", where=cell_at(path, line, "region_parent"),
                           what=Msg("why.region_registered_parent", code=found.code,
                                    registered=found.parent_code or "-", parent=parent))


def _at(path: Path, line: int, exc: WorkflowError) -> WorkflowError:
    """A refusal of :func:`_checked` or :func:`_add` placed at ``FILE:LINE:COLUMN``, the column
    found from the field it names (the region's code when it names none)."""
    where = exc.params.get("where")
    key = where.key if isinstance(where, Msg) else ""
    column = {"field.region_name": "region_name", "field.parent_code": "region_parent"}.get(key, "region_code")
    what = exc.params["what"] if exc.key == "err.invalid" and "what" in exc.params else Msg(exc.key, **exc.params)
    return type(exc)("err.invalid", where=cell_at(path, line, column), what=what)


def require_known_region(code: str, actor: Actor | None = None) -> Region:
    """The region a school, campaign or user is given: it must be registered and, given the acting
    ``actor``, in its subtree (asked first: a code outside reads the same registered or not)."""
    code = check_code(code)
    if actor is not None:
        require_region(actor, code)
    row = Region.get_or_none(Region.code == code)
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.region"), key=code)
    return row
