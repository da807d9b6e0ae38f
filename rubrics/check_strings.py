"""What ``python -m rubrics`` itself says (rubrics/check.py): its usage, in either language.

Added to the rubric room's one catalog (rubrics.messages.CATALOG) on import.
"""

from __future__ import annotations

from rubrics.messages import CATALOG

STRINGS: dict[str, dict[str, str]] = {
    "check.usage": {
        "zh": "用法：python -m rubrics [--lang zh|en] check 文件或内置标准名\n"
              "校验评分标准文件（.toml）或内置标准（如 henan-v2），通过时给出摘要，"
              "否则列出每一个问题并以退出码 1 结束。\n"
              "  --lang zh|en  输出语言（默认取 STARCAMPUS_LANG，其次 LANG）",
        "en": "usage: python -m rubrics [--lang zh|en] check FILE_OR_ID\n"
              "Validates a rubric file (.toml) or a built-in rubric (such as henan-v2): a summary when it "
              "passes, else every problem, with exit status 1.\n"
              "  --lang zh|en  the language (default: STARCAMPUS_LANG, then LANG)",
    },
}

CATALOG.update(STRINGS)
