"""F1's key list is in Chinese for Textual's own widget keys too (the trial saw "Cursor up", "Page Left")."""

from __future__ import annotations

import re

import pytest
from textual import containers, widgets
from textual.binding import Binding

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.help import HelpScreen
from tui.textual_words import binding_text
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN
from workflow.i18n import set_language

# The Textual widgets and containers tui/ builds its screens from.
USED = [widgets.DataTable, widgets.Input, widgets.Select, widgets.Button, widgets.Checkbox, widgets.OptionList,
        widgets.SelectionList, widgets.TabbedContent, widgets.Tabs, widgets.TextArea, containers.VerticalScroll]


def _descriptions() -> set[str]:
    found: set[str] = set()
    for widget in USED:
        for cls in widget.__mro__:
            for binding in getattr(cls, "BINDINGS", None) or []:
                if isinstance(binding, Binding) and binding.description:
                    found.add(binding.description)
    return found


@pytest.mark.parametrize("description", sorted(_descriptions()))
def test_every_textual_key_description_has_chinese_words(description: str) -> None:
    set_language("zh")
    assert binding_text(description) != description, f"Textual's {description!r} has no Chinese words"
    set_language("en")
    try:
        assert binding_text(description) == description
    finally:
        set_language("zh")


async def _school_list_help(demo: int) -> str:
    """F1's text pressed with the school list focused (its table's keys among the screen's)."""
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(SchoolTable).focus()
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        return str(app.screen.query_one("#help-text").render())


@run_async
async def test_help_on_the_school_list_names_the_tables_keys_in_chinese(demo: int) -> None:
    text = await _school_list_help(demo)
    for english in ("Scroll Left", "Scroll Right", "Page Left", "Page Right"):
        assert english not in text, text
    assert "向左翻页" in text and "向右滚动" in text, text


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_help_keeps_each_binding_id_in_one_column_after_its_words(demo: int, lang: str) -> None:
    """F1's key list: 标记筛选出的全部 ran into its binding id (table.mark_all, one space after): each id now starts
    in one column, by display width, at least two spaces after the widest words (trial, words2)."""
    from rich.cells import cell_len

    set_language(lang)
    try:
        text = await _school_list_help(demo)
    finally:
        set_language("zh")
    rows = [line for line in text.splitlines() if line.rstrip().endswith(("table.mark_all", "table.mark"))]
    assert len(rows) == 2, text
    words = "标记筛选出的全部" if lang == "zh" else "Mark all shown"
    assert re.search(f"{words}  +table[.]mark_all", text), text
    starts = {cell_len(line[:line.index("table.")]) for line in rows}
    assert len(starts) == 1, rows
