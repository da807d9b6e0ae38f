"""`starcampus serve`: the same app in a browser through textual-serve, one signed-in officer per tab.

textual-serve has no authentication and no Origin check of its own: its page and websocket spawn the
app for whoever connects. ``SignedInServer`` wraps its handlers:

- every request must name this server in ``Host`` (a DNS-rebinding page cannot borrow the port);
- the page wants the officer's personal token (``starcampus user web-token NAME``): from the link's
  ``?token=`` it goes into an HttpOnly cookie and the browser is sent on to the bare address, so the
  token leaves the address bar, the history and any Referer;
- the websocket upgrade wants the same token (cookie, or ``?token=`` for a non-browser client) and an
  ``Origin`` that is this server's own: a page on another site cannot drive the app;
- the app is spawned for that officer alone: the server writes the token to a 0600 ticket in its own
  0700 folder and names the ticket on the child's command line; the child reads, removes and checks it
  against the database (workflow.doors.web_tokens). Nothing the client sends reaches the command line;
- every open session's token is checked again every few seconds, so a revoked link or a disabled
  user loses an open tab too;
- the access log names method, path and status, never the query or the Referer (the token).

Still loopback by default: a remote address needs ``--allow-remote`` and a TLS proxy in front
(docs/deploy-web.md), since plain http would carry the token in clear.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import logging
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import tui.verbs.web_strings  # noqa: F401  - registers this file's keys
from tui.verbs.common import cannot_open
from workflow.i18n import language, t

if TYPE_CHECKING:
    from aiohttp import web

    from workflow.doors.web_tokens import WebSession

COOKIE = "starcampus_web"
# How often an open session's token is checked again: a revoked link closes its tab within this.
RECHECK_SECONDS = 5.0
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
log = logging.getLogger("starcampus.serve")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int, public_url: str | None) -> set[str]:
    """The ``Host`` values that name this server: the bound address (loopback by any name) and the proxy's."""
    names = {"127.0.0.1", "localhost", "[::1]"} if is_loopback(host) else {f"[{host}]" if ":" in host else host}
    hosts = {f"{name}:{port}" for name in names}
    if public_url:
        hosts.add(urlsplit(public_url).netloc)
    return hosts


def allowed_origins(host: str, port: int, public_url: str | None) -> set[str]:
    """The only ``Origin`` values a websocket may come from: pages this server served itself."""
    origins = {f"http://{h}" for h in allowed_hosts(host, port, None)}
    if public_url:
        parts = urlsplit(public_url)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def child_command(program: str, *, db: str | None, lang: str | None, ticket: Path) -> str:
    """The app's command line for one officer: no token, no password, nothing the client chose."""
    command = [program, "--web"]
    if db:
        command += ["--db", db]
    if lang:
        command += ["--lang", lang]
    command += ["--web-ticket", str(ticket)]
    return " ".join(shlex.quote(c) for c in command)


def _program() -> str:
    argv0 = Path(sys.argv[0])
    return str(argv0.resolve() if argv0.name == "starcampus" else Path(sys.executable).with_name("starcampus"))


def _refuse(text: str) -> int:
    print(text, file=sys.stderr)
    return 1


def serve(*, host: str, port: int, allow_remote: bool, db: str | None, as_user: str | None, lang: str | None,
          public_url: str | None = None) -> int:
    from workflow.connection import close_database, open_database, password_in

    if as_user:
        return _refuse(t("serve.no_as"))
    if db and password_in(db):
        return _refuse(t("serve.password"))
    if not is_loopback(host) and not allow_remote:
        return _refuse(t("serve.remote", host=host))
    if public_url and urlsplit(public_url).scheme not in ("http", "https"):
        return _refuse(t("serve.public_url", url=public_url))
    try:
        open_database(db, create=False)  # the server reads tokens; a mistyped --db creates nothing
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported plainly
        return _refuse(cannot_open(exc))
    tickets = Path(tempfile.mkdtemp(prefix="starcampus-web-"))  # 0700, this account's only
    try:
        SignedInServer(program=_program(), db=db, lang=lang, tickets=tickets, host=host, port=port,
                       public_url=public_url).serve()
    finally:
        shutil.rmtree(tickets, ignore_errors=True)
        close_database()
    return 0


def _make_server_class() -> type:
    """Built on first use: textual-serve and aiohttp load only for `serve`."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSMsgType, web
    from aiohttp.abc import AbstractAccessLogger
    from aiohttp.web_runner import GracefulExit
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    from workflow.doors.web_tokens import signed_in, still_valid, write_ticket

    class PathOnlyAccessLog(AbstractAccessLogger):
        """Method, path, status: never the query string or the Referer, where a token travels."""

        def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
            self.logger.info("%s %s %s", request.method, request.path, response.status)

    class _SignedInServer(Server):
        def __init__(self, *, program: str, db: str | None, lang: str | None, tickets: Path, host: str, port: int,
                     public_url: str | None) -> None:
            super().__init__("starcampus", host=host, port=port, title="starcampus",
                             public_url=public_url.rstrip("/") if public_url else None)
            self.program, self.db, self.lang, self.tickets = program, db, lang, tickets
            self.hosts = allowed_hosts(host, port, public_url)
            self.origins = allowed_origins(host, port, public_url)
            self.secure_cookie = self.public_url.startswith("https:")

        # --- the guard around every request ------------------------------------------------------

        @web.middleware
        async def guard(self, request: web.Request,
                        handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
            if request.host not in self.hosts:
                return self._deny(421, t("serve.page.wrong_host"))
            origin = request.headers.get("Origin")
            if origin is not None and origin not in self.origins:
                return self._deny(403, t("serve.page.other_site"))
            response = await handler(request)
            if not response.prepared:  # a websocket has sent its headers already
                response.headers.update(SECURITY_HEADERS)
            return response

        def _deny(self, status: int, text: str) -> web.Response:
            lang = "en" if language() == "en" else "zh-CN"  # the server's --lang, as its app's
            page = (f"<!DOCTYPE html><html lang='{lang}'><meta charset='utf-8'><title>starcampus</title>"
                    f"<p>{html.escape(text)}</p>")
            response = web.Response(status=status, text=page, content_type="text/html")
            response.headers.update(SECURITY_HEADERS)
            return response

        async def _session(self, request: web.Request, *, query: bool) -> WebSession | None:
            raw = request.cookies.get(COOKIE) or (request.query.get("token") if query else None)
            if not raw:
                return None
            return await asyncio.to_thread(signed_in, raw)

        # --- routes ------------------------------------------------------------------------------

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            token = request.query.get("token")
            if token is not None:
                if await asyncio.to_thread(signed_in, token) is None:
                    return self._signed_out()
                # Into a cookie, and on to the bare address: the token leaves the address bar.
                response = web.Response(status=303, headers={"Location": f"{urlsplit(self.public_url).path}/"})
                response.set_cookie(COOKIE, token, httponly=True, samesite="Lax", secure=self.secure_cookie,
                                    path="/")
                return response
            if await self._session(request, query=False) is None:
                return self._signed_out()
            page: web.StreamResponse = await super().handle_index(request)
            return page

        def _signed_out(self) -> web.Response:
            response = self._deny(401, t("serve.page.signed_out"))
            response.del_cookie(COOKIE, path="/")
            return response

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            if await self._session(request, query=False) is None:
                return self._signed_out()
            response: web.StreamResponse = await super().handle_download(request)
            return response

        # A refusal is a plain page, not a websocket: wider than textual-serve's return type.
        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
            if request.headers.get("Origin") not in self.origins:  # a browser always sends one
                return self._deny(403, t("serve.page.other_site_socket"))
            session = await self._session(request, query=True)
            if session is None:
                return self._signed_out()
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            ticket = write_ticket(self.tickets, request.cookies.get(COOKIE) or request.query["token"])
            app_service: AppService | None = None

            async def close() -> None:
                await websocket.close()

            watcher: asyncio.Task[None] | None = None
            try:
                await websocket.prepare(request)
                app_service = AppService(
                    child_command(self.program, db=self.db, lang=self.lang, ticket=ticket),
                    write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=close,
                    download_manager=self.download_manager, debug=False)
                await app_service.start(width, height)
                watcher = asyncio.create_task(self._watch(session.token_id, websocket))
                await self._process_messages(websocket, app_service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
                log.exception(error)
            finally:
                if watcher is not None:
                    watcher.cancel()
                if app_service is not None:
                    await app_service.stop()
                ticket.unlink(missing_ok=True)  # the app removes it as it reads it; this, if it never did
            return websocket

        async def _watch(self, token_id: int, websocket: web.WebSocketResponse) -> None:
            """Close the tab once its link ends (revoked, replaced, or its user disabled)."""
            while not websocket.closed:
                await asyncio.sleep(RECHECK_SECONDS)
                if not await asyncio.to_thread(still_valid, token_id):
                    await websocket.close(code=4001, message=b"signed out")
                    return

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
            # As textual-serve's, but a message that is not the expected JSON list is ignored, not a crash.
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    envelope = message.json()
                except ValueError:
                    continue
                if not isinstance(envelope, list) or not envelope:
                    continue
                await self._dispatch(envelope, websocket, app_service)

        async def _dispatch(self, envelope: list[Any], websocket: web.WebSocketResponse,
                            app_service: AppService) -> None:
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(to_int(str(data.get("width")), 80),
                                                    to_int(str(data.get("height")), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

        async def on_startup(self, app: web.Application) -> None:
            self.console.print(t("serve.listening", url=self.public_url), highlight=False)

        def serve(self, debug: bool = False) -> None:
            # As textual-serve's, with an access log that never holds a token.
            self.debug = False
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:
                pass
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *args: None, access_log_class=PathOnlyAccessLog)

        def request_exit(self) -> None:
            raise GracefulExit()

    return _SignedInServer


def SignedInServer(**kwargs: Any) -> Any:  # noqa: N802 - reads as the class it builds
    return _make_server_class()(**kwargs)
