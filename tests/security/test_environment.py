"""Issue 10, finding 1 (locally): TEXTUAL_* variables name no file, module or host the program acts on.

The real app in a real terminal (tmux) is started with the attack's variables: a screenshot aimed at
the database, a log aimed at the seal key, a driver module of the attacker's choosing. The app opens
as usual and the files stay byte-identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.harness import Tmux
from tui.environment import WEB_DRIVER, choose, scrub

EXE = str(Path(sys.executable).with_name("starcampus"))


def test_scrub_keeps_only_fixed_words() -> None:
    env = {"TEXTUAL_SCREENSHOT": "1", "TEXTUAL_SCREENSHOT_LOCATION": "/srv", "TEXTUAL_LOG": "/k",
           "TEXTUAL_DRIVER": "evil:Driver", "TEXTUAL": "devtools", "TEXTUAL_DEVTOOLS_HOST": "evil.example",
           "TEXTUAL_COLOR_SYSTEM": "256", "TEXTUAL_ANIMATIONS": "none", "TEXTUAL_THEME": "x",
           "SSH_ORIGINAL_COMMAND": "rm -rf /", "LANG": "C.UTF-8", "TERM": "xterm"}
    removed = scrub(env)
    assert env == {"TEXTUAL_COLOR_SYSTEM": "256", "TEXTUAL_ANIMATIONS": "none", "LANG": "C.UTF-8", "TERM": "xterm"}
    assert "TEXTUAL_DRIVER" in removed and "SSH_ORIGINAL_COMMAND" in removed
    bad_colour = {"TEXTUAL_COLOR_SYSTEM": "/etc/passwd"}
    scrub(bad_colour)
    assert bad_colour == {}
    chosen: dict[str, str] = {}
    choose(chosen, color="truecolor", web=True)
    assert chosen == {"TEXTUAL_COLOR_SYSTEM": "truecolor", "TEXTUAL_DRIVER": WEB_DRIVER}


def test_attack_variables_leave_database_and_key_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "starcampus.sqlite3"
    key = tmp_path / "audit.key"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "SSH_"))}
    base.update(LANG="C.UTF-8", TERM="xterm-256color", STARCAMPUS_AUDIT_KEY_FILE=str(key),
                STARCAMPUS_DRAFT_DIR=str(tmp_path / "drafts"))
    assert subprocess.run([EXE, "--db", str(db), "demo", "load"], env=base, capture_output=True).returncode == 0
    assert subprocess.run([EXE, "--db", str(db), "--as", "demo-admin", "audit", "init-key"], env=base,
                          capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in (db, key)}
    listing = sorted(p.name for p in data.iterdir())
    attack = {"TEXTUAL_SCREENSHOT": "1", "TEXTUAL_SCREENSHOT_LOCATION": str(data),
              "TEXTUAL_SCREENSHOT_FILENAME": db.name, "TEXTUAL_LOG": str(key),
              "TEXTUAL_DRIVER": "tests.nonexistent_module:Driver", "TEXTUAL": "devtools,debug",
              "TEXTUAL_DEVTOOLS_HOST": "192.0.2.1"}
    done = tmp_path / "exit-code"
    session = Tmux(f"sc-env-{os.getpid()}", f"{EXE} --db {db} --as demo-admin --lang zh; echo $? > {done}",
                   env={**attack, "TERM": "xterm-256color", "LANG": "C.UTF-8", "STARCAMPUS_AUDIT_KEY_FILE": str(key),
                        "STARCAMPUS_DRAFT_DIR": str(tmp_path / "drafts")})
    try:
        screen = session.wait_for("泾源县第一中学")  # the normal driver: the app came up as usual
        assert "Traceback" not in screen
        session.wait_for("各星级学校数")
        session.keys("F10")
        session.wait_for(lambda _: done.exists() and done.read_text().strip() != "", timeout=20)
    finally:
        session.close()
    assert done.read_text().strip() == "0"
    assert {p: p.read_bytes() for p in before} == before
    # No screenshot appeared beside the database: only SQLite's sidecars and the app's own log (tui/logfile).
    expected = {db.name + "-wal", db.name + "-shm", "starcampus.log"}
    assert {p.name for p in data.iterdir()} - set(listing) - expected == set()
    assert not list(tmp_path.rglob("*.svg"))
