"""One event for many schools (``school advance CODE… EVENT``, the dashboard's marked schools).

Each school is its own door call (``workflow.statemachine.events.fire``): its own transaction and
its own audit record, so a school the guards refuse is reported and never undoes the schools done
before or after it. ``plan_each`` reads what each school would answer, for a confirmation that
lists every school before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workflow.errors import GuardFailed, NotFound, WorkflowError
from workflow.i18n import Label, Listing, Msg
from workflow.permissions import Actor
from workflow.statemachine.declaration import EVENTS, event, state
from workflow.statemachine.events import EventOption, fire, options
from workflow.statemachine.guards import state_label


@dataclass(frozen=True)
class BatchSchool:
    code: str
    name: str
    assessment_id: int | None  # None: the school is not in the round

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}".strip()


@dataclass(frozen=True)
class BatchOutcome:
    """One school's answer: the state it moved to, or the refusal."""

    school: BatchSchool
    state: str | None
    error: WorkflowError | None

    @property
    def done(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchPlan:
    """What one school offers now: its state and every event from it, allowed or with the reason."""

    school: BatchSchool
    state: str
    options: list[EventOption]

    def refusal(self, trigger: str) -> str:
        """Why ``trigger`` would be refused here, in the reader's words; "" when it would be done."""
        for option in self.options:
            if option.trigger == trigger:
                return "" if option.allowed else option.reason
        spec = event(trigger)
        return str(GuardFailed("err.event_state", event=Label(spec), state=Label(state(self.state)),
                               allowed=Listing(Label(state(s)) for s in spec["source"])))


def advance_each(actor: Actor, schools: Iterable[BatchSchool], trigger: str, *, reason: str = "",
                 each: Callable[[BatchOutcome], None] | None = None) -> list[BatchOutcome]:
    """Fire ``trigger`` on every school in turn; a refusal is that school's outcome, never the batch's end.

    ``each`` hears every outcome as soon as it is known (the CLI prints a line per school as it goes).
    """
    outcomes: list[BatchOutcome] = []
    for school in schools:
        try:
            if school.assessment_id is None:
                raise NotFound("err.not_found", what=Msg("word.school"), key=school.code)
            row = fire(actor, school.assessment_id, trigger, reason=reason)
            outcome = BatchOutcome(school, str(row.state), None)
        except WorkflowError as exc:
            outcome = BatchOutcome(school, None, exc)
        outcomes.append(outcome)
        if each is not None:
            each(outcome)
    return outcomes


def plan_each(actor: Actor, schools: Iterable[BatchSchool]) -> list[BatchPlan]:
    """Every school's state and options (reads only), in the order given."""
    from workflow.door import load_assessment

    plans: list[BatchPlan] = []
    for school in schools:
        if school.assessment_id is None:
            continue
        row = load_assessment(school.assessment_id)
        plans.append(BatchPlan(school, str(row.state), options(actor, school.assessment_id)))
    return plans


def offered(plans: Iterable[BatchPlan]) -> list[tuple[EventOption, int]]:
    """The events any of the schools offers, in the declaration's order, each with how many may take it."""
    found: dict[str, tuple[EventOption, int]] = {}
    for plan in plans:
        for option in plan.options:
            first, count = found.get(option.trigger, (option, 0))
            found[option.trigger] = (first, count + int(option.allowed))
    order = [e["trigger"] for e in EVENTS]
    return [found[name] for name in order if name in found]


def destination(trigger: str) -> str:
    """The state the event moves a school to, as the reader calls it."""
    return state_label(event(trigger)["dest"])
