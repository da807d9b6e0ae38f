from decimal import Decimal

import pytest

from rubrics.errors import ScoreError
from rubrics.loader import builtin_rubric, load_rubric_text
from rubrics.scoring import format_score, gap_text, score, star_for
from tests.rubrics.helpers import SMALL, fill

D = Decimal


@pytest.fixture
def small():
    return load_rubric_text(SMALL, "small.toml")


def test_extension_counted_and_capped(small):
    assert small.max_total() == D(10 + 3 + 2)
    result = score(small, {"A1": D(8), "A2": D(7)})
    assert result.base_total == 10
    assert result.extension_total == 3  # 5 earned, capped at 3
    assert result.total == 13
    assert result.subtotals["A"] == 15  # subtotals are the raw sums
    assert result.missing == ["X1", "X2"]


def test_extension_only_part_beyond_base(small):
    result = score(small, {"A1": D("6.5"), "A2": D(2)})
    assert (result.base_total, result.extension_total) == (D("8"), D("0.5"))


def test_bonus_cap_applied(small):
    result = score(small, {"A1": D(6), "A2": D(4), "X1": D(2), "X2": D("1.5")})
    assert result.bonus_total == 2
    assert result.total == 12
    assert result.subtotals["X2"] == D("1.5")
    assert result.star is not None and result.star.level == 1


def test_henan_bonus_cap(tmp_path):
    henan = builtin_rubric("henan-v2")
    values = fill(henan, 123)
    values.update({code: D(10) for code in henan.bonus_leaf_codes()})
    result = score(henan, values)
    assert result.bonus_total == 30
    assert result.total == 153


def test_veto_always_wins(small):
    result = score(small, {"A1": D(8), "A2": D(7), "X1": D(2)}, vetoes=["V1"])
    assert result.total == 15
    assert result.star is None
    assert result.vetoed == ("V1",)
    assert result.next_level is None and result.gap is None
    assert "一票否决" in gap_text(result)
    assert "veto" in gap_text(result, "en")
    assert star_for(small, D(15), vetoed=True) is None


def test_ningxia_veto_bars_four_stars():
    ningxia = builtin_rubric("ningxia-2022")
    result = score(ningxia, fill(ningxia, "94.5"), vetoes=["V1"])
    assert result.star is None


def test_unknown_code_is_refused(small):
    with pytest.raises(ScoreError) as caught:
        score(small, {"A9": D(1)})
    assert caught.value.code == "A9"
    assert "A9" in str(caught.value) and "A9" in caught.value.message_en


def test_parent_code_is_refused(small):
    with pytest.raises(ScoreError) as caught:
        score(small, {"A": D(1)})
    assert caught.value.code == "A"


def test_unknown_veto_is_refused(small):
    with pytest.raises(ScoreError):
        score(small, {}, vetoes=["V9"])


@pytest.mark.parametrize("value", [D(9), D("-1"), D("2.3"), "abc"])
def test_value_out_of_range_is_refused(small, value):
    with pytest.raises(ScoreError) as caught:
        score(small, {"A1": value})
    assert caught.value.code == "A1"
    assert caught.value.value == value


def test_text_scores_accepted(small):
    assert score(small, {"A1": "５.５", "A2": " 4 "}).total == D("9.5")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("71.5"), "71.5"),
        (D("75.0"), "75"),
        (D("7.5E+1"), "75"),
        (D("100"), "100"),
        (D(0), "0"),
        (D("0.50"), "0.5"),
        (D("-0"), "0"),
    ],
)
def test_format_score(value, text):
    assert format_score(value) == text


def test_star_below_lowest_and_at_threshold(small):
    assert star_for(small, D("9.5")) is None
    assert star_for(small, D(10)).level == 1
    assert star_for(small, D(14)).level == 2
