from decimal import Decimal

import pytest

from rubrics.errors import ScoreError
from rubrics.scoring import parse_score

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80", "80"),
        ("80.5", "80.5"),
        (" 80.5 ", "80.5"),
        ("８０．５", "80.5"),
        ("８０.５", "80.5"),
        ("80.0", "80"),
        ("0", "0"),
        ("0.5", "0.5"),
        (D("80.50"), "80.5"),
        (80, "80"),
        ("\u300080\t", "80"),
    ],
)
def test_accepted(text, expected):
    value = parse_score(text)
    assert value == D(expected)
    assert str(value) == expected  # normalised, never 80.0 or 8E+1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "80分",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "1e3",
        "1E3",
        "-1",
        "-0.5",
        "80.3",
        "80.25",
        "8 0",
        "80,5",
        "1,000",
        "٨٠",
        "0x50",
        "80.",
        ".5",
        "++1",
        D("NaN"),
        D("Infinity"),
        D("-2"),
        80.5,
        True,
        None,
    ],
)
def test_refused(text):
    with pytest.raises(ScoreError) as caught:
        parse_score(text)
    assert caught.value.value is text or caught.value.value == text
    assert caught.value.message_zh and caught.value.message_en
    assert str(caught.value) == caught.value.message_zh


def test_over_maximum_names_code_and_maximum():
    with pytest.raises(ScoreError) as caught:
        parse_score("4.5", code="A1.1", maximum=D(4))
    error = caught.value
    assert error.code == "A1.1"
    assert "A1.1" in str(error) and "4" in str(error)
    assert "maximum" in error.message_en
    assert parse_score("4", maximum=D(4)) == 4


def test_messages_are_in_both_languages():
    with pytest.raises(ScoreError) as caught:
        parse_score("80分")
    assert "数字" in caught.value.message_zh
    assert "number" in caught.value.message_en
    with pytest.raises(ScoreError) as caught:
        parse_score("80.3")
    assert "0.5" in caught.value.message_zh and "half" in caught.value.message_en
