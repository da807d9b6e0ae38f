"""Verbs for the audit log: list, verify, export, and the seal key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.cli import EXIT_OK, EXIT_REFUSED
from tui.verbs.common import table


def log(args: argparse.Namespace, actor: Any) -> int:
    from workflow.guards import state_label
    from workflow.queries import audit_events

    def move(e: Any) -> str:
        if not e.to_state or e.from_state == e.to_state:
            return ""
        try:
            return f"{state_label(e.from_state) if e.from_state else ''}→{state_label(e.to_state)}"
        except KeyError:  # campaign phases and other non-school states
            return f"{e.from_state}→{e.to_state}"

    rows = [[e.seq, e.at.replace("T", " ")[:19], e.actor, e.action, e.school_code, move(e), e.reason[:40]]
            for e in audit_events(actor=args.actor, school_code=args.school, limit=args.limit)]
    print(table(rows, ["#", "时间", "用户", "操作", "学校", "状态", "理由"], args.format))
    return EXIT_OK


def init_key(args: argparse.Namespace, actor: Any) -> int:
    from workflow.audit import create_key, key_path
    from workflow.permissions import require

    require(actor, "user.manage")  # the same officers who hand out SSH keys
    existed = key_path().exists()
    path = create_key()
    print(f"{'已有' if existed else '已生成'}封印密钥 / seal key {'kept' if existed else 'created'}: {path}"
          "（请妥善备份；丢失后旧记录的封印无法再校验 / back it up: without it old seals can't be checked）")
    return EXIT_OK


def export_log(args: argparse.Namespace, actor: Any) -> int:
    import csv

    from exports.atomic import atomic_target
    from models.schema import AuditEvent
    from workflow.audit import FIELDS

    target = Path(args.output)
    with atomic_target(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)  # the BOM makes Excel open it as UTF-8
        writer.writerow([*FIELDS, "hash", "seal"])
        for row in AuditEvent.select().order_by(AuditEvent.seq).dicts().iterator():
            writer.writerow([row[f] for f in FIELDS] + [row["hash"], row["seal"]])
    print(f"已导出 / exported: {target}")
    return EXIT_OK


def verify(args: argparse.Namespace, actor: Any) -> int:
    from workflow.audit import verify_chain
    from workflow.i18n import language

    report = verify_chain()
    print(report.message(language()), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_REFUSED

