"""Turn the parsed TOML (or a frozen JSON copy) into a Rubric, collecting every problem.

Per-field checks (types, required keys, lengths, number forms) live here; checks that
need the whole tree (sums, duplicates, thresholds against the maximum) live in validate.py.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rubrics.decimals import is_half_step, normalise, parse_plain
from rubrics.errors import RubricError, RubricProblem
from rubrics.messages import Text
from rubrics.model import AUTHORITIES, Bonus, Indicator, Points, Provenance, Rubric, StarLevel, Veto

FORMAT = 1
MAX_NAME = 200
MAX_DEPTH = 10
# Ids name files and database rows, so they stay plain ASCII.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)
CODE_PATTERN = re.compile(r"[^\s]{1,40}")

TOP_KEYS = {
    "format",
    "id",
    "name",
    "region",
    "version",
    "issued",
    "points",
    "extension_cap",
    "provenance",
    "star_levels",
    "vetoes",
    "bonus",
    "indicators",
    "notes",
}
INDICATOR_KEYS = {"code", "name", "points", "guidance", "method", "provisional", "children"}
STAR_KEYS = {"level", "name_zh", "name_en", "threshold", "authority", "provisional", "authority_name"}
VETO_KEYS = {"code", "text", "provisional"}
BONUS_KEYS = {"cap", "provisional", "items"}
PROVENANCE_KEYS = {"confirmed", "provisional", "sources"}


class Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[RubricProblem] = []
        # Indicators whose own points could not be read: sum checks skip them rather than
        # report a second, misleading mismatch.
        self.broken_points: set[str] = set()
        self.declared_total: Points | None = None

    def problem(self, code: str | None, where: str | Text, message: Text) -> None:
        """``where`` is the place in the file (``indicators[0].children[1]``, a star level), or ""
        when the line already names the indicator."""
        if where:
            message = Text("rubric.at", where=where, message=message)
        self.problems.append(RubricProblem(self.source, code, message))

    # -- field helpers -------------------------------------------------------------

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], code: str | None, where: str | Text) -> None:
        for key in table:
            if key not in allowed:
                self.problem(code, where, Text("rubric.unknown_key", key=key, known=sorted(allowed)))

    def text(
        self,
        table: dict[str, Any],
        key: str,
        code: str | None,
        where: str | Text,
        *,
        required: bool = True,
        limit: int | None = None,
    ) -> str:
        if key not in table:
            if required:
                self.problem(code, where, Text("rubric.missing_key", key=key))
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(code, where, Text("rubric.not_text", key=key, value=repr(value)))
            return ""
        if required and not value.strip():
            self.problem(code, where, Text("rubric.empty", key=key))
        if limit is not None and len(value) > limit:
            self.problem(code, where, Text("rubric.too_long", key=key, length=len(value), limit=limit))
        return value

    def flag(self, table: dict[str, Any], key: str, code: str | None, where: str | Text) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(code, where, Text("rubric.not_bool", key=key, value=repr(value)))
            return False
        return value

    def number(
        self, table: dict[str, Any], key: str, code: str | None, where: str | Text, *, required: bool = True
    ) -> Decimal | None:
        if key not in table:
            if required:
                self.problem(code, where, Text("rubric.missing_key", key=key))
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            self.problem(code, where, Text("rubric.not_number", key=key, value=repr(value)))
            return None
        number = parse_plain(repr(value) if isinstance(value, float) else str(value))
        if number is None:
            self.problem(code, where, Text("rubric.not_plain_number", key=key, value=repr(value)))
            return None
        if number < 0:
            self.problem(code, where, Text("rubric.negative", key=key, value=repr(value)))
            return None
        return normalise(number)

    def tables(self, table: dict[str, Any], key: str, code: str | None, where: str | Text) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(code, where, Text("rubric.not_tables", key=key))
            return []
        return value

    def texts(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(None, where, Text("rubric.not_texts", key=key))
            return ()
        return tuple(value)

    def points(self, table: dict[str, Any], code: str | None, where: str) -> Points:
        if "points" not in table:
            self.problem(code, where, Text("rubric.missing_key", key="points"))
            self.broken_points.add(code or "")
            return Points(Decimal(0))
        try:
            points = Points.parse(table["points"], where=self.source)
        except RubricError as error:
            for found in error.problems:
                self.problem(code, where, found.message)
            self.broken_points.add(code or "")
            return Points(Decimal(0))
        if not (is_half_step(points.base) and is_half_step(points.extension)):
            self.problem(code, where, Text("rubric.points_half", points=str(points)))
        return points

    # -- structures ----------------------------------------------------------------

    def indicator(self, table: dict[str, Any], where: str, depth: int) -> Indicator:
        raw_code = table.get("code")
        code = raw_code.strip() if isinstance(raw_code, str) else None
        if code is not None and not CODE_PATTERN.fullmatch(code):
            self.problem(code or None, where, Text("rubric.bad_code", code=repr(raw_code)))
        if raw_code is None:
            self.problem(None, where, Text("rubric.missing_key", key="code"))
        elif code is None:
            self.problem(None, where, Text("rubric.not_text", key="code", value=repr(raw_code)))
        code = code or None
        # With a code the problem line already says "indicator CODE"; without one, the
        # position in the file is the only way to find it.
        label = where if code is None else ""
        self.unknown_keys(table, INDICATOR_KEYS, code, label)
        name = self.text(table, "name", code, label, limit=MAX_NAME)
        points = self.points(table, code, label)
        children: tuple[Indicator, ...] = ()
        rows = self.tables(table, "children", code, label)
        if rows and depth >= MAX_DEPTH:
            self.problem(code, label, Text("rubric.too_deep", limit=MAX_DEPTH))
        elif rows:
            children = tuple(
                self.indicator(row, f"{where}.children[{n}]", depth + 1) for n, row in enumerate(rows)
            )
        return Indicator(
            code=code or "",
            name=name,
            points=points,
            guidance=self.text(table, "guidance", code, label, required=False),
            method=self.text(table, "method", code, label, required=False),
            provisional=self.flag(table, "provisional", code, label),
            children=children,
        )

    def star_level(self, table: dict[str, Any], n: int) -> StarLevel:
        level = table.get("level")
        where: str | Text = (
            Text("rubric.where.star_level", level=level)
            if isinstance(level, int) and not isinstance(level, bool)
            else f"star_levels[{n}]"
        )
        self.unknown_keys(table, STAR_KEYS, None, where)
        if not isinstance(level, int) or isinstance(level, bool) or level < 1:
            self.problem(None, where, Text("rubric.bad_level", value=repr(level)))
            level = 0
        authority = self.text(table, "authority", None, where)
        if authority and authority not in AUTHORITIES:
            self.problem(None, where, Text("rubric.bad_authority", value=repr(authority), known=AUTHORITIES))
        threshold = self.number(table, "threshold", None, where)
        return StarLevel(
            level=level,
            name_zh=self.text(table, "name_zh", None, where, limit=MAX_NAME),
            name_en=self.text(table, "name_en", None, where, limit=MAX_NAME),
            threshold=threshold if threshold is not None else Decimal(0),
            authority=authority,
            provisional=self.flag(table, "provisional", None, where),
            authority_name=str(table.get("authority_name") or "").strip()[:MAX_NAME]
            if isinstance(table.get("authority_name"), str) else "",
        )

    def veto(self, table: dict[str, Any], n: int) -> Veto:
        raw_code = table.get("code")
        code = raw_code if isinstance(raw_code, str) and raw_code.strip() else None
        where = "" if code else f"vetoes[{n}]"
        if code is None:
            self.problem(None, where, Text("rubric.no_veto_code"))
        self.unknown_keys(table, VETO_KEYS, code, where)
        return Veto(
            code=code or "",
            text=self.text(table, "text", code, where),
            provisional=self.flag(table, "provisional", code, where),
        )

    def bonus(self, table: dict[str, Any]) -> Bonus:
        self.unknown_keys(table, BONUS_KEYS, None, "bonus")
        cap = self.number(table, "cap", None, "bonus")
        rows = self.tables(table, "items", None, "bonus")
        if not rows:
            self.problem(None, "bonus", Text("rubric.needs_entry", entry="[[bonus.items]]"))
        items = tuple(self.indicator(row, f"bonus.items[{n}]", 1) for n, row in enumerate(rows))
        return Bonus(
            cap=cap if cap is not None else Decimal(0),
            items=items,
            provisional=self.flag(table, "provisional", None, "bonus"),
        )

    def provenance(self, table: dict[str, Any]) -> Provenance:
        self.unknown_keys(table, PROVENANCE_KEYS, None, "provenance")
        return Provenance(
            confirmed=self.texts(table, "confirmed", "provenance"),
            provisional=self.texts(table, "provisional", "provenance"),
            sources=self.texts(table, "sources", "provenance"),
        )

    def rubric(self, data: dict[str, Any]) -> Rubric:
        self.unknown_keys(data, TOP_KEYS, None, "rubric")
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            self.problem(None, "", Text("rubric.format", value=repr(fmt), format=FORMAT))
        rubric_id = self.text(data, "id", None, "rubric")
        if rubric_id and not ID_PATTERN.fullmatch(rubric_id):
            self.problem(None, "rubric", Text("rubric.bad_id", value=repr(rubric_id)))
        if "points" in data:
            try:
                self.declared_total = Points.parse(data["points"], where=self.source)
            except RubricError as error:
                for found in error.problems:
                    self.problem(None, "rubric", found.message)
        provenance = data.get("provenance", {})
        bonus = data.get("bonus")
        for key, value in (("provenance", provenance), ("bonus", bonus)):
            if value is not None and not isinstance(value, dict):
                self.problem(None, "", Text("rubric.not_table", key=key))
        rows = self.tables(data, "indicators", None, "rubric")
        if not rows:
            self.problem(None, "rubric", Text("rubric.needs_entry", entry="[[indicators]]"))
        star_rows = self.tables(data, "star_levels", None, "rubric")
        if not star_rows:
            self.problem(None, "rubric", Text("rubric.needs_entry", entry="[[star_levels]]"))
        return Rubric(
            id=rubric_id,
            name=self.text(data, "name", None, "rubric", limit=MAX_NAME),
            region=self.text(data, "region", None, "rubric", required=False, limit=MAX_NAME),
            version=self.text(data, "version", None, "rubric", required=False, limit=MAX_NAME),
            issued=self.text(data, "issued", None, "rubric", required=False, limit=MAX_NAME),
            provenance=self.provenance(provenance) if isinstance(provenance, dict) else Provenance(),
            indicators=tuple(self.indicator(row, f"indicators[{n}]", 1) for n, row in enumerate(rows)),
            star_levels=tuple(self.star_level(row, n) for n, row in enumerate(star_rows)),
            bonus=self.bonus(bonus) if isinstance(bonus, dict) else None,
            vetoes=tuple(
                self.veto(row, n) for n, row in enumerate(self.tables(data, "vetoes", None, "rubric"))
            ),
            extension_cap=self.number(data, "extension_cap", None, "rubric", required=False),
            notes=self.texts(data, "notes", "rubric"),
        )
