"""What the school list asks for: one query (filter, sort, scope) and its pages of ``PAGE`` rows.

Without Textual: the launch reads the first page before the app is up (tui/launch_read.py), with the
same query the list would ask for (tui/widgets/school_table.py draws it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workflow.reads import queries

PAGE = 100


@dataclass
class Query:
    campaign_id: int
    text: str = ""
    state: str | None = None
    star: int | None = None
    township: str | None = None
    sort: str = "display_order"
    descending: bool = False
    scope: str | None = None  # a school user's own school: the list never shows others

    def filters(self) -> dict[str, Any]:
        return {"text": self.text, "state": self.state, "star": self.star, "township": self.township,
                "scope": self.scope}


def page_rows(query: Query, start: int, total: int | None = None) -> list[queries.SchoolRow]:
    """The page at ``start``; a page in the list's second half (``total`` known) is read from the end
    of the index: the rows after it are skipped, not the rows before (the page before the last at
    500,000 schools took 0.7-0.9 s on PostgreSQL by OFFSET, the last one 5 ms)."""
    if total is not None and start > 0 and 2 * start >= total:
        after = max(0, total - start - PAGE)
        return queries.school_rows(query.campaign_id, **query.filters(), sort=query.sort,
                                   descending=query.descending, limit=min(PAGE, total - start), offset=after,
                                   from_end=True)
    return queries.school_rows(query.campaign_id, **query.filters(), sort=query.sort,
                               descending=query.descending, limit=PAGE, offset=start)
