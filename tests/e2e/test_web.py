"""`starcampus serve` as an attacker and as an officer meet it (issue 10, finding 5).

The real server on loopback, a real websocket client (aiohttp) and Debian's chromium driven by
playwright-core. Each officer signs in with the link `starcampus user web-token NAME` prints; a page
from another site, a missing, wrong, revoked or disabled user's token gets nothing, and the database
stays byte-identical; a valid link runs the app as that officer, and the token is in no log.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.e2e.harness import free_port
from tests.support import need, need_program

EXE = str(Path(sys.executable).with_name("starcampus"))
WEB = Path(__file__).resolve().parent / "web"
NOW = "2024-06-10T10:00:00"
OFFICER = "zhang"
EVIL = "http://evil.example"
WINDOWS_2024 = {
    "mobilization": ("2024-05-06", "2024-05-31"),
    "self_evaluation": ("2024-06-01", "2024-06-30"),
    "verification": ("2024-07-01", "2024-07-15"),
    "promotion": ("2024-07-16", "2024-12-31"),
}


@dataclass
class Served:
    db: Path
    port: int
    log: Path
    env: dict[str, str]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([EXE, "--db", str(self.db), "--as", "demo-admin", *args], capture_output=True,
                              text=True, env=self.env, timeout=60)

    def link(self, name: str = OFFICER) -> str:
        done = self.cli("user", "web-token", name, "--port", str(self.port))
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    def token(self, name: str = OFFICER) -> str:
        return self.link(name).split("token=", 1)[1]

    def audit(self) -> list[tuple[str, str]]:
        import sqlite3

        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return [(str(a), str(b)) for a, b in conn.execute("SELECT actor, action FROM audit_event ORDER BY seq")]

    def fingerprint(self) -> str:
        """The database's bytes (main file and WAL): what an attack must leave as it was."""
        digest = hashlib.sha256()
        for path in (self.db, self.db.with_name(self.db.name + "-wal")):
            digest.update(path.read_bytes() if path.exists() else b"-")
        return digest.hexdigest()


def _prepare(db: Path) -> None:
    """The demo, a 2024 campaign in self-evaluation, and the officer `zhang` (an administrator)."""
    from models.db import close_database, open_database
    from tests.demo_copy import load_demo
    from workflow import clock
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.demo import ADMIN
    from workflow.doors.users import add_user

    open_database(str(db))
    clock.pin(datetime(2024, 6, 10, 10, 0, tzinfo=timezone(timedelta(hours=8))))
    try:
        load_demo()
        row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                              rubric="ningxia-2022", windows=dict(WINDOWS_2024))
        enrol(ADMIN, row.id, ["640424001", "640424007", "640424011"])
        advance_campaign(ADMIN, row.id)
        add_user(ADMIN, OFFICER, "admin")
    finally:
        clock.pin(None)
        close_database()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    db = tmp_path / "web.sqlite3"
    _prepare(db)
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    env.update(STARCAMPUS_NOW=NOW, STARCAMPUS_DRAFT_DIR=str(tmp_path / "drafts"), LANG="C.UTF-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([EXE, "--db", str(db), "serve", "--port", str(port)], stdout=out,
                                  stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 20
    up = False
    while time.monotonic() < deadline and server.poll() is None and not up:
        with socket.socket() as s:
            up = s.connect_ex(("127.0.0.1", port)) == 0
        if not up:
            time.sleep(0.1)
    assert up, f"serve did not listen on {port}: {log.read_text(errors='replace')[-2000:]}"
    try:
        yield Served(db, port, log, env)
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- a websocket client ----------------------------------------------------------------------

class Screen:
    """What the app has drawn so far on one websocket, and ways to wait for it."""

    def __init__(self, ws: object) -> None:
        self.ws = ws
        self.text = ""
        self.closed = False

    async def until(self, wanted: str, timeout: float = 30) -> None:
        import aiohttp

        deadline = time.monotonic() + timeout
        while wanted not in self.text:
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout}s for {wanted!r} on the web app's screen"
                                     f"{' (closed)' if self.closed else ''}; last: {self.text[-300:]!r}")
            try:
                message = await self.ws.receive(timeout=1)  # type: ignore[attr-defined]
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += message.data.decode("utf-8", "replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                self.closed = True

    async def until_closed(self, timeout: float = 30) -> None:
        import aiohttp

        deadline = time.monotonic() + timeout
        while not self.closed:
            assert time.monotonic() < deadline, f"waited {timeout}s for the server to close the tab"
            try:
                message = await self.ws.receive(timeout=1)  # type: ignore[attr-defined]
            except TimeoutError:
                continue
            self.closed = message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                           aiohttp.WSMsgType.ERROR)

    async def keys(self, text: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", text]))  # type: ignore[attr-defined]


def handshake_status(served: Served, *, origin: str | None, token: str | None, in_query: bool = False) -> int:
    """The HTTP status the websocket upgrade gets (101 when the app starts)."""
    import aiohttp

    async def attempt() -> int:
        headers = {"Origin": origin} if origin else {}
        url = f"ws://127.0.0.1:{served.port}/ws?width=100&height=30"
        if token and in_query:
            url += f"&token={token}"
        elif token:
            headers["Cookie"] = f"starcampus_web={token}"
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, headers=headers) as ws:
                    await Screen(ws).until("泾源县")
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    return asyncio.run(attempt())


def page_status(served: Served, path: str, cookie: str | None = None) -> tuple[int, str]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    conn.request("GET", path, headers={"Cookie": f"starcampus_web={cookie}"} if cookie else {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


# --- the attacks -------------------------------------------------------------------------------

def test_a_page_from_another_site_cannot_open_the_app(served: Served) -> None:
    token = served.token()
    before, audit_before = served.fingerprint(), served.audit()
    assert handshake_status(served, origin=EVIL, token=token) == 403
    assert handshake_status(served, origin=None, token=token) == 403  # browsers always send one
    assert served.fingerprint() == before
    assert served.audit() == audit_before  # nobody signed in


def test_without_a_valid_token_nothing_starts(served: Served) -> None:
    token = served.token()
    before = served.fingerprint()
    assert handshake_status(served, origin=served.origin, token=None) == 401
    assert handshake_status(served, origin=served.origin, token="x" + token[1:]) == 401
    assert page_status(served, "/")[0] == 401
    assert page_status(served, "/?token=not-a-token")[0] == 401
    assert served.fingerprint() == before
    # Ended by --revoke, and by `user disable`: the link that worked before opens nothing.
    assert served.cli("user", "web-token", OFFICER, "--revoke").returncode == 0
    after_revoke = served.fingerprint()
    assert handshake_status(served, origin=served.origin, token=token) == 401
    second = served.token()
    assert served.cli("user", "disable", OFFICER, "--authorized-keys",
                      str(served.db.with_name("authorized_keys"))).returncode == 0
    after_disable = served.fingerprint()
    assert handshake_status(served, origin=served.origin, token=second) == 401
    assert page_status(served, f"/?token={second}")[0] == 401
    assert served.fingerprint() == after_disable != after_revoke
    assert ("zhang", "web.sign_in") not in served.audit()


def test_a_valid_link_runs_the_app_as_that_officer(served: Served) -> None:
    import aiohttp

    token = served.token()

    async def save_a_score() -> None:
        headers = {"Origin": served.origin, "Cookie": f"starcampus_web={token}"}
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30",
                                          headers=headers) as ws:
                screen = Screen(ws)
                await screen.until("新民乡中心小学")
                await screen.keys("新民")
                await screen.until("共1所学校")
                await screen.keys("\r")
                await screen.keys("\r")
                await screen.until("（满分8）")  # the first leaf's field has the focus
                children = _app_command_lines()
                await screen.keys("6.5\r")
                deadline = time.monotonic() + 30
                while (OFFICER, "score.self") not in served.audit():
                    assert time.monotonic() < deadline, f"no score saved by {OFFICER}: {served.audit()[-3:]}"
                    await asyncio.sleep(0.2)
        # The app's command line names a ticket, never the token or a user to act as.
        assert children and all(token not in c and "--as" not in c for c in children), children

    asyncio.run(save_a_score())
    actions = served.audit()
    assert actions[-2:] == [(OFFICER, "web.sign_in"), (OFFICER, "score.self")]


def _app_command_lines() -> list[str]:
    lines = []
    for proc in Path("/proc").iterdir():
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--web-ticket" in words:
            lines.append(" ".join(w.decode(errors="replace") for w in words))
    return lines


def test_revoking_a_link_closes_its_open_tab(served: Served) -> None:
    import aiohttp

    token = served.token()

    async def open_then_revoke() -> None:
        headers = {"Origin": served.origin, "Cookie": f"starcampus_web={token}"}
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30",
                                          headers=headers) as ws:
                screen = Screen(ws)
                await screen.until("新民乡中心小学")
                done = await asyncio.to_thread(served.cli, "user", "web-token", OFFICER, "--revoke")
                assert done.returncode == 0, done.stderr
                await screen.until_closed()

    asyncio.run(open_then_revoke())


def _log_once(path: Path, ready: Callable[[str], bool], *, timeout: float) -> str:
    """The log's text once ``ready`` holds of it, or as it is when ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    text = path.read_text(encoding="utf-8", errors="replace")
    while not ready(text) and time.monotonic() < deadline:
        time.sleep(0.05)  # a poll of the file for the condition, bounded by the deadline
        text = path.read_text(encoding="utf-8", errors="replace")
    return text


def test_the_token_is_in_no_log(served: Served) -> None:
    link = served.link()
    token = link.split("token=", 1)[1]
    status, _ = page_status(served, link.split(str(served.port), 1)[1])
    assert status == 303
    assert handshake_status(served, origin=served.origin, token=token, in_query=True) == 101
    assert handshake_status(served, origin=served.origin, token=token) == 101
    # The server logs a websocket's request when its session has ended, after the client has gone: read
    # the log once both sessions' lines are in it (bounded: 30 s).
    log = _log_once(served.log, lambda text: len(re.findall(r"GET /ws 101", text)) >= 2, timeout=30)
    assert len(re.findall(r"GET /ws 101", log)) >= 2, log[-2000:]  # the access log is on, and reads like this
    assert token not in log
    assert token not in "".join(_app_command_lines())


def test_headless_chromium_follows_the_link_to_the_dashboard(served: Served, tmp_path: Path) -> None:
    chromium = need_program("chromium", "chromium-browser")
    node = need_program("node")
    need((WEB / "node_modules" / "playwright-core").exists(), "playwright-core (npm install in tests/e2e/web)")
    shot = tmp_path / "web.png"
    done = subprocess.run([node, str(WEB / "shot.mjs"), served.link(), str(shot)], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, CHROMIUM=chromium))
    assert done.returncode == 0, done.stderr[-2000:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["terminal"] and state["canvases"] > 0
    assert "token=" not in state["url"]  # the link's token went into a cookie, out of the address bar
    # The splash screen is a near-empty picture (~12 KB); the dashboard's text makes it several times larger.
    assert shot.stat().st_size > 40_000, shot.stat().st_size
    assert (OFFICER, "web.sign_in") in served.audit()
