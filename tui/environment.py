"""The environment the program trusts: TEXTUAL_* scrubbed before textual is imported.

Textual 8.2.8 reads its settings from environment variables once, when ``textual.constants`` is
imported, and several of them name a file, a module or a host: TEXTUAL_SCREENSHOT_LOCATION and
_FILENAME (write an SVG over any file the service account owns: the database, authorized_keys),
TEXTUAL_LOG (append to a file: the audit seal key), TEXTUAL_DRIVER (import a module the client
names), TEXTUAL_DEVTOOLS_HOST/_PORT and the TEXTUAL feature list (connect to a host). An SSH client
can send any of them if sshd accepts them, so every TEXTUAL_* variable is removed except the few
below, each kept only when its value is one of a fixed set of words.

Decisions, variable by variable (textual/constants.py, drivers, geometry.py):

- kept (value checked): TEXTUAL_COLOR_SYSTEM (auto|standard|256|truecolor|windows),
  TEXTUAL_ANIMATIONS (none|basic|full).
- removed: TEXTUAL (feature flags: devtools, debug), TEXTUAL_DRIVER, TEXTUAL_LOG,
  TEXTUAL_SCREENSHOT, _LOCATION, _FILENAME, TEXTUAL_DEVTOOLS_HOST, _PORT, TEXTUAL_DEBUG,
  TEXTUAL_PRESS (keys pressed for the user), TEXTUAL_SHOW_RETURN, TEXTUAL_FILTERS, TEXTUAL_THEME,
  TEXTUAL_FPS, TEXTUAL_SLOW_THRESHOLD, TEXTUAL_SMOOTH_SCROLL, TEXTUAL_DIM_FACTOR,
  TEXTUAL_DISABLE_KITTY_KEY, TEXTUAL_ALLOW_SIGNALS (Ctrl+C would kill the app mid-entry),
  TEXTUAL_SPEEDUPS, and any TEXTUAL_* a later Textual adds.

SSH_ORIGINAL_COMMAND (what the client asked to run under a forced command) is removed too: the
program never acts on it, and nothing it starts should.
"""

from __future__ import annotations

from collections.abc import MutableMapping

COLOR_SYSTEMS = ("auto", "standard", "256", "truecolor", "windows")
ALLOWED: dict[str, tuple[str, ...]] = {
    "TEXTUAL_COLOR_SYSTEM": COLOR_SYSTEMS,
    "TEXTUAL_ANIMATIONS": ("none", "basic", "full"),
}
# The one driver the program itself picks (``--web``, started by ``starcampus serve``), never a client.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def scrub(environ: MutableMapping[str, str]) -> list[str]:
    """Remove every untrusted variable from ``environ`` (in place); the names removed."""
    removed = []
    for name in list(environ):
        if name == "SSH_ORIGINAL_COMMAND" or name == "TEXTUAL" or (
                name.startswith("TEXTUAL_") and environ[name] not in ALLOWED.get(name, ())):
            del environ[name]
            removed.append(name)
    return removed


def choose(environ: MutableMapping[str, str], *, color: str | None, web: bool) -> None:
    """Set what the command line (never the client) asked for: ``--color``, and the web driver."""
    if color:
        environ["TEXTUAL_COLOR_SYSTEM"] = color
    if web:
        environ["TEXTUAL_DRIVER"] = WEB_DRIVER
