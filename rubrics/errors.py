"""Errors raised for bad rubric files and bad scores: catalog keys and data, read in the reader's
language (rubrics.messages), never finished text fixed when they were raised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rubrics.messages import Text, reader_language, render


@dataclass(frozen=True)
class RubricProblem:
    file: str
    code: str | None
    message: Text

    def render(self, lang: str | None = None) -> str:
        if self.code is None:
            return render("rubric.problem", lang, file=self.file, message=self.message)
        return render("rubric.problem_at", lang, file=self.file, code=self.code, message=self.message)

    def __str__(self) -> str:
        return self.render()


class RubricError(ValueError):
    """Every problem found in one rubric, so an officer can fix them all in one pass; ``str()`` is
    in the reader's language, ``message(lang)`` in the one asked for."""

    def __init__(self, problems: list[RubricProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.message("zh"))

    def message(self, lang: str | None = None) -> str:
        return "\n".join(problem.render(lang) for problem in self.problems)

    def __str__(self) -> str:
        return self.message(reader_language())

    @classmethod
    def single(cls, file: str, message: Text, code: str | None = None) -> RubricError:
        return cls([RubricProblem(file, code, message)])


_NAMES_ITS_INDICATOR = frozenset({"score.no_indicator", "score.not_leaf", "score.no_veto"})


class ScoreError(ValueError):
    """A score that cannot be accepted: a key of rubrics.messages and its data, rendered in either
    language (``message(lang)``; ``str()`` is Chinese)."""

    def __init__(self, code: str | None, value: Any, key: str, /, **params: object) -> None:
        self.code = code
        self.value = value
        self.key = key
        self.params = params
        super().__init__(self.message("zh"))

    @property
    def at_indicator(self) -> bool:
        """Whether the message is prefixed "indicator CODE:" (the reason does not name it itself)."""
        return self.code is not None and self.key not in _NAMES_ITS_INDICATOR

    def message(self, lang: str = "zh") -> str:
        reason = render(self.key, lang, **self.params)
        return render("score.at_indicator", lang, code=self.code, reason=reason) if self.at_indicator else reason

    @property
    def message_zh(self) -> str:
        return self.message("zh")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def __str__(self) -> str:
        return self.message("zh")
