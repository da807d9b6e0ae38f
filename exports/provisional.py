"""What exactly is provisional in a rubric, as the notice and the forms say it.

``provisional_parts(rubric)`` reads the rubric's own marks (Indicator/StarLevel/Veto/Bonus
``provisional``); exports/gather.py puts the result on the records (``provisional_parts``)
and the writers turn it into one note. Codes, in the order the note names them:

- ``indicators``: an indicator (name or points) of the scored tree is provisional
- ``thresholds``: every star level's threshold is provisional
- ``threshold:<name>``: that level's threshold only (e.g. ``threshold:五星级``)
- ``bonus``: the bonus items or their cap
- ``vetoes``: a veto item
"""

from __future__ import annotations

from rubrics.model import Rubric

from .text import clean_text

PART_WORDS = {
    "indicators": "评价指标及分值",
    "thresholds": "星级分数线",
    "bonus": "奖励加分项目及上限",
    "vetoes": "一票否决项",
}


def provisional_parts(rubric: Rubric) -> tuple[str, ...]:
    parts: list[str] = []
    if any(ind.provisional for top in rubric.indicators for ind in top.walk()):
        parts.append("indicators")
    levels = rubric.star_levels
    marked = [level for level in levels if level.provisional]
    if levels and len(marked) == len(levels):
        parts.append("thresholds")
    else:
        parts.extend(f"threshold:{level.name_zh}" for level in marked)
    bonus = rubric.bonus
    if bonus is not None and (bonus.provisional or any(i.provisional for top in bonus.items for i in top.walk())):
        parts.append("bonus")
    if any(veto.provisional for veto in rubric.vetoes):
        parts.append("vetoes")
    return tuple(parts)


def part_phrase(parts: tuple[str, ...]) -> str:
    """"评价指标及分值、五星级分数线": the provisional parts named, in a fixed order."""
    words: list[str] = []
    levels = [clean_text(p.partition(":")[2]) for p in parts if p.startswith("threshold:")]
    for code in ("indicators", "thresholds", "levels", "bonus", "vetoes"):
        if code == "levels":
            if levels and "thresholds" not in parts:
                words.append("、".join(levels) + "分数线")
        elif code in parts:
            words.append(PART_WORDS[code])
    return "、".join(w for w in words if w)


def provisional_sentence(rubric_ref: str, parts: tuple[str, ...]) -> str:
    """The note under the ratings / on the form; "" when nothing is provisional.

    With no parts recorded (older records), it says only that part of the standard is
    provisional, which is true whatever the part is.
    """
    ref = rubric_ref or "评定标准"
    phrase = part_phrase(parts)
    if phrase:
        thresholds_marked = any(p == "thresholds" or p.startswith("threshold:") for p in parts)
        confirmed = "" if thresholds_marked else "（星级分数线已确认）"
        return f"注：本次评定所依据的{ref}中，{phrase}为暂定内容{confirmed}，评定结果以正式发布的标准为准。"
    return f"注：本次评定所依据的{ref}部分内容为暂定，评定结果以正式发布的标准为准。"
