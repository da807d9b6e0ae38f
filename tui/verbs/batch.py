"""``school advance CODE… EVENT`` and ``school advance --state STATE EVENT``: one event for many
schools, one line per school.

Each school is its own transaction through workflow.statemachine.events.fire (the loop is
workflow.doors.school_batch.advance_each, shared with the dashboard's batch), so a school the
guards refuse is reported and never undoes the schools done before or after it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import tui.verbs.batch_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from tui.verbs.common import err, round_id_of_args
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor


def _chosen(args: argparse.Namespace, actor: Actor, campaign: Any, codes: list[str],
            round_id: int | None) -> list[tuple[str, str, int | None]]:
    """(code, name, assessment id or None when the school is not in the round), in the order asked."""
    from workflow.reads.queries import count_rows, find_assessment, school_rows
    from workflow.reads.scope import reader_scope

    scope = reader_scope(actor)
    if args.state:
        from workflow.errors import InvalidInput
        from workflow.i18n import Listing, Msg
        from workflow.statemachine.declaration import STATES

        known = [s["name"] for s in STATES]
        if args.state not in known:
            raise InvalidInput("err.invalid", where="--state",
                               what=Msg("why.not_one_of", value=args.state, known=Listing(known)))
        count = count_rows(campaign.id, state=args.state, scope=scope, round_id=round_id)
        rows = school_rows(campaign.id, state=args.state, scope=scope, round_id=round_id, limit=max(1, count))
        return [(r.code, r.name, r.assessment_id) for r in rows]
    chosen = []
    for code in dict.fromkeys(codes):
        row = find_assessment(campaign.id, code, round_id)
        chosen.append((code, str(row.school.name) if row is not None else "", int(row.id) if row else None))
    return chosen


def advance_many(args: argparse.Namespace, actor: Actor, campaign: Any, codes: list[str]) -> int:
    from workflow.doors.school_batch import BatchOutcome, BatchSchool, advance_each
    from workflow.statemachine.guards import state_label

    if bool(codes) == bool(args.state):  # exactly one of: the codes, or --state
        err(t("cli.batch.usage"))
        return EXIT_USAGE
    chosen = _chosen(args, actor, campaign, codes, round_id_of_args(args, campaign))
    if not chosen:
        print(t("cli.batch.nothing", state=state_label(args.state)))
        return EXIT_OK

    def line(outcome: BatchOutcome) -> None:  # printed as each school answers
        if outcome.error is not None:
            print(t("cli.batch.refused", school=outcome.school.title, reason=outcome.error))
        else:
            print(t("cli.batch.done", school=outcome.school.title, state=state_label(outcome.state or "")))

    outcomes = advance_each(actor, [BatchSchool(code, name, aid) for code, name, aid in chosen], args.event,
                            reason=args.reason, each=line)
    done = sum(o.done for o in outcomes)
    refused = len(outcomes) - done
    print(t("cli.batch.summary", done=done, refused=refused))
    return EXIT_REFUSED if refused else EXIT_OK
