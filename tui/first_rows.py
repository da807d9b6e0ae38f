"""The launch's first rows on screen: reads that no first frame needs wait for them (issue 14).

At 100,000 schools the dashboard's counts (schools per state and per star, the township list) cost
some 200 ms of CPU and the list's own count 20-30 ms; read beside the first page, on two cores shared
with Textual's start (and, on a server, with other sessions), they put the first rows off by about as
much, and the launch grew with the campaign's size. Read once the rows are drawn, they fill the bars,
the count line and the drop-downs a moment later instead.

Each app has one ``FirstRows``. It opens once, for good: when the dashboard's first rows are drawn,
when there are none to wait for (no campaign), or at the latest ``BACKSTOP_SECONDS`` after the app is
up (a failed read draws no rows). A worker waits for it at most as long, so nothing waits for rows that
never come; after the launch it is open and nothing waits at all.
"""

from __future__ import annotations

import threading

BACKSTOP_SECONDS = 3.0


class FirstRows:
    def __init__(self) -> None:
        self._drawn = threading.Event()

    def drawn(self) -> None:
        """From the app's thread: the first rows are on screen (or will not be); any number of calls."""
        self._drawn.set()

    @property
    def is_drawn(self) -> bool:
        return self._drawn.is_set()

    def wait(self) -> bool:
        """From a worker's thread: until the first rows are drawn, at most ``BACKSTOP_SECONDS``.
        Whether they were."""
        return self._drawn.wait(BACKSTOP_SECONDS)
