"""Strings of tui/screens/dialogs/facts.py (the campaign facts form)."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "tui.facts.title": {"zh": "活动信息（通报、公示引用）", "en": "Campaign facts (cited by the documents)"},
    "tui.facts.body": {
        "zh": "一次填写，通报、公示名单等文件都引用；留空则用缺省。多项内容一行一项。",
        "en": "Entered once, cited by the notice, the publicity list and the rest; empty means the default. "
              "One item a line where there are several.",
    },
    # Examples are data: the English hint holds no Chinese of its own.
    "tui.facts.hint.document_number": {"zh": "如 {example}", "en": "e.g. {example}"},
    "tui.facts.hint.basis_documents": {"zh": "一行一个：{example}", "en": "one a line: {example}"},
    "tui.facts.hint.upward_authority": {"zh": "一行一个：星级=机关，如 {example}",
                                        "en": "one a line: LEVEL=AUTHORITY, e.g. {example}"},
    "tui.facts.hint.addressee": {"zh": "缺省：{example}", "en": "default: {example}"},
}

register(STRINGS)
