"""`starcampus serve` in a real browser: Debian's chromium driven by playwright-core loads the
dashboard; a websocket client reads the same Chinese screen the browser draws on its canvas."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import free_port
from tests.support import need, need_program

EXE = str(Path(sys.executable).with_name("starcampus"))
WEB = Path(__file__).resolve().parent / "web"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "web.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    subprocess.run([EXE, "--db", str(db), "demo", "load"], check=True, capture_output=True, env=env)
    port = free_port()
    server = subprocess.Popen([EXE, "--db", str(db), "--as", "demo-admin", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_websocket_streams_the_chinese_dashboard(served: str) -> None:
    import aiohttp

    async def read_screen() -> str:
        seen = ""
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://{served}/ws?width=120&height=40") as ws:
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and "泾源县第一中学" not in seen:
                    try:
                        message = await ws.receive(timeout=5)
                    except TimeoutError:
                        continue
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen += message.data.decode("utf-8", "replace")
                    elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break
        return seen

    screen = asyncio.run(read_screen())
    assert "泾源县第一中学" in screen and "已认定" in screen


def test_headless_chromium_shows_the_dashboard(served: str, tmp_path: Path) -> None:
    chromium = need_program("chromium", "chromium-browser")
    node = need_program("node")
    need((WEB / "node_modules" / "playwright-core").exists(), "playwright-core (npm install in tests/e2e/web)")
    shot = tmp_path / "web.png"
    done = subprocess.run([node, str(WEB / "shot.mjs"), f"http://{served}/", str(shot)], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, CHROMIUM=chromium))
    assert done.returncode == 0, done.stderr[-2000:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["terminal"] and state["canvases"] > 0
    # The splash screen is a near-empty picture (~12 KB); the dashboard's text makes it several times larger.
    assert shot.stat().st_size > 40_000, shot.stat().st_size
