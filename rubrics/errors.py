"""Errors raised for bad rubric files and bad scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RubricProblem:
    file: str
    code: str | None
    message: str

    def __str__(self) -> str:
        if self.code is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}: indicator {self.code}: {self.message}"


class RubricError(ValueError):
    """Every problem found in one rubric, so an officer can fix them all in one pass."""

    def __init__(self, problems: list[RubricProblem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    @classmethod
    def single(cls, file: str, message: str, code: str | None = None) -> RubricError:
        return cls([RubricProblem(file, code, message)])


class ScoreError(ValueError):
    """A score that cannot be accepted; str() is Chinese, message_en is the English text."""

    def __init__(self, code: str | None, value: Any, message_zh: str, message_en: str) -> None:
        self.code = code
        self.value = value
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(message_zh)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def __str__(self) -> str:
        return self.message_zh
