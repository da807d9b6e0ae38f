"""End to end: the real `starcampus` command in tmux, read back with capture-pane."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support import need_program, terminal_env

BIN = Path(sys.executable).parent / "starcampus"
FIRST_LEAF_FOCUSED = "（满分8）"  # leaf 1.1's note under the sheet: shown once its field has the focus


def test_starcampus_in_tmux(tmp_path: Path) -> None:
    tmux = need_program("tmux")
    db = tmp_path / "demo.sqlite3"
    env = {**os.environ, "STARCAMPUS_NOW": "2023-09-20T10:00:00", "TERM": "xterm-256color",
           "TEXTUAL_COLOR_SYSTEM": "256", "LANG": "C.UTF-8"}
    env.pop("STARCAMPUS_LANG", None)
    subprocess.run([str(BIN), "--db", str(db), "demo", "load"], check=True, env=env, capture_output=True)
    session = f"starcampus-{os.getpid()}"
    socket = ["-L", session]
    done = tmp_path / "exit-code"
    command = f"{BIN} --db {db} --as demo-admin --lang zh; echo $? > {done}"
    subprocess.run([tmux, *socket, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
                   check=True, env=terminal_env(env))
    t = [tmux, *socket]
    try:
        _wait(t, session, "泾源县第一中学")
        screen = _wait(t, session, "各星级学校数")  # the summary has arrived too
        assert "已认定" in screen and "未达星级" in screen
        subprocess.run([*t, "send-keys", "-t", session, "-l", "新民"], check=True)
        screen = _wait(t, session, "共1所学校")
        assert "新民乡中心小学" in screen and "泾源县第一中学" not in screen
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # the filter box's Enter opens the match
        screen = _wait(t, session, "校园网络")  # the rubric tree has been drawn
        assert "新民乡中心小学" in screen and "核定分" in screen
        subprocess.run([*t, "send-keys", "-t", session, "Escape"], check=True)
        subprocess.run([*t, "send-keys", "-t", session, "F10"], check=True)
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists() and done.read_text().strip() == "0"
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)


def _wait(t: list[str], session: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run([*t, "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                                check=True).stdout
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _starcampus_pid(t: list[str], session: str) -> int:
    """The app's process: the pane's process or one of its descendants."""
    pane = int(subprocess.run([*t, "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True,
                              text=True, check=True).stdout.split()[0])
    todo = [pane]
    while todo:
        pid = todo.pop(0)
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "starcampus" in cmdline and "--as" in cmdline and not cmdline.startswith(("sh ", "/bin/sh", "bash")):
            return pid
        todo += _children(pid)
    raise AssertionError("no starcampus process under the tmux pane")


def test_hangup_mid_entry_keeps_a_draft_and_writes_nothing(selfeval: int, db: str, tmp_path: Path) -> None:
    """Issue 7: SIGHUP (an SSH connection dropping) while a score is typed but not saved."""
    import json
    import signal

    from tui.drafts import draft_path
    from workflow.doors.demo import ADMIN
    from workflow.reads import queries

    tmux = need_program("tmux")
    aid = int(queries.find_assessment(selfeval, "640424007").id)  # type: ignore[union-attr]
    audit_before = len(queries.audit_events(limit=1_000_000))
    scores_before = dict(queries.detail(aid).self_scores)
    drafts_dir = tmp_path / "drafts"
    env = {**os.environ, "STARCAMPUS_NOW": "2024-06-10T10:00:00", "TERM": "xterm-256color",
           "TEXTUAL_COLOR_SYSTEM": "256", "LANG": "C.UTF-8", "STARCAMPUS_DRAFT_DIR": str(drafts_dir),
           "STARCAMPUS_DB": db}  # a PostgreSQL address carries a password: never on the command line
    env.pop("STARCAMPUS_LANG", None)
    session = f"starcampus-hup-{os.getpid()}"
    t = [tmux, "-L", session]
    done = tmp_path / "exit-code"
    command = f"{BIN} --as {ADMIN.name} --lang zh; echo $? > {done}"
    subprocess.run([*t, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
                   check=True, env=terminal_env(env))
    try:
        _wait(t, session, "新民乡中心小学")
        subprocess.run([*t, "send-keys", "-t", session, "-l", "新民"], check=True)
        _wait(t, session, "共1所学校")
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # opens the only match
        _wait(t, session, FIRST_LEAF_FOCUSED)  # the sheet, with the first score field focused
        subprocess.run([*t, "send-keys", "-t", session, "-l", "7.5"], check=True)  # no Enter
        screen = _wait(t, session, "7.5")
        assert "已保存" not in screen
        os.kill(_starcampus_pid(t, session), signal.SIGHUP)
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists(), "the app did not exit on SIGHUP"
        assert done.read_text().strip() == str(128 + signal.SIGHUP)
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)

    # nothing half-written: no new score, no new audit row
    assert dict(queries.detail(aid).self_scores).keys() == scores_before.keys()
    assert len(queries.audit_events(limit=1_000_000)) == audit_before
    path = draft_path(ADMIN.name, selfeval, aid, drafts_dir, database=db)
    assert path.exists(), list(drafts_dir.rglob("*"))
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == {"1.1": "7.5"}
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]

    # the next login offers it back
    done.unlink()
    subprocess.run([*t, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
                   check=True, env=terminal_env(env))
    try:
        screen = _wait(t, session, "恢复未保存的草稿")
        assert "新民乡中心小学" in screen and "7.5" in screen
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # 恢复 is focused
        screen = _wait(t, session, "校园网络")
        assert "7.5" in screen
        assert "1.1" not in queries.detail(aid).self_scores  # restored into the field, not saved
        subprocess.run([*t, "send-keys", "-t", session, "F10"], check=True)
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists() and done.read_text().strip() == "0"
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == {"1.1": "7.5"}  # still unsaved: kept
    assert len(queries.audit_events(limit=1_000_000)) == audit_before


def test_terminal_closing_mid_entry_keeps_a_draft(selfeval: int, db: str, tmp_path: Path) -> None:
    """The pty itself going away (kernel SIGHUP plus EIO on stdin), as when sshd drops the session."""
    import json

    from tui.drafts import draft_path
    from workflow.doors.demo import ADMIN
    from workflow.reads import queries

    tmux = need_program("tmux")
    aid = int(queries.find_assessment(selfeval, "640424007").id)  # type: ignore[union-attr]
    audit_before = len(queries.audit_events(limit=1_000_000))
    env = {**os.environ, "STARCAMPUS_NOW": "2024-06-10T10:00:00", "TERM": "xterm-256color",
           "TEXTUAL_COLOR_SYSTEM": "256", "LANG": "C.UTF-8", "STARCAMPUS_DRAFT_DIR": str(tmp_path / "drafts"),
           "STARCAMPUS_DB": db}  # a PostgreSQL address carries a password: never on the command line
    env.pop("STARCAMPUS_LANG", None)
    session = f"starcampus-pty-{os.getpid()}"
    t = [tmux, "-L", session]
    subprocess.run([*t, "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                    f"exec {BIN} --as {ADMIN.name} --lang zh"], check=True, env=terminal_env(env))
    try:
        _wait(t, session, "新民乡中心小学")
        subprocess.run([*t, "send-keys", "-t", session, "-l", "新民"], check=True)
        _wait(t, session, "共1所学校")
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)  # opens the only match
        _wait(t, session, FIRST_LEAF_FOCUSED)
        subprocess.run([*t, "send-keys", "-t", session, "-l", "6.5"], check=True)
        _wait(t, session, "6.5")  # the app has the keystrokes
        pid = _starcampus_pid(t, session)
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)  # closes the pty under the app
    deadline = time.monotonic() + 15
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), "the app outlived its terminal"
    draft = json.loads(draft_path(ADMIN.name, selfeval, aid, tmp_path / "drafts", database=db).read_text(encoding="utf-8"))
    assert draft["entries"] == {"1.1": "6.5"}
    assert "1.1" not in queries.detail(aid).self_scores
    assert len(queries.audit_events(limit=1_000_000)) == audit_before


def test_twenty_scores_typed_in_one_burst_are_all_stored(selfeval: int, db: str, tmp_path: Path) -> None:
    """Issue 17: values and Enters as fast as send-keys can type them; each lands in its own leaf."""
    from decimal import Decimal

    from rubrics.loader import builtin_rubric
    from workflow.doors.demo import ADMIN
    from workflow.reads import queries

    tmux = need_program("tmux")
    aid = int(queries.find_assessment(selfeval, "640424007").id)  # type: ignore[union-attr]
    rubric = builtin_rubric("ningxia-2022")
    leaves = [ind for ind in rubric.walk() if ind.is_leaf][:20]
    values = {ind.code: ("2", "1.5", "1", "0.5")[i % 4] for i, ind in enumerate(leaves)}
    env = {**os.environ, "STARCAMPUS_NOW": "2024-06-10T10:00:00", "TERM": "xterm-256color",
           "TEXTUAL_COLOR_SYSTEM": "256", "LANG": "C.UTF-8", "STARCAMPUS_DRAFT_DIR": str(tmp_path / "drafts"),
           "STARCAMPUS_DB": db}  # a PostgreSQL address carries a password: never on the command line
    env.pop("STARCAMPUS_LANG", None)
    session = f"starcampus-burst-{os.getpid()}"
    t = [tmux, "-L", session]
    done = tmp_path / "exit-code"
    command = f"{BIN} --as {ADMIN.name} --lang zh; echo $? > {done}"
    subprocess.run([*t, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
                   check=True, env=terminal_env(env))
    try:
        _wait(t, session, "新民乡中心小学")
        subprocess.run([*t, "send-keys", "-t", session, "-l", "新民"], check=True)
        _wait(t, session, "共1所学校")
        subprocess.run([*t, "send-keys", "-t", session, "Enter"], check=True)
        _wait(t, session, FIRST_LEAF_FOCUSED)
        keys = [k for code in values for k in (values[code], "Enter")]
        subprocess.run([*t, "send-keys", "-t", session, *keys], check=True)  # one write to the pty

        deadline = time.monotonic() + 60
        stored: dict[str, Decimal] = {}
        while time.monotonic() < deadline:
            stored = {c: s.value for c, s in queries.detail(aid).self_scores.items()}
            if len(stored) >= len(values):
                break
            time.sleep(0.2)
        assert stored == {c: Decimal(v) for c, v in values.items()}, f"stored so far: {stored}"
        subprocess.run([*t, "send-keys", "-t", session, "F10"], check=True)
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists() and done.read_text().strip() == "0"
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)
