"""The model room's own messages (why the database cannot be opened or backed up), Chinese first.

models/ may not import workflow/, so its texts live here; workflow.i18n adds them to the one
catalog. An error carries a key and its data: ``message(lang)`` reads it in one language, and
``str()`` in both, for the callers that do not know the reader's language.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "db.readonly_schema": {
        "zh": "数据库只读，无法升级到当前结构版本；请用可写的数据库运行一次 starcampus db migrate（{detail}）",
        "en": "the database is read-only and its schema is older than this program: run "
              "`starcampus db migrate` once on a writable copy ({detail})",
    },
    "db.readonly_folder": {
        "zh": "数据库所在目录只读（{folder}），无法打开（SQLite 需要在同一目录写入 -wal/-shm 文件）；"
              "只读查看请用 --db 'sqlite:///{path}?mode=ro'（{detail}）",
        "en": "the database folder is read-only ({folder}): SQLite needs to write its -wal/-shm files next "
              "to it; to read it only, use --db 'sqlite:///{path}?mode=ro'; nothing was changed ({detail})",
    },
    "db.disk_full": {
        "zh": "磁盘已满（{folder}），无法打开数据库；未做任何修改（{detail}）",
        "en": "the disk is full ({folder}): cannot open the database; nothing was changed ({detail})",
    },
    "backup.postgres": {
        "zh": "PostgreSQL 请使用 pg_dump 备份，例如：pg_dump -Fc -f starcampus.dump \"$STARCAMPUS_DB\"",
        "en": "for PostgreSQL use pg_dump, e.g. pg_dump -Fc -f starcampus.dump \"$STARCAMPUS_DB\"",
    },
    "backup.onto_database": {
        "zh": "备份文件不能是数据库本身：{path}",
        "en": "the backup cannot overwrite the database: {path}",
    },
    "backup.integrity": {
        "zh": "备份校验失败：{verdict}",
        "en": "the backup failed its integrity check: {verdict}",
    },
}


def render(key: str, lang: str, /, **params: object) -> str:
    entry = CATALOG[key]
    return (entry.get(lang) or entry["zh"]).format(**params)


class Keyed(Exception):
    """An error that carries a catalog key and its data instead of finished text."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "zh") -> str:
        return render(self.key, lang, **self.params)

    def __str__(self) -> str:
        return f"{self.message('zh')} / {self.message('en')}"
