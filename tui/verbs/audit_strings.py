"""What the audit-log verbs print (tui/verbs/audit.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "cli.audit.col.seq": {"zh": "#", "en": "#"},
    "cli.audit.col.when": {"zh": "时间", "en": "When"},
    "cli.audit.col.actor": {"zh": "用户", "en": "User"},
    "cli.audit.col.action": {"zh": "操作", "en": "Action"},
    "cli.audit.col.school": {"zh": "学校", "en": "School"},
    "cli.audit.col.move": {"zh": "状态", "en": "State"},
    "cli.audit.col.reason": {"zh": "理由", "en": "Reason"},
    "cli.audit.col.note": {"zh": "说明", "en": "Details"},
    "cli.audit.key_created": {
        "zh": "已生成封印密钥：{path}（请妥善备份；丢失后旧记录的封印无法再校验）",
        "en": "Seal key created: {path} (back it up: without it old seals can't be checked)",
    },
    "cli.audit.key_kept": {
        "zh": "已有封印密钥：{path}（请妥善备份；丢失后旧记录的封印无法再校验）",
        "en": "Seal key kept: {path} (back it up: without it old seals can't be checked)",
    },
    "cli.audit.head_recorded": {
        "zh": "已在密钥旁记录本数据库的链头：{path}（序号{seq}）。自序号{sealed_from}起每条记录都须有封印；"
              "此后删除最新记录会被 audit verify 发现。",
        "en": "This database's head is kept beside the key: {path} (seq {seq}). Every row from seq {sealed_from} "
              "on must carry a seal; removing the newest rows now shows in audit verify.",
    },
}

register(STRINGS)
