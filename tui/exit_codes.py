"""The `starcampus` command's exit codes, apart from the parser so the verbs need not import it."""

from __future__ import annotations

EXIT_OK = 0  # done
EXIT_REFUSED = 1  # refused with a reason (permission, state, bad input, failed check)
EXIT_USAGE = 2  # the command line itself was wrong
