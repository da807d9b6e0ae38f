"""The words every verb shares (tui/verbs/common.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # A refusal from workflow/ (its reason already in the reader's language), as the CLI prints it.
    "cli.refused": {"zh": "拒绝：{reason}", "en": "Refused: {reason}"},
    "cli.exported": {"zh": "已导出：{path}", "en": "Exported: {path}"},
    "cli.cannot_open_database": {"zh": "无法打开数据库：{detail}", "en": "Cannot open the database: {detail}"},
}

register(STRINGS)
