"""Reading one score as typed by an officer (half points, full-width digits allowed)."""

from __future__ import annotations

from decimal import Decimal

from rubrics.decimals import clean_text, is_half_step, normalise, parse_plain, to_text
from rubrics.errors import ScoreError


def _fail(code: str | None, value: object, key: str, /, **params: object) -> ScoreError:
    return ScoreError(code, value, key, **params)


def parse_score(
    text: str | Decimal | int, *, code: str | None = None, maximum: Decimal | None = None
) -> Decimal:
    """The score as a normalised Decimal (80.5, 80); ScoreError says why it is refused."""
    value: Decimal | None
    if isinstance(text, bool) or not isinstance(text, str | Decimal | int):
        # Floats are refused on purpose: 0.1 + 0.2 is not 0.3 in binary.
        raise _fail(code, text, "score.not_a_value", value=repr(text))
    if isinstance(text, str):
        if not clean_text(text):
            raise _fail(code, text, "score.empty")
        value = parse_plain(text)
        if value is None:
            raise _fail(code, text, "score.not_plain", text=text.strip())
    elif isinstance(text, Decimal):
        if not text.is_finite():
            raise _fail(code, text, "score.not_finite", text=text)
        value = text
    else:
        value = Decimal(text)
    if value < 0:
        raise _fail(code, text, "score.negative")
    if maximum is not None and value > maximum:
        raise _fail(code, text, "score.above_max", value=to_text(value), limit=to_text(maximum))
    if not is_half_step(value):
        raise _fail(code, text, "score.half_points", value=to_text(value))
    return normalise(value)
