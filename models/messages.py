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
              "只读查看（无人写入时）请用 --db 'sqlite:///{path}?mode=ro&immutable=1'（{detail}）",
        "en": "the database folder is read-only ({folder}): SQLite needs to write its -wal/-shm files next "
              "to it; to read it only (while nobody writes it), use --db 'sqlite:///{path}?mode=ro&immutable=1'; "
              "nothing was changed ({detail})",
    },
    "db.disk_full": {
        "zh": "磁盘已满（{folder}），无法打开数据库；未做任何修改（{detail}）",
        "en": "the disk is full ({folder}): cannot open the database; nothing was changed ({detail})",
    },
    "db.missing": {
        "zh": "没有这个数据库：{path}；未打开也未新建任何文件（新建数据库请运行 starcampus --db {path} init 或 demo load）",
        "en": "there is no database at {path}: nothing was opened or created (to create one, run "
              "`starcampus --db {path} init` or `demo load`)",
    },
    "db.empty": {
        "zh": "{path} 是一个空文件（0 字节），不是数据库；未做任何修改（新建数据库请运行 init 或 demo load）",
        "en": "{path} is an empty file (0 bytes), not a database: nothing was changed (to create one, run "
              "`init` or `demo load`)",
    },
    "db.not_ours": {
        "zh": "{path} 不是 starcampus 数据库（没有结构版本表）；未做任何修改",
        "en": "{path} is not a starcampus database (it has no schema version): nothing was changed",
    },
    "db.too_new": {
        "zh": "数据库结构版本为 {found}，比本程序支持的版本 {supported} 新；请先升级 starcampus，未读写任何数据",
        "en": "the database's schema is version {found}, newer than this program's {supported}: upgrade "
              "starcampus to open it; nothing was read or written",
    },
    "db.write_lock_timeout": {
        "zh": "另一个写入者占用数据库写锁已超过 {seconds} 秒（{path}），本次未做任何修改；请稍后再试",
        "en": "another writer has held the database's write lock for over {seconds} s ({path}): nothing "
              "was changed; try again shortly",
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
    # Where an output may not land, and why it was not written (models/file_guard.py).
    "output.onto_database": {
        "zh": "不能写到正在使用的数据库文件上：{path}；未写入任何内容",
        "en": "{path} is the live database (or one of its journal files): nothing was written",
    },
    "output.onto_key": {
        "zh": "不能写到审计封印密钥文件上：{path}；未写入任何内容",
        "en": "{path} is the audit seal key: nothing was written",
    },
    "output.onto_head": {
        "zh": "不能写到审计链头文件（密钥旁）上：{path}；未写入任何内容",
        "en": "{path} is the audit head kept beside the seal key: nothing was written",
    },
    "output.onto_keys_file": {
        "zh": "不能写到 SSH 授权密钥文件（authorized_keys）上：{path}；未写入任何内容",
        "en": "{path} is an SSH authorized_keys file: nothing was written",
    },
    "output.exists": {
        "zh": "文件已存在，未覆盖：{path}（确需替换请加 --force）",
        "en": "{path} already exists and was left as it is (add --force to replace it)",
    },
    "output.folder": {
        "zh": "这是一个文件夹，不是文件：{path}",
        "en": "{path} is a folder, not a file",
    },
    "output.disk_full": {
        "zh": "磁盘空间不足，未能写入 {path}；没有留下不完整的文件",
        "en": "the disk is full: {path} was not written, and no partial file was left behind",
    },
    "output.cannot_write": {
        "zh": "无法写入 {path}：{detail}；没有留下不完整的文件",
        "en": "cannot write {path}: {detail}; no partial file was left behind",
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
