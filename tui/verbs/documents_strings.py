"""Strings of tui/verbs/documents.py (the campaign facts in `notice show`, `export --pdf`)."""

from __future__ import annotations

import workflow.doors.notice_facts  # noqa: F401  - the facts' refusals, in the catalog `notice set` reads
from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "cli.notice.fact": {"zh": "{label}（{key}）：{text}", "en": "{label} ({key}): {text}"},
    "cli.notice.fact_more": {"zh": "    {text}", "en": "    {text}"},
    "cli.export.no_libreoffice": {
        "zh": "未生成 PDF：没有安装 LibreOffice（soffice）。请安装 libreoffice-writer-nogui（Debian/Ubuntu）后重试；"
              "{path} 已写出。",
        "en": "No PDF made: LibreOffice (soffice) is not installed. Install libreoffice-writer-nogui "
              "(Debian/Ubuntu) and try again; {path} is written.",
    },
    "cli.export.appendix": {
        "zh": "通报已附分析图表（附件：{title}）。",
        "en": "The notice carries the analysis charts as its appendix ({title}, in the notice's Chinese).",
    },
    "cli.export.pdf_failed": {
        "zh": "未生成 PDF：LibreOffice 转换失败（{reason}）；{path} 已写出。",
        "en": "No PDF made: LibreOffice could not convert it ({reason}); {path} is written.",
    },
}

register(STRINGS)
