"""`starcampus rubric check FILE`: validate a rubric file and summarise it.

The CLI (tui/cli.py) delegates here; `python -m rubrics check FILE` does the same
without the TUI installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from rubrics import messages
from rubrics.decimals import to_text
from rubrics.errors import RubricError
from rubrics.loader import resolve_rubric
from rubrics.messages import environment_language, follow_language, reader_language, render
from rubrics.model import Rubric


def summary(rubric: Rubric) -> str:
    """The rubric in a few lines, in the reader's language (its names are data: both are shown)."""
    leaves = rubric.leaves()
    numbers = {"total": to_text(rubric.max_total()), "base": to_text(rubric.base_max),
               "extension": to_text(rubric.extension_max)}
    lines = [
        render("check.head", id=rubric.id, name=rubric.name, region=rubric.region, version=rubric.version),
        render("check.indicators", first=len(rubric.indicators), leaves=len(leaves)),
        render("check.maximum_bonus", **numbers, cap=to_text(rubric.bonus.cap)) if rubric.bonus
        else render("check.maximum", **numbers),
    ]
    for star in rubric.star_levels:
        lines.append(render("check.star", name_zh=star.name_zh, name_en=star.name_en,
                            threshold=to_text(star.threshold), authority=star.authority, mark=_mark(star.provisional)))
    for veto in rubric.vetoes:
        lines.append(render("check.veto", code=veto.code, text=veto.text, mark=_mark(veto.provisional)))
    if rubric.notes:
        lines.append(render("check.notes", count=len(rubric.notes)))
    if rubric.is_provisional:
        lines.append(render("check.provisional", count=sum(1 for i in rubric.walk() if i.provisional)))
    return "\n".join(line.rstrip() for line in lines)


def _mark(provisional: bool) -> str:
    return render("check.mark") if provisional else ""


def check(target: str) -> tuple[int, str]:
    """Exit status and text to print: 0 and a summary, or 1 and every problem."""
    try:
        rubric = resolve_rubric(target)
    except RubricError as error:
        return 1, render("check.failed", problems=str(error), count=len(error.problems))
    return 0, f"{render('check.ok')}\n{summary(rubric)}"


LANGUAGES = ("zh", "en")


def chosen_language(asked: str | None, environ: Mapping[str, str]) -> str:
    """``--lang``, else the environment's (rubrics.messages.environment_language), as ``starcampus`` does."""
    return asked or environment_language(environ)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m rubrics [--lang zh|en] check FILE_OR_ID``; ``-h`` for the usage."""
    import rubrics.check_strings  # noqa: F401  - registers the usage text

    words = list(sys.argv[1:] if argv is None else argv)
    asked: str | None = None
    rest: list[str] = []
    while words:
        word = words.pop(0)
        if word == "--lang" and words and words[0] in LANGUAGES:
            asked = words.pop(0)
        elif word.startswith("--lang=") and word[len("--lang="):] in LANGUAGES:
            asked = word[len("--lang="):]
        else:
            rest.append(word)
    # A host that has already chosen the language (starcampus, a test) is followed unless --lang says
    # otherwise; `python -m rubrics` on its own chooses as starcampus would.
    hosted = asked is None and "workflow.i18n" in sys.modules
    lang = reader_language() if hosted else chosen_language(asked, os.environ)
    previous = messages._reader_language
    follow_language(lambda: lang)  # every rubric text below, problems included, in that language
    try:
        if rest in (["-h"], ["--help"]):
            print(render("check.usage"))
            return 0
        if len(rest) != 2 or rest[0] != "check":
            print(render("check.usage"), file=sys.stderr)
            return 2
        status, text = check(rest[1])
        print(text, file=sys.stdout if status == 0 else sys.stderr)
        return status
    finally:
        follow_language(previous)
