"""Verbs for the audit log: list, verify, export, and the seal key."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

import tui.verbs.audit_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_REFUSED
from tui.verbs.common import say, table
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.audit_log import AuditRow


NOTE_WIDTH = 40  # the what-and-why column, cut with an ellipsis; `audit export` has every row in full


def log(args: argparse.Namespace, actor: Actor) -> int:
    """The log in the reader's words, as the app's audit screen shows it (workflow.reads.audit_text):
    报上级认定 for event.recommend_upward, 录入自评分 for score.self, states by their labels, the values changed."""
    from workflow.reads.audit_log import audit_log

    rows = [worded(e) for e in audit_log(actor, by=args.actor, school_code=args.school, limit=args.limit,
                                         round_id=_round_id(args))]
    headers = [t(f"cli.audit.col.{name}") for name in WORDED]
    print(table(rows, headers, args.format))
    return EXIT_OK


WORDED = ("seq", "when", "actor", "action", "school", "move", "note")  # worded()'s cells, cli.audit.col.*


def worded(row: AuditRow) -> list[Any]:
    """One audit row as the CLI prints it (`audit log`, `school history --raw`): the cells of ``WORDED``."""
    import tui.strings  # noqa: F401 - the export kinds' names (导出：公示名单), as the app registers them
    from workflow.reads.audit_text import action_text, move_text, note_text

    return [row.seq, row.when, row.actor, action_text(row.action), row.school_code,
            move_text(row.from_state, row.to_state), _cut(note_text(row.action, row.payload, row.reason))]


def _cut(text: str) -> str:
    return text if len(text) <= NOTE_WIDTH else text[:NOTE_WIDTH - 1] + "…"


def _round_id(args: argparse.Namespace) -> int | None:
    if getattr(args, "round_year", None) is None:
        return None
    from tui.verbs.common import campaign_of, round_id_of_args

    return round_id_of_args(args, campaign_of(args))


def init_key(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.audit import create_key, key_path
    from workflow.audit_head import head_path, record_tail
    from workflow.permissions import require

    require(actor, "user.manage")  # the same officers who hand out SSH keys
    require(actor, "database.manage")  # and the whole server's: the key seals every region's rows
    existed = key_path().exists()
    path = create_key()
    say("cli.audit.key_kept" if existed else "cli.audit.key_created", path=path)
    head = record_tail()  # from now on, removing the newest rows shows (a damaged key is refused here)
    if head is not None:
        say("cli.audit.head_recorded", path=head_path(), seq=head.seq, sealed_from=head.sealed_from)
    return EXIT_OK


def export_log(args: argparse.Namespace, actor: Actor) -> int:
    from exports.audit_csv import write_audit_csv
    from workflow.outputs import checked_output, refusals
    from workflow.reads.audit_log import EXPORT_COLUMNS, export_rows

    rows = export_rows(actor)  # refused here, before the file is touched, for anyone but an admin
    force = bool(getattr(args, "force", False))
    checked_output(args.output, force=force)  # never the live database, the key, authorized_keys
    with refusals():
        target = write_audit_csv(EXPORT_COLUMNS, rows, args.output, force=force)
    say("cli.exported", path=target)
    return EXIT_OK


def verify(args: argparse.Namespace, actor: Actor) -> int:
    """Exit 0: intact (and, with --anchor, the document's head still holds); 1: tampered or damaged."""
    from workflow.i18n import language
    from workflow.reads.audit_log import anchor_report, chain_report

    if getattr(args, "anchor", None):
        anchored = anchor_report(actor, args.anchor)
        print(anchored.message(language()), file=sys.stdout if anchored.ok else sys.stderr)
        return EXIT_OK if anchored.ok else EXIT_REFUSED
    report = chain_report(actor)
    print(report.details(language()), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_REFUSED
