"""What the batch verbs print (tui/verbs/batch.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "cli.batch.done": {"zh": "{school}：完成，现为“{state}”", "en": "{school}: done, now '{state}'"},
    "cli.batch.refused": {"zh": "{school}：拒绝：{reason}", "en": "{school}: refused: {reason}"},
    "cli.batch.summary": {"zh": "完成{done}所，拒绝{refused}所（逐校执行：被拒的学校不影响其他学校）。",
                          "en": "{done} done, {refused} refused (one school at a time: a refusal never undoes "
                                "the others)."},
    "cli.batch.nothing": {"zh": "本轮没有处于“{state}”状态的学校。", "en": "No school of the round is in state '{state}'."},
    "cli.batch.usage": {"zh": "请写学校代码（可多个）或 --state 状态，二者选一。",
                        "en": "Give school codes (one or more) or --state STATE, not both."},
}

register(STRINGS)
