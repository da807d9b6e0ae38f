"""Strings of tui/screens/dialogs/publicity.py (the publicity length of a campaign)."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "tui.publicity.button": {"zh": "公示天数…", "en": "Publicity days…"},
    "tui.publicity.title": {"zh": "公示天数", "en": "Publicity length"},
    "tui.publicity.body": {
        "zh": "公示期从学校公示之日起计算；第一所学校公示后不能再改。",
        "en": "Publicity runs from the day a school is publicized; once the first school is, it can no longer "
              "be changed.",
    },
    "tui.publicity.days": {"zh": "天数（0至60）", "en": "Days (0-60)"},
    "tui.publicity.changed": {"zh": "公示天数已改为{days}天", "en": "Publicity length set to {days} days"},
}
register(STRINGS)
