"""Each school's leaf scores, one row a school, for the score workbook (exports/gather.py).

A round of 100,000 schools x 22 leaves is 4.4 million score rows; read as rows, making each one
a Python tuple and placing it cost seconds. Here the database folds a page of schools' scores
into one row per school: its (code, kind) keys and its values, each joined by a separator in the
same order (two aggregates over the same rows see them in the same order). Most schools share
one set of keys, so how a set of keys lays out onto the leaves is worked out once and reused.

Values are the stored ones, exactly: SQLite's quote() writes a REAL so that it reads back to the
same double and is decoded here to what the driver hands back (int, float, text, bytes, None);
PostgreSQL's numeric text is what psycopg2 makes its Decimal from. Either is then made a Decimal
as the row-by-row reader made it (garbage text raises, as it did). A school whose keys or values
do not split into as many parts as it has rows (a separator inside a code) is read row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter

import peewee as pw

from models.db import database

SEP = "\x1f"  # ASCII unit separator: in no number; a code holding one is caught by the count
_SQLITE = ("SELECT assessment_id, COUNT(*), group_concat(code || ' ' || kind, char(31)), "
           "group_concat(quote(value), char(31)) FROM score WHERE assessment_id IN ({marks}) GROUP BY assessment_id")
_POSTGRES = ("SELECT assessment_id, COUNT(*), string_agg(code || ' ' || kind, E'\\x1f' ORDER BY code, kind), "
             "string_agg(value::text, E'\\x1f' ORDER BY code, kind) FROM score WHERE assessment_id IN ({marks}) "
             "GROUP BY assessment_id")
_LAYOUTS = 1000  # distinct key sets remembered (a round has a handful)
_VALUES = 20_000  # distinct stored values remembered (half points: a few hundred)

Sheet = tuple[tuple[Decimal | None, ...], tuple[Decimal | None, ...]]  # (self, verified) in leaf order
Picker = Callable[[list[Decimal | None]], tuple[Decimal | None, ...]]


def _from_quote(text: str) -> object:
    """SQLite's quote() of a value, back to what the sqlite3 driver returns for it."""
    if text == "NULL":
        return None
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if text.startswith(("X'", "x'")):
        return bytes.fromhex(text[2:-1])
    if any(ch in text for ch in ".eEI"):  # a REAL: 7.5, 1.0e+20, Inf
        return float(text)
    return int(text)


def _as_decimal(value: object) -> Decimal:
    """As the row-by-row reader turned a stored value into a Decimal (and refused garbage)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


class _Values(dict[str, Decimal]):
    """Stored value text -> its Decimal, each made once (shared by every cell that holds it)."""

    def __init__(self, quoted: bool) -> None:
        super().__init__()
        self._quoted = quoted

    def __missing__(self, text: str) -> Decimal:
        number = _as_decimal(_from_quote(text) if self._quoted else Decimal(text))
        if len(self) < _VALUES:
            self[text] = number
        return number


def _picker(places: list[int]) -> Picker:
    """The values at ``places``, as a tuple, picked in C (itemgetter) for two or more."""
    if len(places) >= 2:
        return itemgetter(*places)  # type: ignore[return-value]
    return lambda values: tuple(values[at] for at in places)


class ScoreSheets:
    """The scores of pages of schools, by assessment id, laid out on ``leaf_codes``."""

    def __init__(self, leaf_codes: Sequence[str]) -> None:
        self._index = {code: i for i, code in enumerate(leaf_codes)}
        self._width = len(leaf_codes)
        postgres = isinstance(database.obj, pw.PostgresqlDatabase)
        self._sql = _POSTGRES if postgres else _SQLITE
        self._values = _Values(quoted=not postgres)
        self._layouts: dict[str, tuple[int, Picker, Picker]] = {}
        self._none = (None,) * self._width

    def page(self, assessment_ids: Sequence[int]) -> dict[int, Sheet]:
        """Each school's (self, verified) scores; a school with none is left out."""
        if not assessment_ids:
            return {}
        marks = ", ".join([database.obj.param] * len(assessment_ids))
        sheets: dict[int, Sheet] = {}
        layouts, value_of = self._layouts, self._values.__getitem__
        for aid, count, keys, values in database.execute_sql(self._sql.format(marks=marks), list(assessment_ids)):
            # A key set seen before is known to split into its count of parts: only a new one is split
            # (100,000 schools share a handful, and splitting each made 4.4 million strings).
            layout = layouts.get(keys)
            if layout is None or layout[0] != count:
                key_list = keys.split(SEP)
                if len(key_list) != count:
                    sheets[aid] = self._row_by_row(aid)
                    continue
                layout = (count, *self._layout(key_list))
                if len(layouts) < _LAYOUTS:
                    layouts[keys] = layout
            value_list = values.split(SEP)
            if len(value_list) != count:
                sheets[aid] = self._row_by_row(aid)
                continue
            numbers = [*map(value_of, value_list), None]  # index count: no score
            _count, mine, verified = layout
            sheets[aid] = (mine(numbers), verified(numbers))
        return sheets

    def _layout(self, keys: list[str]) -> tuple[Picker, Picker]:
        """For each leaf, where its self and its verified value sit among a school's values (the
        value count, pointing at None, when it has none), as a function picking them out of the
        values in leaf order. Codes the rubric lacks, and kinds other than self and verified, are
        not the sheet's."""
        missing = len(keys)
        places = {"self": [missing] * self._width, "verified": [missing] * self._width}
        for at, key in enumerate(keys):
            code, _space, kind = key.rpartition(" ")
            position = self._index.get(code)
            if position is not None and kind in places:
                places[kind][position] = at
        return _picker(places["self"]), _picker(places["verified"])

    def _row_by_row(self, aid: int) -> Sheet:
        mine: list[Decimal | None] = list(self._none)
        verified: list[Decimal | None] = list(self._none)
        cursor = database.execute_sql(
            f"SELECT code, kind, value FROM score WHERE assessment_id = {database.obj.param}", [aid])
        for code, kind, value in cursor:
            position = self._index.get(code)
            if position is not None and kind in ("self", "verified"):
                (mine if kind == "self" else verified)[position] = _as_decimal(value)
        return tuple(mine), tuple(verified)

