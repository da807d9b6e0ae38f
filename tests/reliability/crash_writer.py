"""A writer that the crash test SIGKILLs at random moments.

Run as ``python -m tests.reliability.crash_writer DB``. It imports everything once, then acts
as a fork server on stdin: ``go SEED`` forks a child that writes scores and workflow
transitions through the workflow functions as fast as it can, printing ``try ...`` before and
``ok ...`` after every committed write (one line each, written with a single os.write);
``reap PID`` waits for a killed child and answers ``dead PID``; ``quit`` ends. Forking a
warmed-up process keeps 200 kills well under a minute (a fresh interpreter costs ~0.4 s).
"""

from __future__ import annotations

import os
import random
import sys
import time

from models.db import open_database
from models.schema import Assessment
from rubrics.loader import builtin_rubric
from workflow.doors.scores import set_score
from workflow.permissions import Actor
from workflow.statemachine.events import fire

NEXT = {"self_evaluating": "start_rectification", "rectifying": "submit_self_evaluation",
        "submitted": "return_to_school"}


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def child(db: str, seed: int) -> None:
    rng = random.Random(seed)
    open_database(db)
    actor = Actor("rel-admin", "admin")
    codes = builtin_rubric("ningxia-2022").leaf_codes()
    states = {a.id: a.state for a in Assessment.select(Assessment.id, Assessment.state)}
    ids = sorted(states)
    while True:
        aid = rng.choice(ids)
        if states[aid] in ("self_evaluating", "rectifying") and rng.random() < 0.7:
            code = rng.choice(codes)
            value = str(rng.randint(0, 2) / 2).removesuffix(".0")  # 0, 0.5, 1: within every leaf
            say(f"try score {aid} {code} {value}")
            row = set_score(actor, aid, code, value)
            say(f"ok score {aid} {code} {value} {row.version}")
        else:
            trigger = NEXT[states[aid]]
            say(f"try event {aid} {trigger}")
            row = fire(actor, aid, trigger, reason="测试退回" if trigger == "return_to_school" else "")
            states[aid] = row.state
            say(f"ok event {aid} {trigger} {row.state} {row.version}")
        time.sleep(rng.random() * 0.004)


def main() -> None:
    db = sys.argv[1]
    say("ready")
    for line in sys.stdin:
        verb, _, arg = line.strip().partition(" ")
        if verb == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    child(db, int(arg))
                finally:
                    os._exit(3)
            say(f"pid {pid}")
        elif verb == "reap":
            _pid, status = os.waitpid(int(arg), 0)
            say(f"dead {arg} {os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)}")
        elif verb == "quit":
            break


if __name__ == "__main__":
    main()
