"""`starcampus serve`: the same app in a browser through textual-serve.

textual-serve has no authentication of its own, so it binds to loopback unless told
otherwise; put it behind an authenticating reverse proxy for remote use (docs/deploy-web.md).
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(*, host: str, port: int, allow_remote: bool, db: str | None, as_user: str | None, lang: str | None) -> int:
    if not is_loopback(host) and not allow_remote:
        print(f"拒绝在 {host} 上监听：网页版没有身份验证，只能绑定本机地址；确需远程访问请加 --allow-remote 并置于"
              f"带认证的反向代理之后。/ Refusing to bind {host}: the web app has no authentication; use "
              f"--allow-remote only behind an authenticating reverse proxy.", file=sys.stderr)
        return 1
    from textual_serve.server import Server

    program = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "starcampus" else Path(sys.executable).with_name("starcampus")
    command = [str(program)]
    if db:
        command += ["--db", db]
    if as_user:
        command += ["--as", as_user]
    if lang:
        command += ["--lang", lang]
    Server(" ".join(shlex.quote(c) for c in command), host=host, port=port, title="starcampus").serve()
    return 0
