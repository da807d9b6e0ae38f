"""The replay check of ``audit verify``: every fact rebuilt from the audit log alone, compared with the tables.

Each row written since facts were kept carries, in its hashed payload, what the rows its write
touched held afterwards (workflow/audit_facts.py). Folding them in order gives, for each score,
school, campaign, notice text and user, what the log says it is and from which row; a table that
says otherwise was changed behind the doors. The first differences are named ("学校640424007
2023年 核定分 1.1：库中为8，按审计记录应为6（第57条起）"), then how many more there are.

Streams the log; the rebuilt facts are held in memory (about 200 bytes a score).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import workflow.audit_strings  # noqa: F401  - registers the verdicts' keys
from models.schema import AuditEvent, Round
from workflow.audit_actions import action_words
from workflow.audit_changes import RECORD_PARTS, MayChange, may_change
from workflow.audit_facts import (
    assessment_facts,
    campaign_facts,
    narrative_facts,
    payload_facts,
    round_texts,
    score_facts,
    user_facts,
)
from workflow.audit_verify import Context, Finding
from workflow.audit_words import EMPTY, campaign_words, differences, plain, round_words, show, state_words
from workflow.i18n import Msg, register
from workflow.notice_labels import notice_label
from workflow.publicity_log import PUBLICIZE_ACTIONS
from workflow.statemachine.declaration import SETTLED_STATES

register({"replay.f.school_as": {"zh": "本轮认定时的校名/乡镇/学段", "en": "school name/township/stage as settled"},
          "replay.f.school_order": {"zh": "本轮认定时的排序", "en": "display order as settled"}})

SHOWN = 12  # differences named one by one; the rest are counted
_FIELDS = ("state", "version", "self_total", "verified_total", "star_level", "vetoes", "prior_level", "upward",
           "upward_from", "publicized_at", "provisional", "upward_authority", "upward_doc_no", "entry", "application",
           "improved", "school_as", "school_order")  # a name a row from before it was kept lacks is not compared


@dataclass
class Rebuilt:
    """What the log says, each fact with the seq of the row that last vouched for it."""

    assessments: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)
    scores: dict[tuple[str, str], tuple[dict[str, Any], int]] = field(default_factory=dict)
    narratives: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)
    records: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)  # "rec", per assessment
    campaigns: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)
    publicity_started: dict[str, int] = field(default_factory=dict)  # campaign id: its first publicize row
    # Notice texts by round id ("c<campaign id>": a campaign's read back before the log showed any round of it)
    texts: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)
    users: tuple[dict[str, Any], int] | None = None
    partial: set[tuple[str, str]] = field(default_factory=set)  # scores known only by their changes
    rounds: dict[str, list[Any]] = field(default_factory=dict)
    round_seq: dict[str, int] = field(default_factory=dict)  # the row that last gave each round
    first_facts: int | None = None  # the seq facts begin at
    legacy_before: int = 0  # rows with no facts before them (a database older than facts)
    checkpoint: int | None = None
    regions: tuple[dict[str, Any], int] | None = None  # "g": the region tree and users' regions (issue 15)
    assignments: dict[str, tuple[list[Any], int]] = field(default_factory=dict)  # "va": per round
    schools: dict[str, tuple[list[Any], int]] = field(default_factory=dict)  # "sc": per school code
    # Users and the region tree known only by changes ("ud", "gd") with no whole snapshot before them:
    # only the names the changes give are compared.
    users_partial: bool = False
    regions_partial: bool = False
    # Read-back facts that differ from what the log held where their row's door changes nothing
    # (workflow/audit_changes.py): changed with SQL between two rows, then vouched for by the second.
    laundered: list[Finding] = field(default_factory=list)
    # The school as its round settled it, for schools settled by rows written before "school_as" was kept:
    # the log's school facts ("sc") as of the last row settling it, as migration 16 filled the column (None:
    # the log held none for the school then, and the migration took the register's row: not compared).
    settled_as: dict[str, list[Any] | None] = field(default_factory=dict)
    # Its display order as settled, for schools settled by rows written before "school_order" was kept: the
    # order the log's school facts held as of that row, as migration 19 filled it (None: not compared).
    settled_order: dict[str, int | None] = field(default_factory=dict)

    def take(self, seq: int, payload: str, action: str = "", assessment_id: int | None = None,
             from_state: str = "") -> None:
        """One row of the log, in order."""
        facts = payload_facts(payload)
        if facts is None:
            if self.first_facts is None:
                self.legacy_before = seq
            return
        self.fold(seq, facts, action, assessment_id, from_state)

    def fold(self, seq: int, facts: dict[str, Any], action: str = "", assessment_id: int | None = None,
             from_state: str = "") -> None:
        if self.first_facts is None:
            self.first_facts = seq
        rule = may_change(action) if action else None
        # Most rows are score saves (a school's facts and a score or two): those two come first and cheap.
        assessments = facts.get("a")
        if rule is not None:
            self._hold(seq, action, rule, facts, assessment_id, from_state)
        if action in PUBLICIZE_ACTIONS and assessment_id is not None and assessments:
            self._publicity_starts(seq, assessments.get(str(assessment_id)))
        elif action == "campaign.publicity_days":
            self._days_after_publicity(seq, facts.get("c") or {})
        if assessments:
            if action.startswith("event.") and assessment_id is not None:
                self._settled_as(str(assessment_id), assessments.get(str(assessment_id)))
            for aid, entry in assessments.items():
                self.assessments[aid] = (entry, seq)
        changes = facts.get("sd")
        if changes:
            self._fold_changes(seq, changes)
        if len(facts) > (assessments is not None) + (changes is not None):
            self._fold_rest(seq, facts)

    def _settled_as(self, aid: str, entry: dict[str, Any] | None) -> None:
        """A settling event's row from before "school_as" was kept: the school's facts the log held then."""
        if entry is None or entry.get("state") not in SETTLED_STATES:
            return
        known = self.schools.get(str(entry.get("school")))
        if "school_as" not in entry:
            self.settled_as[aid] = list(known[0][:3]) if known is not None and len(known[0]) >= 3 else None
        if "school_order" not in entry:
            self.settled_order[aid] = known[0][3] if known is not None and len(known[0]) >= 4 else None

    def expected(self, aid: str) -> tuple[dict[str, Any], int] | None:
        """The log's facts of one assessment, with the school as settled (its name, its order) where only
        migration 16's or 21's rule gives it."""
        found = self.assessments.get(aid)
        if found is None or ("school_as" in found[0] and "school_order" in found[0]):
            return found
        derived: dict[str, Any] = {}
        if "school_as" not in found[0] and self.settled_as.get(aid) is not None:
            derived["school_as"] = self.settled_as[aid]
        if "school_order" not in found[0] and self.settled_order.get(aid) is not None:
            derived["school_order"] = self.settled_order[aid]
        return ({**found[0], **derived}, found[1]) if derived else found

    def _hold(self, seq: int, action: str, rule: MayChange, facts: dict[str, Any], assessment_id: int | None,
              from_state: str) -> None:
        """Hold what this row read back against what the log held before it, where its door changes nothing."""
        if assessment_id is not None and from_state:
            known = self.assessments.get(str(assessment_id))
            if known is not None and known[0].get("state", from_state) != from_state:
                self._launder(seq, action, known[1], Msg("replay.field", school=_school(self, str(assessment_id), None),
                                                         field=Msg("replay.f.state")), state_words(from_state),
                                                         state_words(known[0]["state"]))
        for aid, entry in (facts.get("a") or {}).items():
            known = self.expected(aid)
            if known is None:
                continue
            held = known[0]
            fields, same = _held_fields(rule)
            try:
                if same(entry) == same(held):  # nearly every row: one comparison in C
                    continue
            except KeyError:  # a row from before a field was kept: field by field
                pass
            for name in fields:
                if name not in entry or name not in held:
                    continue
                for field_, now, was in differences(name, entry, held):
                    self._launder(seq, action, known[1], Msg("replay.field", school=_school(self, aid, None),
                                                             field=field_), now, was)
        if "school_as" in rule.assessment:
            self._hold_school_as(seq, action, facts.get("a") or {})
        if rule.scores != "any":
            for aid, kinds in (facts.get("s") or {}).items():
                for kind in ("self", "verified"):
                    self._hold_scores(seq, action, rule, aid, kind, kinds.get(kind, {}))
        if not rule.narratives:
            self._hold_texts(seq, action, facts.get("n"), self.narratives,
                             lambda aid, kind: Msg("replay.narrative", school=_school(self, aid, None), kind=kind))
        for cid, entry in (facts.get("c") or {}).items():
            known_c = self.campaigns.get(cid)
            if known_c is None:
                continue
            for name, value in entry.items():
                if name not in rule.campaign and name in known_c[0] and known_c[0][name] != value:
                    self._launder(seq, action, known_c[1],
                                  Msg("replay.campaign_field", id=cid, field=Msg(f"replay.c.{name}")),
                                  campaign_words(name, value), campaign_words(name, known_c[0][name]))
        if not rule.texts:
            self._hold_texts(seq, action, self._texts_of(facts), self.texts,
                             lambda rid, key: _text_what(self, rid, key))
        for aid, entry in (facts.get("rec") or {}).items():
            known_rec = self.records.get(aid)
            if known_rec is not None and known_rec[0] != entry:
                for item, now, held in _record_diffs(known_rec[0], entry, RECORD_PARTS.get(action)
                                                     if rule.records else None):
                    self._launder(seq, action, known_rec[1], Msg("replay.record", school=_school(self, aid, None),
                                                                 item=item), now, held)
        for rid, entry in (facts.get("r") or {}).items():  # no door changes a round once it is opened
            known_r = self.rounds.get(rid)
            if known_r is None:
                continue
            for name, now, held in zip(_ROUND_FIELDS, entry, known_r, strict=False):
                if now != held:
                    self._launder(seq, action, self.round_seq.get(rid, 0),
                                  Msg("replay.round_field", id=rid, year=known_r[1],
                                      field=_round_field(name, known_r)), round_words(name, now),
                                  round_words(name, held))

    def _hold_school_as(self, seq: int, action: str, read_back: dict[str, Any]) -> None:
        """A settling event keeps the name its school was settled under or takes the register's as the log
        holds it (workflow.statemachine.events): any other is an SQL edit it read back (a decision landing on
        a frozen round keeps the row's name, so an edit of it made before would be vouched for)."""
        for aid, entry in read_back.items():
            now = entry.get("school_as")
            known = self.expected(aid)
            was = known[0].get("school_as") if known is not None else None
            register = self.schools.get(str(entry.get("school")))
            # The register's name is taken only by a round still open, or by a row that kept none before
            # (workflow.statemachine.events): a frozen round's row taking it is an SQL edit to the new name.
            takes_register = was is None or not self._frozen_by_then(entry.get("round"))
            if not (now is None or now == was or register is None or (takes_register and now == list(register[0][:3]))):
                self._launder(seq, action, known[1] if known is not None else seq,
                              Msg("replay.field", school=_school(self, aid, None), field=Msg("replay.f.school_as")),
                              show(now), show(was))
            order = entry.get("school_order")
            had = known[0].get("school_order") if known is not None else None
            takes_order = had is None or not self._frozen_by_then(entry.get("round"))
            if order is None or order == had or register is None or len(register[0]) < 4 or (
                    takes_order and order == register[0][3]):
                continue
            self._launder(seq, action, known[1] if known is not None else seq,
                          Msg("replay.field", school=_school(self, aid, None), field=Msg("replay.f.school_order")),
                          show(order), show(had))

    def _publicity_starts(self, seq: int, entry: dict[str, Any] | None) -> None:
        mine = self.rounds.get(str((entry or {}).get("round")))
        if mine is not None:
            self.publicity_started.setdefault(str(mine[0]), seq)

    def _days_after_publicity(self, seq: int, changed: dict[str, Any]) -> None:
        """The door refuses a new publicity length once a school of the campaign is publicized (its end is
        counted from it): a row changing it after a publicize row means the door was fooled by a database
        edit put back afterwards (officer/attacker trial, session 10)."""
        for cid in changed:
            since = self.publicity_started.get(str(cid))
            if since is not None:
                self.laundered.append(Finding("replay.days_after_publicity", {"id": cid, "seq": seq, "since": since},
                                              seq=seq))

    def _frozen_by_then(self, round_id: object) -> bool:
        """Whether the log, by the row being read, has opened a later round of this round's campaign, or
        made a later cycle from its campaign (``campaign create --like``: a campaign's "succeeds")."""
        mine = self.rounds.get(str(round_id))
        if mine is None:
            return False
        return (any(other[0] == mine[0] and other[1] > mine[1] for other in self.rounds.values())
                or any(str(entry.get("succeeds")) == str(mine[0]) for entry, _seq in self.campaigns.values()))

    def _texts_of(self, facts: dict[str, Any]) -> dict[str, Any]:
        """A row's notice texts by round id: "rt" as kept since migration 18; an older row's "t" (by campaign)
        were its campaign's newest round's as the log had shown its rounds so far, this row's own included
        (models/migrations.py, migration 18, splits the texts by the same rule)."""
        texts = dict(facts.get("rt") or {})
        if facts.get("t"):
            logged = {**self.rounds, **(facts.get("r") or {})}
            for cid, entry in facts["t"].items():
                newest = max(((int(e[1]), int(rid)) for rid, e in logged.items() if str(e[0]) == str(cid)),
                             default=None)
                texts[str(newest[1]) if newest else f"c{cid}"] = entry
        return texts

    def _hold_texts(self, seq: int, action: str, read_back: dict[str, Any] | None,
                    known: dict[str, tuple[dict[str, Any], int]], what: Callable[[str, str], Msg]) -> None:
        """Texts read back (a school's narratives, a campaign's notice texts) against the log's, by key."""
        for owner, entry in (read_back or {}).items():
            held = known.get(owner)
            if held is None:
                continue
            for key in sorted(set(entry) | set(held[0])):
                if (entry.get(key) or "") != (held[0].get(key) or ""):
                    self._launder(seq, action, held[1], what(owner, key), (entry.get(key) or "")[:30],
                                  (held[0].get(key) or "")[:30])

    def _hold_scores(self, seq: int, action: str, rule: MayChange, aid: str, kind: str,
                     read_back: dict[str, Any]) -> None:
        known = self.scores.get((aid, kind))
        if known is None or (aid, kind) in self.partial:
            return
        held = known[0]
        if held == read_back:
            return
        width = 2 if rule.scores == "values" else 3  # [value, evidence, carried]
        for code in sorted(set(held) | set(read_back)):
            before, after = held.get(code), read_back.get(code)
            if (before or [])[:width] != (after or [])[:width]:
                what = Msg("replay.score", school=_school(self, aid, None), kind=Msg(f"word.{kind}"), code=code)
                self._launder(seq, action, known[1], what, show(after), show(before))

    def _launder(self, seq: int, action: str, since: int, what: Msg, read_back: Any, held: Any) -> None:
        params = {"what": what, "seq": seq, "action": action_words(action),
                  "actual": read_back if isinstance(read_back, Msg) else show(read_back),
                  "expected": held if isinstance(held, Msg) else show(held), "since": since}
        if not self.laundered or self.laundered[-1].params != params:  # a state left and read back: one finding
            self.laundered.append(Finding("replay.laundered", params, seq=seq))

    def _fold_changes(self, seq: int, changes: dict[str, Any]) -> None:
        scores = self.scores
        for aid, kinds in changes.items():
            for kind, changed in kinds.items():
                known = scores.get((aid, kind))
                if known is None:  # no snapshot before it (a log older than facts): what changed only
                    self.partial.add((aid, kind))
                    held: dict[str, Any] = {}
                else:
                    held = known[0]
                for code, value in changed.items():
                    if value is None:
                        held.pop(code, None)
                    else:
                        held[code] = value
                scores[(aid, kind)] = (held, seq)

    def _fold_rest(self, seq: int, facts: dict[str, Any]) -> None:
        if facts.get("checkpoint"):
            self.checkpoint = seq
        for aid, kinds in facts.get("s", {}).items():
            for kind in ("self", "verified"):
                self.scores[(aid, kind)] = (kinds.get(kind, {}), seq)
                self.partial.discard((aid, kind))
        for aid, entry in facts.get("n", {}).items():
            self.narratives[aid] = (entry, seq)
        for aid, entry in facts.get("rec", {}).items():
            self.records[aid] = (entry, seq)
        enrolled = facts.get("enrolled")
        if enrolled:
            ranges = enrolled.get("ranges") or [[i, i] for i in enrolled.get("ids", [])]
            for aid in (str(i) for first, last in ranges for i in range(int(first), int(last) + 1)):
                self.assessments[aid] = ({"round": enrolled["round"], "state": enrolled.get("state", "enrolled"),
                                          "version": 1, "self_total": None, "verified_total": None,
                                          "star_level": None, "vetoes": "", "prior_level": None,
                                          "upward": None, "publicized_at": None, "provisional": False,
                                          "upward_authority": "", "upward_doc_no": "", "entry": "initial",
                                          "application": "", "improved": "", "school_as": None,
                                          "school_order": None}, seq)
                for kind in ("self", "verified"):
                    self.scores[(aid, kind)] = ({}, seq)
                self.narratives[aid] = ({}, seq)
                if enrolled.get("records"):
                    self.records[aid] = ({"p": {}, "v": {}, "o": {}, "r": []}, seq)
        for new, old in facts.get("carried", {}).items():
            for kind in ("self", "verified"):
                before = self.scores.get((str(old), kind), ({}, seq))[0]
                self.scores[(new, kind)] = ({c: [v[0], v[1], True] for c, v in before.items()}, seq)
            self.narratives.setdefault(new, ({}, seq))
        for cid, entry in facts.get("c", {}).items():
            self.campaigns[cid] = (entry, seq)
        for rid, entry in self._texts_of(facts).items():
            self.texts[rid] = (entry, seq)
        if "u" in facts:
            self.users, self.users_partial = (facts["u"], seq), False
        if "ud" in facts:
            self._fold_users(seq, facts["ud"])
        for rid, entry in facts.get("r", {}).items():
            self.rounds[rid] = entry
            self.round_seq[rid] = seq
        if "g" in facts:
            self.regions, self.regions_partial = (facts["g"], seq), False
        if "gd" in facts:
            self._fold_regions(seq, facts["gd"])
        if "rc" in facts:
            self._fold_recode(seq, facts["rc"])
        added = facts.get("vadd")
        for rid, pairs in facts.get("va", {}).items():
            if added is not None:
                self._hold_assignments(seq, rid, pairs, added.get(rid, []))
            self.assignments[rid] = (pairs, seq)
        for code, entry in facts.get("sc", {}).items():
            self.schools[code] = (entry, seq)


    def _hold_assignments(self, seq: int, rid: str, read_back: list[Any], added: list[Any]) -> None:
        """A round's assignments read back by ``verification.assign``: what the log held and what this row
        added, no more (the door only adds); a pair beyond them was put in with SQL between the two rows."""
        held, since = self.assignments.get(rid, ([], seq))  # none logged yet: none held (issue 15's door logs all)
        expected = {tuple(p) for p in held} | {tuple(p) for p in added}
        for pair in read_back:
            if tuple(pair) not in expected:
                self._launder(seq, "verification.assign", since,
                              Msg("replay.assignment_pair", id=rid, expert=pair[0], code=pair[1]), "/".join(pair), None)
        present = {tuple(p) for p in read_back}
        for pair in sorted(expected - present):  # the door never removes one: a pair gone was deleted with SQL
            self._launder(seq, "verification.assign", since,
                          Msg("replay.assignment_pair", id=rid, expert=pair[0], code=pair[1]), None, "/".join(pair))

    def _fold_users(self, seq: int, changes: dict[str, Any]) -> None:
        """``ud``: {name: {"role", "disabled", "school"} (the fields a door set) | None (removed)}."""
        if self.users is None:
            self.users, self.users_partial = ({}, seq), True
        held = self.users[0]
        for name, change in changes.items():
            if change is None:
                held.pop(name, None)
                continue
            entry = held.get(name)
            if entry is None and not all(f in change for f in _USER_WHOLE):
                continue  # a user the log never gave whole: nothing to compare its other fields with
            entry = list(entry or ()) + [None] * (len(_USER_FIELDS) - len(entry or ()))
            for index, name_of_field in enumerate(_USER_FIELDS):
                if name_of_field in change:
                    entry[index] = change[name_of_field]
            held[name] = entry
        self.users = (held, seq)

    def _region_parts(self, seq: int) -> dict[str, Any]:
        if self.regions is None:
            self.regions, self.regions_partial = ({"regions": {}, "users": {}}, seq), True
        parts = self.regions[0]
        parts.setdefault("regions", {})
        parts.setdefault("users", {})
        self.regions = (parts, seq)
        return parts

    def _fold_regions(self, seq: int, changes: dict[str, Any]) -> None:
        """``gd``: {"regions": {code: [name, parent] | None}, "users": {name: region code | "" | None}}."""
        parts = self._region_parts(seq)
        for part in ("regions", "users"):
            for key, value in changes.get(part, {}).items():
                if value is None or value == "":
                    parts[part].pop(key, None)
                else:
                    parts[part][key] = value

    def _fold_recode(self, seq: int, recode: dict[str, Any]) -> None:
        """``rc``: a placeholder region given its real code. The log's own state moves, not the tables'
        rows read back, so a value changed with SQL before the recode is still found after it."""
        old, new = recode["from"], recode["to"]
        parts = self._region_parts(seq)
        tree = parts["regions"]
        tree.pop(old, None)
        tree[new] = [recode["name"], recode["parent"]]
        for code in recode.get("adopted", []):
            if code in tree:
                tree[code] = [tree[code][0], new]
        for name, code in list(parts["users"].items()):
            if code == old:
                parts["users"][name] = new
        for cid, (entry, _seq) in list(self.campaigns.items()):
            if entry.get("region_code") == old:
                self.campaigns[cid] = ({**entry, "region_code": new}, seq)
        for code, (school, _seq) in list(self.schools.items()):
            if len(school) >= len(_SCHOOL_FIELDS) and school[4] == old:
                self.schools[code] = ([*school[:4], new, *school[5:]], seq)


@functools.cache
def _held_fields(rule: MayChange) -> tuple[tuple[str, ...], Callable[[dict[str, Any]], Any]]:
    """The assessment's fields a row of this rule's action must read back as the log held them, and a
    getter of them all."""
    fields = tuple(name for name in _FIELDS if name not in rule.assessment)
    return fields, operator.itemgetter(*fields)


_USER_FIELDS = ("role", "disabled", "school", "keys")  # workflow.audit_facts.user_facts's entry, in its order
# What makes a user whole in an "ud" change: "keys" came later, so a user added before it is whole without it
# (its keys are then unknown, None, and compared once a change gives them).
_USER_WHOLE = _USER_FIELDS[:3]


def listen(ctx: Context) -> None:
    """Fold the rows as the chain walk reads them (``audit_verify.run_checks`` calls this first)."""
    rebuilt = Rebuilt()
    ctx.replay = rebuilt
    ctx.on_row = rebuilt.take


def rebuild(batch: int = 5000) -> Rebuilt:
    from models.db import database

    rebuilt = Rebuilt()
    last = 0
    param = database.obj.param
    table = AuditEvent._meta.table_name
    while True:
        # Raw rows: a million payloads through the query builder's row objects cost more than the replay.
        rows = list(database.execute_sql(
            f"SELECT seq, payload, action, assessment_id, from_state FROM {table} WHERE seq > {param} "
            f"ORDER BY seq LIMIT {int(batch)}", (last,)))
        if not rows:
            return rebuilt
        for seq, payload, action, assessment_id, from_state in rows:
            rebuilt.take(seq, payload, action or "", assessment_id, from_state or "")
        last = rows[-1][0]


def _year(rebuilt: Rebuilt, round_id: Any) -> str:
    entry = rebuilt.rounds.get(str(round_id))
    return str(entry[1]) if entry else "?"


def _school(rebuilt: Rebuilt, aid: str, actual: dict[str, Any] | None) -> Msg:
    expected = rebuilt.assessments.get(aid, ({}, 0))[0]
    code = (actual or {}).get("school") or expected.get("school") or f"#{aid}"
    year = _year(rebuilt, (actual or {}).get("round") or expected.get("round"))
    return Msg("replay.school", code=code, year=year)


def check_replay(ctx: Context) -> Iterator[Finding]:
    """Every fact rebuilt from the log, compared with the tables; the first differences named."""
    # The walk's own fold when it saw every row in order; else (it stopped at a break) a pass by seq.
    rebuilt = ctx.replay if isinstance(ctx.replay, Rebuilt) and ctx.walked else rebuild()
    if rebuilt.first_facts is None:
        if ctx.rows:
            yield Finding("replay.no_facts", {"rows": ctx.rows}, failed=False)
        else:
            yield from _empty_log()
        return
    covered_from_start = rebuilt.legacy_before == 0 or rebuilt.checkpoint is not None
    if not covered_from_start:
        yield Finding("replay.legacy", {"seq": rebuilt.legacy_before}, failed=False)
    found: list[Finding] = list(rebuilt.laundered)
    found.extend(_assessments(rebuilt, covered_from_start))
    found.extend(_scores(rebuilt, covered_from_start))
    found.extend(_narratives(rebuilt))
    found.extend(_records(rebuilt))
    found.extend(_campaigns(rebuilt))
    found.extend(_rounds(rebuilt, covered_from_start))
    found.extend(_users(rebuilt))
    found.extend(_regions(rebuilt))
    found.extend(_schools(rebuilt))
    yield from found[:SHOWN]
    if len(found) > SHOWN:
        yield Finding("replay.more", {"count": len(found) - SHOWN})
    if not found:
        ctx.checked.append(Msg("replay.checked", facts=_count(rebuilt), seq=rebuilt.checkpoint or rebuilt.first_facts))


def _empty_log() -> Iterator[Finding]:
    """No rows at all: right for an empty database only. Every user, school and campaign is written by a
    command that logs itself (the first admin included), so any of them with no log means it was deleted."""
    from models.schema import Campaign, School, User

    held = {"users": User.select().count(), "schools": School.select().count(),
            "campaigns": Campaign.select().count()}
    if any(held.values()):
        yield Finding("replay.empty_log", held)


def _count(rebuilt: Rebuilt) -> int:
    return (len(rebuilt.assessments) * len(_FIELDS) + sum(len(v[0]) for v in rebuilt.scores.values())
            + len(rebuilt.campaigns) * 5 + len(rebuilt.users[0] if rebuilt.users else {})
            + len(rebuilt.schools) * len(_SCHOOL_FIELDS))


def _assessments(rebuilt: Rebuilt, covered: bool) -> Iterator[Finding]:
    from models.schema import Assessment

    ids = [int(a) for (a,) in Assessment.select(Assessment.id).tuples()]
    actual = assessment_facts(ids)
    for aid, facts in actual.items():
        expected = rebuilt.expected(aid)
        if expected is None:
            if covered:
                yield Finding("replay.untracked", {"what": _school(rebuilt, aid, facts)})
            continue
        want, seq = expected
        for name in _FIELDS:
            if name not in want:
                continue
            for field_, expected_words, actual_words in differences(name, want, facts):
                yield Finding("replay.differs", {"what": Msg("replay.field", school=_school(rebuilt, aid, facts),
                                                            field=field_),
                                                 "actual": actual_words, "expected": expected_words, "seq": seq},
                              seq=seq)
    for aid, (_want, seq) in rebuilt.assessments.items():
        if aid not in actual:
            yield Finding("replay.removed", {"what": _school(rebuilt, aid, None), "seq": seq}, seq=seq)


def _scores(rebuilt: Rebuilt, covered: bool) -> Iterator[Finding]:
    ids = sorted({int(aid) for aid, _kind in rebuilt.scores} | set(
        int(a) for a in rebuilt.assessments))
    actual = score_facts(ids) if ids else {}
    for (aid, kind), (want, seq) in rebuilt.scores.items():
        have = actual.get(aid, {}).get(kind, {})
        if want == have:
            continue
        codes = set(want) if (aid, kind) in rebuilt.partial else set(want) | set(have)
        for code in sorted(codes):
            w, h = want.get(code), have.get(code)
            if w == h:
                continue
            what = Msg("replay.score", school=_school(rebuilt, aid, None), kind=Msg(f"word.{kind}"), code=code)
            if h is None:
                yield Finding("replay.removed", {"what": what, "seq": seq}, seq=seq)
            elif w is None:
                yield Finding("replay.untracked", {"what": what}, seq=seq)
            elif w[0] != h[0]:
                yield Finding("replay.differs", {"what": what, "actual": show(h[0]), "expected": show(w[0]),
                                                 "seq": seq}, seq=seq)
            else:
                yield Finding("replay.differs", {"what": Msg("replay.evidence", score=what), "actual": show(h[1:]),
                                                 "expected": show(w[1:]), "seq": seq}, seq=seq)
    if covered:
        from models.schema import Score

        known = {int(a) for a, _k in rebuilt.scores}
        stray = [a for (a,) in Score.select(Score.assessment).distinct().tuples() if int(a) not in known]
        for aid in stray[:SHOWN]:
            for kind, code in (Score.select(Score.kind, Score.code).where(Score.assessment == aid).limit(1).tuples()):
                yield Finding("replay.untracked", {"what": Msg("replay.score", school=_school(rebuilt, str(aid), None),
                                                               kind=Msg(f"word.{kind}"), code=code)})


def _narratives(rebuilt: Rebuilt) -> Iterator[Finding]:
    ids = [int(a) for a in rebuilt.narratives]
    actual = narrative_facts(ids) if ids else {}
    for aid, (want, seq) in rebuilt.narratives.items():
        have = actual.get(aid, {})
        for kind in sorted(set(want) | set(have)):
            if (want.get(kind) or "") != (have.get(kind) or ""):
                yield Finding("replay.differs", {"what": Msg("replay.narrative", school=_school(rebuilt, aid, None),
                                                            kind=kind),
                                                 "actual": show((have.get(kind) or "")[:30]),
                                                 "expected": show((want.get(kind) or "")[:30]), "seq": seq}, seq=seq)


_RECORD_PARTS = ("p", "v", "o")  # by id; "r" (responsibilities) is one sorted list


def _record_diffs(want: dict[str, Any], have: dict[str, Any], changed: str | None = None
                  ) -> list[tuple[Msg, Any, Any]]:
    """Each record that differs between the log's (``want``) and the table's (``have``): (what, have, want).
    ``changed``: the part a record action wrote, where one item may differ (added, changed or removed);
    anything more, or in another part, is an SQL edit the action read back (laundering)."""
    found: list[tuple[Msg, Any, Any]] = []
    for part in _RECORD_PARTS:
        w_part, h_part = want.get(part) or {}, have.get(part) or {}
        differ = [rid for rid in sorted(set(w_part) | set(h_part), key=lambda k: int(k) if k.isdigit() else 0)
                  if w_part.get(rid) != h_part.get(rid)]
        if part == changed:
            if len(differ) <= 1:
                continue
            added = [rid for rid in differ if rid not in w_part]
            if added:  # an add's own item is the newest one new to the log: not the SQL edit's
                differ.remove(max(added, key=lambda k: int(k) if k.isdigit() else 0))
        found.extend((Msg(f"replay.rec.{part}", id=rid), _record_words(h_part.get(rid)),
                      _record_words(w_part.get(rid))) for rid in differ)
    w_list, h_list = want.get("r") or [], have.get("r") or []
    if w_list != h_list and not (changed == "r" and _one_added(w_list, h_list)):
        found.append((Msg("replay.rec.r"), _record_words(h_list), _record_words(w_list)))
    return found


def _one_added(before: list[Any], after: list[Any]) -> bool:
    """``after`` is ``before`` with one item put in somewhere (the list is kept sorted)."""
    if len(after) != len(before) + 1:
        return False
    rest = list(after)
    for item in before:
        if item not in rest:
            return False
        rest.remove(item)
    return True


def _record_words(value: Any) -> str | Msg:
    if not value:
        return EMPTY
    return show([str(v)[:30] if v is not None else "" for v in value] if not isinstance(value[0], list)
                 else ["、".join(str(x) for x in v if x) for v in value])


def _records(rebuilt: Rebuilt) -> Iterator[Finding]:
    """A school's problem ledger, verification visits, objections and responsibilities (the publicity list,
    forms and ledger print them): only schools whose records the log has given are compared."""
    if not rebuilt.records:
        return
    from workflow.audit_facts import record_facts

    actual = record_facts([int(a) for a in rebuilt.records])
    for aid, (want, seq) in rebuilt.records.items():
        have = actual.get(aid, {})
        if have == want:
            continue
        for item, now, held in _record_diffs(want, have):
            yield Finding("replay.differs", {"what": Msg("replay.record", school=_school(rebuilt, aid, None), item=item),
                                             "actual": now, "expected": held, "seq": seq}, seq=seq)


def _campaigns(rebuilt: Rebuilt) -> Iterator[Finding]:
    ids = [int(c) for c in rebuilt.campaigns]
    actual, _texts = campaign_facts(ids) if ids else ({}, {})
    for cid, (want, seq) in rebuilt.campaigns.items():
        have = actual.get(cid)
        if have is None:
            yield Finding("replay.removed", {"what": Msg("replay.campaign", id=cid), "seq": seq}, seq=seq)
            continue
        # A name missing from a row written before it was kept is not compared (region_code, upward_of).
        for name in ("phase", "thresholds", "windows", "publicity_days", "review_publicity", "region_code",
                     "upward_of", "title", "organ", "rubric", "year", "region", "succeeds"):
            if name in want and want[name] != have[name]:
                yield Finding("replay.differs", {"what": Msg("replay.campaign_field", id=cid,
                                                            field=Msg(f"replay.c.{name}")),
                                                 "actual": campaign_words(name, have[name]),
                                                 "expected": campaign_words(name, want[name]),
                                                 "seq": seq}, seq=seq)
    yield from _round_texts(rebuilt)


def _text_what(rebuilt: Rebuilt, rid: str, key: str) -> Msg:
    """A round's notice text as a finding names it: its campaign, its year, its key."""
    if rid.startswith("c"):
        return Msg("replay.notice_text", id=rid[1:], key=notice_label(key))
    known = rebuilt.rounds.get(rid)
    if known is None:
        return Msg("replay.notice_text", id="?", key=notice_label(key))
    return Msg("replay.round_notice_text", id=known[0], year=known[1], key=notice_label(key))


def _round_texts(rebuilt: Rebuilt) -> Iterator[Finding]:
    wanted = dict(rebuilt.texts)
    for owner in [o for o in wanted if o.startswith("c")]:  # the campaign's first round, unless known by id later
        want, seq = wanted.pop(owner)
        first = Round.select(Round.id).where(Round.campaign == int(owner[1:])).order_by(Round.year).first()
        if first is not None and (str(first.id) not in wanted or wanted[str(first.id)][1] < seq):
            wanted[str(first.id)] = (want, seq)
    texts = round_texts(int(r) for r in wanted)
    for rid, (want, seq) in sorted(wanted.items(), key=lambda item: int(item[0])):
        have = texts.get(rid, {})
        for key in sorted(set(want) | set(have)):
            if (want.get(key) or "") != (have.get(key) or ""):
                yield Finding("replay.differs", {"what": _text_what(rebuilt, rid, key),
                                                 "actual": show((have.get(key) or "")[:30]),
                                                 "expected": show((want.get(key) or "")[:30]), "seq": seq}, seq=seq)


_ROUND_FIELDS = ("campaign", "year", "kind", "window_start", "window_end")  # audit_facts.round_entry's order


def _round_field(name: str, logged: list[Any]) -> Msg:
    """A round's field by name; its window as the window of the round's kind the log gave (an initial
    round's is not the review's: "初评工作开始日期", "复核工作开始日期")."""
    kind = logged[2] if len(logged) > 2 else None
    if name in ("window_start", "window_end") and kind in ("initial", "review"):
        return Msg(f"replay.r.{name}.{kind}")
    return Msg(f"replay.r.{name}")


def _rounds(rebuilt: Rebuilt, covered: bool) -> Iterator[Finding]:
    """Each round's campaign, year, kind and review window against the log's (only the entries a row gave:
    rows written before the window was kept give three)."""
    from workflow.audit_facts import round_facts

    have_all = round_facts()
    for rid, want in rebuilt.rounds.items():
        seq = rebuilt.round_seq.get(rid, 0)
        have = have_all.get(rid)
        if have is None:
            yield Finding("replay.removed", {"what": Msg("replay.round", id=rid, year=want[1]), "seq": seq}, seq=seq)
            continue
        for name, w, h in zip(_ROUND_FIELDS, want, have, strict=False):
            if w != h:
                yield Finding("replay.differs", {"what": Msg("replay.round_field", id=rid, year=want[1],
                                                            field=_round_field(name, want)),
                                                 "actual": round_words(name, h), "expected": round_words(name, w),
                                                 "seq": seq}, seq=seq)
    if covered:
        for rid, have in have_all.items():
            if rid not in rebuilt.rounds:
                yield Finding("replay.untracked", {"what": Msg("replay.round", id=rid, year=have[1])})


def _users(rebuilt: Rebuilt) -> Iterator[Finding]:
    if rebuilt.users is None:
        return
    want, seq = rebuilt.users
    have = user_facts()
    for name in sorted(set(want) if rebuilt.users_partial else set(want) | set(have)):
        w, h = want.get(name), have.get(name)
        if w is not None and h is not None:
            # A field the log never gave (None, or missing: keys before they were kept) is not compared.
            w = list(w) + [None] * (len(h) - len(w))
            h = [have_field if known is not None else None for known, have_field in zip(w, h, strict=True)]
        if w == h:
            continue
        what = Msg("replay.user", name=name)
        if h is None:
            yield Finding("replay.removed", {"what": what, "seq": seq}, seq=seq)
        elif w is None:
            yield Finding("replay.untracked", {"what": what}, seq=seq)
        else:
            yield Finding("replay.differs", {"what": what, "actual": show(h), "expected": show(w), "seq": seq},
                          seq=seq)


def _regions(rebuilt: Rebuilt) -> Iterator[Finding]:
    """The region tree, users' regions and experts' assignments (workflow/region_facts.py)."""
    from workflow.region_facts import assignment_facts, region_facts

    if rebuilt.regions is not None:
        want, seq = rebuilt.regions
        have = region_facts()
        for part, entry in (("regions", "replay.region_entry"), ("users", "replay.user_region")):
            w_map, h_map = want.get(part, {}), have[part]
            keys = set(w_map) if rebuilt.regions_partial else set(w_map) | set(h_map)
            for key in sorted(keys):
                if w_map.get(key) != h_map.get(key):
                    yield Finding("replay.differs", {"what": Msg("replay.regions", part=Msg(entry, key=key)),
                                                     "actual": show(h_map.get(key)),
                                                     "expected": show(w_map.get(key)), "seq": seq}, seq=seq)
    # Every round with assignments in the table, logged or not: the door has always logged a round's list
    # (issue 15), so a round the log gives none for has none.
    from workflow.region_facts import assigned_rounds

    rounds = sorted({int(r) for r in rebuilt.assignments} | set(assigned_rounds()))
    if rounds:
        have_pairs = assignment_facts(rounds)
        for rid in (str(r) for r in rounds):
            pairs, seq = rebuilt.assignments.get(rid, ([], 0))
            if pairs == have_pairs.get(rid, []):
                continue
            if seq:
                yield Finding("replay.differs", {"what": Msg("replay.assignments", id=rid),
                                                 "actual": show(have_pairs.get(rid)), "expected": show(pairs),
                                                 "seq": seq}, seq=seq)
            else:
                for expert, code in have_pairs.get(rid, []):
                    yield Finding("replay.untracked", {"what": Msg("replay.assignment_pair", id=rid, expert=expert,
                                                                   code=code)})


_SCHOOL_FIELDS = ("name", "township", "stage", "display_order", "region_code")


def _schools(rebuilt: Rebuilt) -> Iterator[Finding]:
    """The schools imports wrote: a name, a township or a region changed with SQL shows in the notice or
    moves the school to another county's officers. Only schools the log names are compared: a school
    from before these facts were kept is vouched for by nothing yet."""
    if not rebuilt.schools:
        return
    from workflow.audit_facts import school_facts

    have_all = school_facts()
    for code, (want, seq) in rebuilt.schools.items():
        have = have_all.get(code)
        if have is None:
            yield Finding("replay.removed", {"what": Msg("replay.school_register", code=code), "seq": seq}, seq=seq)
            continue
        for name, w, h in zip(_SCHOOL_FIELDS, want, have, strict=False):
            if w != h:
                yield Finding("replay.differs", {"what": Msg("replay.school_field", code=code,
                                                            field=Msg(f"replay.sc.{name}")),
                                                 "actual": plain(h), "expected": plain(w), "seq": seq}, seq=seq)
