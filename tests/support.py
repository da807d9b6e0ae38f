"""Helpers shared by tests that need a real external part.

On a developer's laptop a missing part (PostgreSQL, LibreOffice, tmux, sshd) skips the
test; in CI (STARCAMPUS_REQUIRE_SERVICES=1) it fails it, so a green run never hides one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest


def services_required() -> bool:
    return os.environ.get("STARCAMPUS_REQUIRE_SERVICES", "") not in ("", "0")


def need(condition: bool, what: str) -> None:
    """Skip (laptop) or fail (CI) when a real part is missing."""
    if condition:
        return
    if services_required():
        pytest.fail(f"required service missing: {what}", pytrace=False)
    pytest.skip(f"not available here: {what}")


def need_program(*names: str) -> str:
    """Return the path of the first program found among ``names``."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    need(False, " or ".join(names))
    raise AssertionError("unreachable")


def terminal_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment to start tmux with (``os.environ`` when not given), less COLUMNS and LINES.

    A tmux server hands its own environment to the program it starts, and pytest's can carry
    COLUMNS=80 LINES=24: shutil.get_terminal_size, and so Textual, takes them over the pane's size,
    and an app in a 120x40 window was drawn at 80x24.
    """
    return {k: v for k, v in (os.environ if env is None else env).items() if k not in ("COLUMNS", "LINES")}


def cli_database(target: str, folder: Path) -> tuple[str, dict[str, str]]:
    """``target`` as `starcampus --db` takes it, and the environment that goes with it.

    A PostgreSQL URL's password may not ride on a command line (ps shows it to every local
    account; the CLI refuses it), so it moves into a 0600 config file in ``folder``, named by
    ``$STARCAMPUS_CONFIG``, the way docs/deploy-postgres.md says; the address keeps the server,
    database and role. A SQLite path (or a URL without a password) comes back as it is, with no
    environment. Set the environment with ``monkeypatch.setenv`` for an in-process ``main()``, or
    pass it to a subprocess.
    """
    from urllib.parse import urlsplit

    from models.pg_config import CONFIG_ENV, password_in, public

    if not password_in(target):
        return target, {}
    address = public(target)
    config = folder / "starcampus-config.toml"
    fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"[database]\nurl = {json.dumps(address)}\npassword = {json.dumps(urlsplit(target).password)}\n")
    config.chmod(0o600)  # a file already there keeps its old mode through O_TRUNC
    return address, {CONFIG_ENV: str(config)}


def cli_over_ssh(db: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test's database handed to an in-process ``tui.cli.main`` as over SSH: the model's connection
    closed, ``cli_database``'s environment set, and SSH_CONNECTION, so ``--as`` acts as the forced command's
    user. Returns the address for ``--db``."""
    from models.db import close_database

    close_database()
    address, env = cli_database(db, folder)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22")
    return address


def admin_cli(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    """``starcampus --db DB --lang zh --as demo-admin ARGS`` in-process (after ``cli_over_ssh``): its exit
    code, standard output and standard error."""
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", "--as", "demo-admin", *args])
    out, err = capsys.readouterr()
    return code, out, err


def admin_cli_ok(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> str:
    """``admin_cli`` that must succeed: its standard output."""
    code, out, err = admin_cli(capsys, db, *args)
    assert code == 0, err
    return out
