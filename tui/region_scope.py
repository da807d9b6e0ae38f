"""Whose region has regions below it: the one rule the dashboard's Ctrl+G and the palette share.

Apart from tui/screens/regions.py, which builds the screen: the dashboard asks this of every footer
refresh, and at launch that import (the regions' reads and tables) is not wanted before the first rows.
No textual import here.
"""

from __future__ import annotations

from workflow.permissions import Actor

COUNTY_DIGITS = 6  # GB/T 2260: a county's code has six digits, and nothing is below it


def may_see_regions(actor: Actor) -> bool:
    """A city's or province's officer, or a whole-server one; a county's or a school's has no region below."""
    return actor.role != "school" and len(actor.region_code or "") < COUNTY_DIGITS
