"""Textual's own English texts, in the reader's language.

Textual writes a few texts of its own: the command palette's placeholder and "No matches found",
the system commands (Keys, Maximize, Quit, Screenshot, Theme) and the descriptions of its widgets'
bindings that reach the footer ("esc Dismiss menu" on an open drop-down). Each is a catalog entry
here; ``binding_text`` reads a Textual binding description through them (tui.screens.base), and
tui.palette uses the rest. Checked against the installed Textual by tests/tui/test_palette_words.py.
"""

from __future__ import annotations

from workflow.i18n import register, t

STRINGS: dict[str, dict[str, str]] = {
    "tui.key.palette": {"zh": "命令", "en": "Commands"},
    "tui.palette.placeholder": {"zh": "搜索命令…（学校、屏幕、阶段、导出）", "en": "Search for commands…"},
    "tui.palette.themes": {"zh": "搜索配色主题…", "en": "Search for themes…"},
    "tui.palette.no_matches": {"zh": "没有匹配的命令", "en": "No matches found"},
    "tui.palette.exit": {"zh": "关闭命令面板", "en": "Exit the command palette"},
    "tui.palette.dismiss_menu": {"zh": "收起列表", "en": "Dismiss menu"},
    "tui.textual.focus_next": {"zh": "下一项", "en": "Focus Next"},
    "tui.textual.focus_previous": {"zh": "上一项", "en": "Focus Previous"},
    "tui.textual.press_button": {"zh": "按下按钮", "en": "Press button"},
    "tui.textual.copy": {"zh": "复制所选文字", "en": "Copy selected text"},
    "tui.syscmd.theme": {"zh": "配色主题", "en": "Theme"},
    "tui.syscmd.theme_help": {"zh": "更换界面配色", "en": "Change the current theme"},
    "tui.syscmd.quit": {"zh": "退出", "en": "Quit"},
    "tui.syscmd.quit_help": {"zh": "退出程序（未保存的分数存为草稿）",
                             "en": "Quit the application (unsaved scores are kept as a draft)"},
    "tui.syscmd.keys": {"zh": "按键", "en": "Keys"},
    "tui.syscmd.keys_help": {"zh": "显示当前控件的帮助和可用按键",
                             "en": "Show help for the focused widget and a summary of available keys"},
    "tui.syscmd.keys_hide": {"zh": "隐藏按键与控件帮助", "en": "Hide the keys and widget help panel"},
    "tui.syscmd.maximize": {"zh": "最大化", "en": "Maximize"},
    "tui.syscmd.maximize_help": {"zh": "把当前控件放大到整屏", "en": "Maximize the focused widget"},
    "tui.syscmd.minimize": {"zh": "还原", "en": "Minimize"},
    "tui.syscmd.minimize_help": {"zh": "把放大的控件还原", "en": "Minimize the widget and restore to normal size"},
    "tui.syscmd.screenshot": {"zh": "截图", "en": "Screenshot"},
    "tui.syscmd.screenshot_help": {"zh": "把当前屏幕存为 SVG 图片", "en": "Save an SVG 'screenshot' of the current screen"},
}
register(STRINGS)

# Textual's binding descriptions (as its widgets declare them) -> our catalog keys.
BINDING_WORDS: dict[str, str] = {
    "Dismiss menu": "tui.palette.dismiss_menu",
    "Focus Next": "tui.textual.focus_next",
    "Focus Previous": "tui.textual.focus_previous",
    "Press button": "tui.textual.press_button",
    "Copy selected text": "tui.textual.copy",
    "Exit the command palette": "tui.palette.exit",
    "palette": "tui.key.palette",
}


def binding_text(description: str) -> str:
    """A binding description in the reader's language: ours are catalog keys, Textual's are mapped."""
    key = BINDING_WORDS.get(description, description)
    return t(key) if key else description
