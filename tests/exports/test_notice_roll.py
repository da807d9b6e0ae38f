"""A province's notice holds its schools on rolls (exports/notice_roll.py): the ratings
paragraph read off rolls is the one read off the schools' full results."""

from __future__ import annotations

from dataclasses import replace

from exports.data import NoticeInput
from exports.notice_roll import RollBuilder
from exports.notice_text import ratings_paragraph

from .records import with_fields


def test_rolls_print_the_same_ratings_as_results(jingyuan: NoticeInput) -> None:
    def roll(schools):  # type: ignore[no-untyped-def]
        builder = RollBuilder()
        for s in sorted(schools, key=lambda s: s.display_order):
            builder.add(s.name, s.verified_total, s.display_order)
        return builder.roll()

    full = with_fields(jingyuan, unrated_in_ratings=True)
    rolled = replace(full, groups=tuple(replace(g, schools=roll(g.schools)) for g in full.groups),
                     unrated=roll(full.unrated))
    assert ratings_paragraph(rolled) == ratings_paragraph(full)
    first = rolled.groups[0].schools
    assert [s.name for s in first] == [s.name for s in sorted(full.groups[0].schools, key=lambda s: s.display_order)]
    assert first[-1] == first[len(first) - 1] and len(first[1:]) == len(first) - 1
