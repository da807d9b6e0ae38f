"""The launch loads what the first screen needs and no more (issue 14: a real launch ≤ 0.5 s).

The app is started the way the console script starts it (``tui.cli.entry``, a fresh interpreter),
headless, on a SQLite demo; once the dashboard shows its rows and every startup worker is done, the
modules loaded are compared with the ones only another screen, another verb or a PostgreSQL server
needs. Those would cost the officer their import time at every launch (psycopg2 alone ~40 ms).
A PostgreSQL database opened through the same entry still works: the driver is loaded when asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.demo_copy import load_demo
from tests.support import cli_database

ROOT = Path(__file__).resolve().parents[2]
EXE = str(Path(sys.executable).with_name("starcampus"))

# Left for later: each is imported by the screen, verb or server that uses it.
NOT_AT_LAUNCH = (
    "psycopg2",  # peewee's own import of it is held back (models/pg_driver.py); SQLite never uses it
    "docx", "lxml", "openpyxl", "exports.notice",  # the document writers: an export's
    "tui.verbs.documents", "tui.verbs.setup", "tui.verbs.campaign", "tui.verbs.school", "tui.verbs.audit",
    "tui.verbs.web", "tui.verbs.rounds", "tui.verbs.analysis", "tui.verbs.regions",
    # the CLI's verbs: tui.cli_run.handler_for imports the one that runs; the app's command line
    # is parsed without their parsers (tui.cli.opens_the_app)
    "transitions", "workflow.doors.school_batch", "tui.screens.dialogs.batch",  # a batch of events (Ctrl+E)
    "workflow.audit",  # the audit writer: a launch reads users and writes nothing (workflow.doors.users)
    "tui.screens.school", "tui.screens.school_view", "workflow.reads.school_page",  # a school's screen
    "tui.screens.score_grid", "tui.screens.dialogs.evidence", "tui.screens.dialogs.problem",
    "tui.screens.dialogs.form",
    "tui.screens.dialogs.confirm", "tui.screens.dialogs.reason",  # the batch's dialogs (Ctrl+E)
    "tui.screens.dialogs.returned",  # a school user's notice, imported when there is one to show
    "tui.screens.regions", "workflow.reads.region_status",  # Ctrl+G's screen (tui.region_scope says who may)
    "tomllib",  # read only with a config.toml or a keymap.toml (models.pg_config, tui.keymap)
    # `starcampus status`'s view and its records; the dashboard reads workflow.reads.campaigns
    "workflow.reads.campaign_status",
    "tui.palette",  # the command palette's screen, when it opens (Ctrl+P)
    "tui.returns",  # a school user's returned-school notice: nobody else's launch reads it
    # a write's: the audit head, seal key and HMAC (workflow.door.write), the keys file's writer and the
    # facts a user command records (workflow.doors.users)
    "workflow.audit_head", "workflow.audit_key", "hmac", "workflow.doors.ssh_keys", "workflow.audit_facts",
)

# Runs in the child: the real entry point, with the app run headless at 120x40 until its first
# screen is settled; then the loaded modules and the first row's code go to the file named last.
PROBE = """
import json, sys
from textual.app import App

db, out = sys.argv[1], sys.argv[2]
sys.argv = ["starcampus", "--db", db, "--as", "demo-admin"]
run = App.run

async def first_screen(pilot):
    app = pilot.app
    from tui.widgets.school_table import SchoolTable
    first = None
    for _ in range(400):  # bounded: about 20 s
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        tables = app.screen.query(SchoolTable)
        first = tables.first().row_at(0) if tables else None
        if first is not None and not app.workers:
            break
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"first": first.code if first else None, "modules": sorted(sys.modules)}, f)
    app.exit(0)

App.run = lambda self, **kw: run(self, headless=True, size=(120, 40), auto_pilot=first_screen)
import tui.cli_run
tui.cli_run._has_terminal = lambda: True  # pipes here; the launch asks for a terminal
from tui.cli import entry
entry()
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), STARCAMPUS_NOW="2026-11-25T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    return env


def test_launch_on_sqlite_loads_only_the_first_screen(sqlite_db: str, tmp_path: Path) -> None:
    load_demo()
    out = tmp_path / "launch.json"
    done = subprocess.run([sys.executable, "-c", PROBE, sqlite_db, str(out)], capture_output=True, text=True,
                          env=_child_env(), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen["first"], "the dashboard never showed a school"
    loaded = set(seen["modules"])
    early = [name for name in NOT_AT_LAUNCH if name in loaded]
    assert not early, f"imported at launch, though the first screen does not use them: {early}"
    assert "textual" in loaded and "peewee" in loaded  # the probe saw the real launch


def test_the_apps_command_line_is_read_as_the_whole_parser_reads_it() -> None:
    from tui.cli import build_parser, opens_the_app

    opening = [[], ["--db", "x.sqlite3", "--as", "officer"], ["--db=x", "--lang", "en"], ["--color=256", "--web"],
               ["--web-ticket", "t", "--lang=zh"]]
    for words in opening:
        assert opens_the_app(words), words
        assert vars(build_parser(verbs=False).parse_args(words)) == vars(build_parser().parse_args(words)), words
    # A verb, help, an abbreviation, a value argparse refuses or would take for an option: the whole parser.
    for words in (["status"], ["--db", "x", "status"], ["-h"], ["--version"], ["--la", "en"], ["--lang", "fr"],
                  ["--db"], ["--db", "-x"], ["--web=1"], ["--"]):
        assert not opens_the_app(words), words


def test_cli_verbs_resolve_and_postgres_opens_through_the_entry(db: str, tmp_path: Path) -> None:
    """Every verb's handler name points at a function, and a verb run by the console script
    (``tui.cli.entry``: peewee without psycopg2) reads and writes a PostgreSQL database too."""
    from tui.cli_run import HANDLERS, handler_for
    from tui.verbs import analysis, regions, rounds

    for verb in [*HANDLERS, *rounds.ROUTES, *analysis.ROUTES, *regions.ROUTES]:
        assert callable(handler_for(verb)), verb
    assert handler_for(("no-such-verb", None)) is None

    load_demo()
    address, extra = cli_database(db, tmp_path)
    env = {**_child_env(), **extra}

    def cli(*args: str) -> str:
        done = subprocess.run([EXE, "--db", address, "--lang", "en", "--as", "demo-admin", *args],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    cli("user", "add", "launch-viewer", "--role", "viewer")
    assert "launch-viewer" in cli("user", "list")
    assert "640424" in cli("schools", "list")
