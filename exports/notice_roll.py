"""The schools a province's notice names, held as what it prints and nothing more.

A notice at 500,000 schools held a SchoolResult per school (eleven fields, code, township…) and
a copy of each rated one: about 280 MB before python-docx began. The notice prints a school's
name, its verified total, and reads its place in the order; a roll keeps the names as one string
with their end offsets, the totals as references to the shared Decimals, the places in an array
(about 40 bytes a school), and makes an entry only when one is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

_CHUNK = 4096  # names joined per piece while the roll is built


@dataclass(frozen=True, slots=True)
class RollEntry:
    """One school of a roll, as the notice reads it (exports.data.ListedSchool)."""

    name: str
    verified_total: Decimal | None
    provisional: bool
    display_order: int


class SchoolRoll(Sequence[RollEntry]):
    """Schools in the order they were added (ascending ``display_order``), read-only."""

    __slots__ = ("_names", "_ends", "_totals", "_orders", "_provisional", "in_order")

    def __init__(self, names: str, ends: array[int], totals: list[Decimal | None], orders: array[int],
                 provisional: bool = False, in_order: bool = False) -> None:
        self._names, self._ends, self._totals, self._orders = names, ends, totals, orders
        self._provisional = provisional  # one mark for all: the notice notes it once, under 一、
        self.in_order = in_order  # strictly ascending display_order: sorted already, as the writer sorts

    def __len__(self) -> int:
        return len(self._ends)

    def _entry(self, index: int) -> RollEntry:
        start = self._ends[index - 1] if index else 0
        return RollEntry(self._names[start:self._ends[index]], self._totals[index], self._provisional,
                         self._orders[index])

    @overload
    def __getitem__(self, index: int) -> RollEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RollEntry]: ...

    def __getitem__(self, index: int | slice) -> RollEntry | Sequence[RollEntry]:
        if isinstance(index, slice):
            return [self._entry(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("roll index out of range")
        return self._entry(index)

    def __iter__(self) -> Iterator[RollEntry]:
        return (self._entry(i) for i in range(len(self)))

    def __repr__(self) -> str:
        return f"SchoolRoll({len(self)} schools)"


class RollBuilder:
    """Collects a roll one school at a time; names are joined in pieces as they come, so the
    500,000 separate name strings are never alive together."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._pending: list[str] = []
        self._length = 0
        self._ends = array("Q")
        self._totals: list[Decimal | None] = []
        self._orders = array("Q")
        self._in_order = True

    def add(self, name: str, verified_total: Decimal | None, display_order: int) -> None:
        self._pending.append(name)
        self._length += len(name)
        self._ends.append(self._length)
        self._totals.append(verified_total)
        if self._orders and display_order <= self._orders[-1]:
            self._in_order = False
        self._orders.append(display_order)
        if len(self._pending) >= _CHUNK:
            self._pieces.append("".join(self._pending))
            self._pending.clear()

    def roll(self, provisional: bool = False) -> SchoolRoll:
        names = "".join([*self._pieces, *self._pending])
        return SchoolRoll(names, self._ends, self._totals, self._orders, provisional, self._in_order)
