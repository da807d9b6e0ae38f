"""Properties that must hold for any scores, on both shipped rubrics."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.loader import builtin_rubric, load_rubric_text
from rubrics.scoring import score
from tests.rubrics.helpers import SMALL

RUBRICS = [builtin_rubric("ningxia-2022"), builtin_rubric("henan-v2"), load_rubric_text(SMALL, "small.toml")]


@st.composite
def scored(draw):
    rubric = draw(st.sampled_from(RUBRICS))
    values = {}
    for leaf in rubric.leaves():
        if draw(st.booleans()) or draw(st.booleans()):
            halves = draw(st.integers(0, int(leaf.max_score * 2)))
            values[leaf.code] = Decimal(halves) / 2
    return rubric, values


def level(result):
    return result.star.level if result.star else 0


@settings(max_examples=300, deadline=None)
@given(scored(), st.data())
def test_raising_one_leaf_never_lowers_the_star(case, data):
    rubric, values = case
    before = score(rubric, values)
    leaf = data.draw(st.sampled_from(rubric.leaves()))
    current = values.get(leaf.code, Decimal(0))
    steps = data.draw(st.integers(0, int((leaf.max_score - current) * 2)))
    raised = dict(values)
    raised[leaf.code] = current + Decimal(steps) / 2
    after = score(rubric, raised)
    assert after.total >= before.total
    assert level(after) >= level(before)


@settings(max_examples=300, deadline=None)
@given(scored())
def test_total_is_the_capped_sum_of_leaves(case):
    rubric, values = case
    result = score(rubric, values)
    bonus_codes = rubric.bonus_leaf_codes()
    main = sum((v for c, v in values.items() if c not in bonus_codes), Decimal(0))
    bonus = sum((v for c, v in values.items() if c in bonus_codes), Decimal(0))
    assert result.base_total + result.extension_total <= main
    if rubric.extension_cap is None:
        assert result.base_total + result.extension_total == main
    else:
        assert result.extension_total <= rubric.extension_cap
    expected_bonus = min(bonus, rubric.bonus.cap) if rubric.bonus else Decimal(0)
    assert result.bonus_total == expected_bonus
    assert result.total == result.base_total + result.extension_total + result.bonus_total
    assert result.total <= rubric.max_total()
    assert sorted(result.missing) == sorted(set(rubric.leaf_codes()) - set(values))
    for first in rubric.indicators:
        assert result.subtotals[first.code] == sum(
            (values.get(leaf.code, Decimal(0)) for leaf in first.walk() if leaf.is_leaf), Decimal(0)
        )
    if result.star is not None:
        assert result.total >= result.star.threshold
    if result.next_level is not None:
        assert result.gap == result.next_level.threshold - result.total > 0


@settings(max_examples=300, deadline=None)
@given(scored())
def test_an_imports_checked_total_is_the_schools_total(case):
    """The score import totals a page of checked values without parsing them again: same number."""
    from rubrics.scoring import checked_total

    rubric, values = case
    assert checked_total(rubric, values) == score(rubric, values).total
