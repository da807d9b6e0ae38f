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


# The rest of the descriptions Textual's widgets declare on the widgets this program uses, in Chinese;
# English stays Textual's own (tests/tui/test_textual_binding_words.py keeps the list whole).
WIDGET_BINDING_WORDS: dict[str, str] = {
    "Select": "选中",
    "Cursor up": "上移",
    "Cursor down": "下移",
    "Cursor left": "左移",
    "Cursor right": "右移",
    "Page up": "上一页",
    "Page down": "下一页",
    "Page Up": "上一页",
    "Page Down": "下一页",
    "Page Left": "向左翻页",
    "Page Right": "向右翻页",
    "Top": "到顶",
    "Bottom": "到底",
    "Home": "到开头",
    "End": "到末尾",
    "Scroll Up": "向上滚动",
    "Scroll Down": "向下滚动",
    "Scroll Left": "向左滚动",
    "Scroll Right": "向右滚动",
    "Scroll Home": "滚到开头",
    "Scroll End": "滚到末尾",
    "Up": "上移",
    "Down": "下移",
    "First": "第一项",
    "Last": "最后一项",
    "Toggle": "勾选/取消",
    "Toggle option": "勾选/取消",
    "Show menu": "展开列表",
    "Previous tab": "上一页签",
    "Next tab": "下一页签",
    "Submit": "确定",
    "Move cursor left": "光标左移",
    "Move cursor left and select": "左移并选择",
    "Move cursor left a word": "左移一词",
    "Move cursor left a word and select": "左移一词并选择",
    "Move cursor right or accept the completion suggestion": "光标右移（或接受补全）",
    "Move cursor right and select": "右移并选择",
    "Move cursor right a word": "右移一词",
    "Move cursor right a word and select": "右移一词并选择",
    "Delete character left": "删除左边一字",
    "Delete character right": "删除右边一字",
    "Select all": "全选",
    "Go to start": "到开头",
    "Go to end": "到末尾",
    "Select line start": "选到行首",
    "Select line end": "选到行尾",
    "Delete left to start of word": "删除到词首",
    "Delete all to the left": "删除左边全部",
    "Delete right to start of word": "删除到下一词首",
    "Delete all to the right": "删除右边全部",
    "Cut selected text": "剪切所选文字",
    "Paste text from the clipboard": "粘贴",
    "Cursor up select": "上移并选择",
    "Cursor down select": "下移并选择",
    "Cursor left select": "左移并选择",
    "Cursor right select": "右移并选择",
    "Cursor word left": "左移一词",
    "Cursor word right": "右移一词",
    "Cursor left word select": "左移一词并选择",
    "Cursor right word select": "右移一词并选择",
    "Cursor line start": "到行首",
    "Cursor line end": "到行尾",
    "Cursor line start select": "选到行首",
    "Cursor line end select": "选到行尾",
    "Cursor page up": "上一页",
    "Cursor page down": "下一页",
    "Select line": "选中整行",
    "Delete line": "删除整行",
    "Delete to line start": "删除到行首",
    "Delete to line end": "删除到行尾",
    "Undo": "撤销",
    "Redo": "重做",
    "Cut": "剪切",
    "Copy": "复制",
    "Paste": "粘贴",
}
for _english, _chinese in WIDGET_BINDING_WORDS.items():
    _key = "tui.textual.binding." + _english.replace(" ", "_")
    register({_key: {"zh": _chinese, "en": _english}})
    BINDING_WORDS.setdefault(_english, _key)


def binding_text(description: str) -> str:
    """A binding description in the reader's language: ours are catalog keys, Textual's are mapped."""
    key = BINDING_WORDS.get(description, description)
    return t(key) if key else description
