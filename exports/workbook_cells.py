"""The score workbook's detail rows as cell XML, one string a school (exports/workbook.py).

100,000 schools x 22 leaves are 5.5 million cells; written one value at a time through
SheetWriter.append they were most of the export. Here a row is its cells looked up: a score, a
total, a township or a state is made once (xlsx_cells.CellMaker) and every first-level subtotal
is made once per distinct set of its leaves' scores, so a row costs a few list operations.
What each cell holds is what workbook._row_values yields for it (tests/exports/test_workbook_cells.py
reads both back cell by cell).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .data import SchoolResult, WorkbookRow
from .text import clean_text
from .workbook_columns import Group, subtotal
from .xlsx_cells import CellMaker, Made

AUTHORITY_LABELS = {"local": "本级认定", "upward": "报上级认定", "benchmark": "推荐标杆校"}
UNRATED = "未达星级"

SUBTOTALS_KEPT = 4096  # per first level

# A column pair of the score block: a leaf (its index) or a first level's subtotal (group, first, end).
Slot = int | tuple[Group, int, int]


def level_label(school: SchoolResult) -> str:
    return level_name(school.star_name)


def level_name(star_name: str | None) -> str:
    return clean_text(star_name) if star_name else UNRATED


def authority_label(school: SchoolResult) -> str:
    return authority_name(school.authority)


def authority_name(authority: str | None) -> str:
    return AUTHORITY_LABELS.get(authority or "", authority or "")


def _subtotals(group: Group, cells: CellMaker) -> Made:
    """One first level's subtotal cell per distinct tuple of its leaves' scores, made once."""
    # Keys are tuples of a first level's scores: fewer kept than single values (a dozen groups).
    return Made(lambda scores: cells.number(subtotal(scores, group)), cells.blank,  # type: ignore[arg-type]
                SUBTOTALS_KEPT)


def row_maker(leaves: int, plan: Sequence[Slot], cells: CellMaker) -> Callable[[WorkbookRow], str]:
    """A function from a school's row to its cells: identity, the plan's pairs, totals, level."""
    # The plan as runs of leaves, each followed by its group's subtotal (or by nothing: no groups).
    runs: list[tuple[int, int, Made | None]] = []
    start = 0
    for slot in plan:
        if not isinstance(slot, int):
            group, first, end = slot
            runs.append((first, end, _subtotals(group, cells)))
            start = end
    if start < leaves or not runs:
        runs.append((start, leaves, None))
    missing = (None,) * leaves
    number, text, once = cells.number, cells.text, cells.text_once
    numbers, texts = cells.numbers, cells.texts
    # A leaf's 自评/核定 pair of cells, made once per distinct pair of scores (half points: a few
    # hundred a leaf): one look-up a pair instead of two and a concatenation.
    pairs = Made(lambda both: number(both[0]) + number(both[1]), cells.blank * 2)  # type: ignore[index]
    pair = pairs.__getitem__
    # The level, authority and 暂定 cells depend on the star alone: made once per star.
    ends = Made(lambda key: text(level_name(key[0])) + text(authority_name(key[1]))  # type: ignore[index]
                + text("是" if key[2] else ""), "")  # type: ignore[index]
    grouped = [(first, end, subtotals) for first, end, subtotals in runs if subtotals is not None]
    plain = [(first, end) for first, end, subtotals in runs if subtotals is None]

    def by_hand(both: tuple[object, object]) -> str:
        return number(both[0]) + number(both[1])

    def padded(scores: tuple[Decimal | None, ...]) -> tuple[Decimal | None, ...]:
        return scores if len(scores) == leaves else (*scores, *missing)[:leaves]

    def slow(row: WorkbookRow) -> str:
        school = row.school
        selfs, verified = padded(row.self_scores), padded(row.verified_scores)
        try:
            scores = _score_cells(selfs, verified, pair, runs)
        except TypeError:  # a value that is no key (a signalling NaN): cell by cell
            scores = _score_cells(selfs, verified, by_hand, runs, by_hand=True)
        return "".join((once(school.code), once(school.name), text(school.township), text(school.stage),
                        text(row.state_label), scores, number(school.self_total), number(school.verified_total),
                        text(level_label(school)), text(authority_label(school)),
                        text("是" if school.provisional else "")))

    def make(row: WorkbookRow) -> str:
        # The common row: every cell a look-up, the score block's pairs sliced in plan order with
        # each first level's subtotals after its leaves (what _score_cells makes); a row of
        # another width, or any value that is no key (TypeError), takes the careful way.
        school = row.school
        selfs, verified = row.self_scores, row.verified_scores
        if len(selfs) != leaves or len(verified) != leaves:
            return slow(row)
        try:
            made = list(map(pair, zip(selfs, verified, strict=True)))
            parts = [once(school.code), once(school.name), texts[school.township], texts[school.stage],
                     texts[row.state_label]]
            for first, end, subtotals in grouped:
                parts += made[first:end]
                parts.append(subtotals[selfs[first:end]])
                parts.append(subtotals[verified[first:end]])
            for first, end in plain:
                parts += made[first:end]
            parts.append(numbers[school.self_total])
            parts.append(numbers[school.verified_total])
            parts.append(ends[(school.star_name, school.authority, school.provisional)])
        except TypeError:
            return slow(row)
        return "".join(parts)

    return make


def _score_cells(selfs: tuple[Decimal | None, ...], verified: tuple[Decimal | None, ...],
                 pair: Callable[[tuple[object, object]], str], runs: Sequence[tuple[int, int, Made | None]],
                 by_hand: bool = False) -> str:
    """The score block: each leaf's 自评/核定 pair, each first level's subtotal pair after its leaves."""
    pairs = list(map(pair, zip(selfs, verified, strict=True)))
    parts: list[str] = []
    for first, end, subtotals in runs:
        parts += pairs[first:end]
        if subtotals is not None:
            if by_hand:
                parts.append(subtotals.make(selfs[first:end]))
                parts.append(subtotals.make(verified[first:end]))
            else:
                parts.append(subtotals[selfs[first:end]])
                parts.append(subtotals[verified[first:end]])
    return "".join(parts)
