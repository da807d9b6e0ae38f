"""The export room's own messages (why an export path is refused), Chinese first, English complete.

exports/ may not import workflow/ (they are sibling layers), so its texts live here; an error
carries a key of this catalog and its data, and is rendered in the reader's language.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "export.not_a_file_name": {"zh": "不是文件名：{path}", "en": "not a file name: {path}"},
    "export.outside_folder": {
        "zh": "{path}不在导出文件夹{base}之内",
        "en": "{path} is outside the export folder {base}",
    },
    "export.is_folder": {"zh": "{path}是文件夹，不是文件", "en": "{path} is a folder, not a file"},
}


def render(key: str, lang: str, /, **params: object) -> str:
    entry = CATALOG[key]
    return (entry.get(lang) or entry["zh"]).format(**params)
