"""`starcampus user web-token NAME`: an officer's personal sign-in link for `starcampus serve`."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import tui.verbs.web_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_USAGE
from tui.verbs.common import err, say
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor

_HOST = re.compile(r"[A-Za-z0-9.\-:]+")  # a name, an IPv4 or (bracketed in the URL) IPv6 address


def link(base: str, token: str) -> str:
    """``base`` (the address officers open) with the token as its query; only http(s) bases."""
    parts = urlsplit(base if "://" in base else f"http://{base}")
    if parts.scheme not in ("http", "https") or not parts.hostname or not _HOST.fullmatch(parts.hostname):
        raise ValueError(base)
    parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", f"token={token}", ""))


def web_token(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.web_tokens import issue, revoke

    if args.revoke:
        ended = revoke(actor, args.name)
        say("cli.web.revoked", name=args.name, count=ended)
        return EXIT_OK
    base = args.url or f"http://127.0.0.1:{args.port}/"
    try:
        link(base, "x")
    except ValueError:
        err(t("cli.web.bad_url", url=base))
        return EXIT_USAGE
    token = issue(actor, args.name)
    # The link is shown once and kept nowhere (the database keeps its SHA-256): hand it over privately.
    say("cli.web.link_for", name=args.name)
    print(link(base, token))
    return EXIT_OK
