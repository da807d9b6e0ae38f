"""The next step after a refusal that has an obvious one, printed under the refusal as the command to type.

The refusal itself comes from workflow/ and says why; this says what to do about it, in the words of
the command line (which verb, which option), so it lives beside the verbs and not in the core.
"""

from __future__ import annotations

import argparse
import re
import shlex
from typing import TYPE_CHECKING

import tui.verbs.common_strings  # noqa: F401  - registers this file's keys
from workflow.i18n import Listing, Msg, t

if TYPE_CHECKING:
    from workflow.errors import WorkflowError
    from workflow.permissions import Actor


def command_line(args: argparse.Namespace, *words: str) -> str:
    """``starcampus [--db X] WORDS`` as the reader would type it against the same database."""
    head = ["starcampus"] + (["--db", args.db] if getattr(args, "db", None) else [])
    return " ".join(_quoted(word) for word in [*head, *words])


def _quoted(word: str) -> str:
    # shlex.quote would quote every Chinese word ('学校名册.csv'); only what the shell would split or expand is.
    return word if re.fullmatch(r"[^\s'\"$`\\!*?;&|<>(){}\[\]#~]+", word) else shlex.quote(word)


def next_step(exc: WorkflowError, args: argparse.Namespace, actor: Actor | None) -> str | None:
    """The line to print under ``exc``'s refusal, or None when there is no obvious next step.

    Never raises: a hint that cannot be worked out (the database changed meanwhile) is left out.
    """
    from workflow.errors import WorkflowError

    try:
        step = _step(exc, args, actor)
    except (WorkflowError, KeyError, ValueError):
        return None
    return t("cli.next", step=step) if step else None


def _step(exc: WorkflowError, args: argparse.Namespace, actor: Actor | None) -> str | None:
    school = getattr(args, "school", None)
    if exc.key == "err.no_campaign_yet":
        return t("cli.next.campaign_create", command=command_line(args, "campaign", "create"))
    if exc.key == "err.event_phase" and getattr(args, "event", None):
        return _phase_step(args)
    if exc.key == "err.event_state" and actor is not None and isinstance(school, str):
        return _state_step(args, actor, school)
    if exc.key == "err.unscored" and isinstance(school, str):
        kind = exc.params.get("kind")
        verified = isinstance(kind, Msg) and kind.key == "word.verified"
        extra = ["--kind", "verified"] if verified else []
        return t("cli.next.score",
                 one=command_line(args, "score", "set", school, t("cli.next.word.indicator"),
                                  t("cli.next.word.value"), *extra),
                 file=command_line(args, "score", "import", *extra, t("cli.next.word.scores_file")))
    if exc.key == "err.reason_required" and isinstance(school, str) and getattr(args, "event", None):
        return t("cli.next.reason", command=command_line(args, "school", "advance", school, args.event,
                                                         "--reason", t("cli.next.word.reason")))
    if exc.key == "err.event_unknown" and isinstance(school, str):
        return t("cli.next.list_events", command=command_line(args, "school", "events", school))
    if exc.key == "err.round_unsettled":
        code = t("cli.next.word.school")
        return t("cli.next.settle_round", events=command_line(args, "school", "events", code),
                 withdraw=command_line(args, "school", "advance", code, "withdraw", "--reason",
                                       t("cli.next.word.reason")))
    if exc.key == "err.not_found" and isinstance(school, str) and _names(exc, "word.school"):
        return _school_step(args, actor, school)
    return None


def _names(exc: WorkflowError, word: str) -> bool:
    what = exc.params.get("what")
    return isinstance(what, Msg) and what.key == word


def _phase_step(args: argparse.Namespace) -> str | None:
    from tui.verbs.common import campaign_of

    return phase_ahead(args, str(campaign_of(args).phase), args.event)


def phase_ahead(args: argparse.Namespace, now: str, trigger: str) -> str | None:
    """``campaign advance`` when the event's phases are still ahead of ``now``; None when one is
    open now or all are past (phases do not go back)."""
    from workflow.i18n import label
    from workflow.statemachine.declaration import event, phase, phase_names

    order = phase_names()
    if order.index(now) >= min(order.index(p) for p in event(trigger)["phases"]):
        return None
    return t("cli.next.campaign_advance", command=command_line(args, "campaign", "advance"),
             phase=label(phase(now)))


def _state_step(args: argparse.Namespace, actor: Actor, school: str) -> str:
    """The events the school's state offers this user now, or where to read why there are none."""
    from tui.verbs.common import assessment_id_of, campaign_of
    from workflow.reads.school_page import event_options

    allowed = [o for o in event_options(actor, assessment_id_of(args, campaign_of(args))) if o.allowed]
    if not allowed:
        return t("cli.next.see_events", command=command_line(args, "school", "events", school))
    events = Listing(t("cli.next.event", trigger=o.trigger, label=o.label) for o in allowed)
    return t("cli.next.events_now", events=events,
             command=command_line(args, "school", "advance", school, allowed[0].trigger))


def _school_step(args: argparse.Namespace, actor: Actor | None, school: str) -> str | None:
    """A code the campaign does not have: enrol it if the register knows it, else import the register."""
    if actor is None:
        return None
    from workflow.reads.registers import school_register

    if any(line.code == school for line in school_register(actor)):
        return _into_round_step(args, actor, school)
    return t("cli.next.import_schools",
             command=command_line(args, "schools", "import", t("cli.next.word.register_file")),
             list=command_line(args, "schools", "list"))


def _into_round_step(args: argparse.Namespace, actor: Actor, school: str) -> str | None:
    """A registered school the round lacks: enrolled into an initial round; chosen (round add) or applying
    (round apply) into a review round, which refuses ``campaign enrol``; none into a frozen round."""
    from tui.verbs.common import campaign_of, round_id_of_args
    from workflow.reads.rounds import round_lines

    campaign = campaign_of(args)
    wanted = round_id_of_args(args, campaign)
    lines = round_lines(actor, int(campaign.id))
    shown = next((line for line in lines if line.id == wanted), None) if wanted is not None else lines[-1]
    if shown is None or not shown.open:
        return None
    if shown.kind == "initial":
        return t("cli.next.enrol", command=command_line(args, "campaign", "enrol", school))
    return t("cli.next.into_review", add=command_line(args, "round", "add", school),
             apply=command_line(args, "round", "apply", school, "--text", t("cli.next.word.reason"),
                                "--improved", t("cli.next.word.indicator")))
