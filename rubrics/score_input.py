"""Reading one score as typed by an officer (half points, full-width digits allowed)."""

from __future__ import annotations

from decimal import Decimal

from rubrics.decimals import clean_text, is_half_step, normalise, parse_plain, to_text
from rubrics.errors import ScoreError


def _fail(code: str | None, value: object, zh: str, en: str) -> ScoreError:
    if code is not None:
        zh = f"指标 {code}：{zh}"
        en = f"indicator {code}: {en}"
    return ScoreError(code, value, zh, en)


def parse_score(
    text: str | Decimal | int, *, code: str | None = None, maximum: Decimal | None = None
) -> Decimal:
    """The score as a normalised Decimal (80.5, 80); ScoreError says why it is refused."""
    value: Decimal | None
    if isinstance(text, bool) or not isinstance(text, str | Decimal | int):
        # Floats are refused on purpose: 0.1 + 0.2 is not 0.3 in binary.
        raise _fail(code, text, f"分值必须是数字，收到 {text!r}", f"the score must be a number, got {text!r}")
    if isinstance(text, str):
        if not clean_text(text):
            raise _fail(code, text, "分值不能为空", "the score is empty")
        value = parse_plain(text)
        if value is None:
            raise _fail(
                code,
                text,
                f"“{text.strip()}”不是有效分值，请只填写数字，如 80 或 80.5",
                f"'{text.strip()}' is not a score; write a plain number such as 80 or 80.5",
            )
    elif isinstance(text, Decimal):
        if not text.is_finite():
            raise _fail(code, text, f"“{text}”不是有效分值", f"'{text}' is not a score")
        value = text
    else:
        value = Decimal(text)
    if value < 0:
        raise _fail(code, text, "分值不能为负数", "the score cannot be negative")
    if maximum is not None and value > maximum:
        limit = to_text(maximum)
        raise _fail(
            code,
            text,
            f"分值 {to_text(value)} 超过满分 {limit} 分",
            f"the score {to_text(value)} is above the maximum of {limit}",
        )
    if not is_half_step(value):
        raise _fail(
            code,
            text,
            f"分值 {to_text(value)} 须以 0.5 分为单位（如 80 或 80.5）",
            f"the score {to_text(value)} must be in half points (such as 80 or 80.5)",
        )
    return normalise(value)
