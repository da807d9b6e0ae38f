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
}
INDICATOR_KEYS = {"code", "name", "points", "guidance", "method", "provisional", "children"}
STAR_KEYS = {"level", "name_zh", "name_en", "threshold", "authority", "provisional"}
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

    @staticmethod
    def at(where: str) -> str:
        return f"{where}: " if where else ""

    def problem(self, code: str | None, message: str) -> None:
        self.problems.append(RubricProblem(self.source, code, message))

    # -- field helpers -------------------------------------------------------------

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], code: str | None, where: str) -> None:
        for key in table:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(code, self.at(where) + f"unknown key '{key}' (known keys: {known})")

    def text(
        self,
        table: dict[str, Any],
        key: str,
        code: str | None,
        where: str,
        *,
        required: bool = True,
        limit: int | None = None,
    ) -> str:
        if key not in table:
            if required:
                self.problem(code, self.at(where) + f"missing required key '{key}'")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(code, self.at(where) + f"'{key}' must be text, got {value!r}")
            return ""
        if required and not value.strip():
            self.problem(code, self.at(where) + f"'{key}' must not be empty")
        if limit is not None and len(value) > limit:
            self.problem(code, self.at(where) + f"'{key}' is {len(value)} characters long (at most {limit})")
        return value

    def flag(self, table: dict[str, Any], key: str, code: str | None, where: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(code, self.at(where) + f"'{key}' must be true or false, got {value!r}")
            return False
        return value

    def number(
        self, table: dict[str, Any], key: str, code: str | None, where: str, *, required: bool = True
    ) -> Decimal | None:
        if key not in table:
            if required:
                self.problem(code, self.at(where) + f"missing required key '{key}'")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            self.problem(code, self.at(where) + f"'{key}' must be a number, got {value!r}")
            return None
        number = parse_plain(repr(value) if isinstance(value, float) else str(value))
        if number is None:
            self.problem(code, self.at(where) + f"'{key}' = {value!r} is not a plain number like 70 or 2.5")
            return None
        if number < 0:
            self.problem(code, self.at(where) + f"'{key}' must not be negative, got {value!r}")
            return None
        return normalise(number)

    def tables(self, table: dict[str, Any], key: str, code: str | None, where: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(code, self.at(where) + f"'{key}' must be a list of tables ([[{key}]])")
            return []
        return value

    def texts(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(None, self.at(where) + f"'{key}' must be a list of text")
            return ()
        return tuple(value)

    def points(self, table: dict[str, Any], code: str | None, where: str) -> Points:
        if "points" not in table:
            self.problem(code, self.at(where) + "missing required key 'points'")
            self.broken_points.add(code or "")
            return Points(Decimal(0))
        try:
            points = Points.parse(table["points"], where=self.source)
        except RubricError as error:
            for found in error.problems:
                self.problem(code, self.at(where) + f"{found.message}")
            self.broken_points.add(code or "")
            return Points(Decimal(0))
        if not (is_half_step(points.base) and is_half_step(points.extension)):
            self.problem(code, self.at(where) + f"points {points} must be in half-point steps (scores are)")
        return points

    # -- structures ----------------------------------------------------------------

    def indicator(self, table: dict[str, Any], where: str, depth: int) -> Indicator:
        raw_code = table.get("code")
        code = raw_code.strip() if isinstance(raw_code, str) else None
        if code is not None and not CODE_PATTERN.fullmatch(code):
            self.problem(
                code or None, self.at(where) + f"code {raw_code!r} must be 1-40 characters without spaces"
            )
        if raw_code is None:
            self.problem(None, self.at(where) + "missing required key 'code'")
        elif code is None:
            self.problem(None, self.at(where) + f"'code' must be text, got {raw_code!r}")
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
            self.problem(code, self.at(label) + f"the tree is deeper than {MAX_DEPTH} levels")
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
        where = (
            f"star level {level}"
            if isinstance(level, int) and not isinstance(level, bool)
            else f"star_levels[{n}]"
        )
        self.unknown_keys(table, STAR_KEYS, None, where)
        if not isinstance(level, int) or isinstance(level, bool) or level < 1:
            self.problem(None, self.at(where) + f"'level' must be a whole number from 1 up, got {level!r}")
            level = 0
        authority = self.text(table, "authority", None, where)
        if authority and authority not in AUTHORITIES:
            self.problem(
                None, self.at(where) + f"authority {authority!r} is not one of {', '.join(AUTHORITIES)}"
            )
        threshold = self.number(table, "threshold", None, where)
        return StarLevel(
            level=level,
            name_zh=self.text(table, "name_zh", None, where, limit=MAX_NAME),
            name_en=self.text(table, "name_en", None, where, limit=MAX_NAME),
            threshold=threshold if threshold is not None else Decimal(0),
            authority=authority,
            provisional=self.flag(table, "provisional", None, where),
        )

    def veto(self, table: dict[str, Any], n: int) -> Veto:
        raw_code = table.get("code")
        code = raw_code if isinstance(raw_code, str) and raw_code.strip() else None
        where = "" if code else f"vetoes[{n}]"
        if code is None:
            self.problem(None, self.at(where) + "missing or empty 'code'")
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
            self.problem(None, "bonus: needs at least one [[bonus.items]] entry")
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
            self.problem(None, f"format {fmt!r} is not supported (this version reads format {FORMAT})")
        rubric_id = self.text(data, "id", None, "rubric")
        if rubric_id and not ID_PATTERN.fullmatch(rubric_id):
            self.problem(
                None, f"rubric: id {rubric_id!r} must be letters, digits, '.', '_' or '-' (at most 64)"
            )
        if "points" in data:
            try:
                self.declared_total = Points.parse(data["points"], where=self.source)
            except RubricError as error:
                self.problems.extend(
                    RubricProblem(p.file, None, f"rubric: {p.message}") for p in error.problems
                )
        provenance = data.get("provenance", {})
        bonus = data.get("bonus")
        for key, value in (("provenance", provenance), ("bonus", bonus)):
            if value is not None and not isinstance(value, dict):
                self.problem(None, f"'{key}' must be a table ([{key}])")
        rows = self.tables(data, "indicators", None, "rubric")
        if not rows:
            self.problem(None, "rubric: needs at least one [[indicators]] entry")
        star_rows = self.tables(data, "star_levels", None, "rubric")
        if not star_rows:
            self.problem(None, "rubric: needs at least one [[star_levels]] entry")
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
        )
