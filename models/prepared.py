"""Query shapes rendered to SQL once per database, then run with new parameters.

Peewee renders a query's SQL anew on every execution; for the score save, which every officer
in the county runs under the one write lock, that rendering was most of the time the lock was held
(a four-table join of ~50 columns costs about 3 ms to render and 0.1 ms to run). A ``Prepared``
builds its query once with placeholder arguments, keeps the SQL and the position of each
placeholder among the parameters, and from then on only swaps the arguments in. The rows come
back through peewee's own cursor wrapper, so they are the same model instances as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import peewee

from models import statements
from models.db import database

M = TypeVar("M")

# Placeholders that cannot be a real argument: ids are positive, names never hold a NUL.
_INT_BASE = -7_340_000_000
_TEXT_MARK = "\x00prepared-argument-{}\x00"


def _placeholder(kind: type, index: int) -> object:
    if kind is int:
        return _INT_BASE - index
    if kind is str:
        return _TEXT_MARK.format(index)
    raise TypeError(f"a prepared argument is int or str, not {kind.__name__}")


class Prepared(Generic[M]):
    """``build(*arguments)`` returns the query; ``kinds`` are the arguments' types (int or str).

    Every argument must reach the SQL as a parameter unchanged (compared with ``==``, ``IN`` of one,
    and so on): a placeholder that peewee transformed would not be found, which ``_render`` refuses.
    """

    def __init__(self, build: Callable[..., Any], *kinds: type) -> None:
        self._build = build
        self._kinds = kinds
        self._local = threading.local()
        self._rendered: dict[tuple[int, type], tuple[Any, str, list[Any], list[tuple[int, int]]]] = {}

    def _render(self) -> tuple[Any, str, list[Any], list[tuple[int, int]]]:
        db = database.obj
        key = (id(db), type(db))  # the SQL differs by backend (parameter marks, FOR UPDATE)
        cached = self._rendered.get(key)
        if cached is not None:
            return cached
        marks = [_placeholder(kind, i) for i, kind in enumerate(self._kinds)]
        query = self._build(*marks)
        sql, params = query.sql()
        slots = [(pos, marks.index(value)) for pos, value in enumerate(params)
                 if any(value is mark or (type(value) is type(mark) and value == mark) for mark in marks)]
        if sorted({index for _pos, index in slots}) != list(range(len(marks))):
            raise ValueError("a prepared argument did not reach the SQL as a parameter")
        rendered = (query, sql, list(params), slots)
        self._rendered = {key: rendered}  # one database at a time: a test opening another renders again
        return rendered

    def _execute(self, arguments: tuple[Any, ...]) -> tuple[Any, Any]:
        if len(arguments) != len(self._kinds):
            raise TypeError(f"expected {len(self._kinds)} arguments, got {len(arguments)}")
        query, sql, params, slots = self._render()
        bound = list(params)
        for pos, index in slots:
            bound[pos] = arguments[index]
        return query, statements.run(sql, bound)

    def _wrapper(self, query: Any, cursor: Any) -> Any:
        """Peewee's cursor wrapper for this shape, its column resolution done once per thread (for the
        four-table join that was a fifth of a save); only the cursor and the row count are new."""
        held = getattr(self._local, "wrapper", None)
        if held is None or held[0] is not query:
            wrapper = query._get_cursor_wrapper(cursor)
            self._local.wrapper = (query, wrapper)
            return wrapper
        wrapper = held[1]
        if wrapper.initialized and type(wrapper) is peewee.ModelCursorWrapper and "process_row" not in vars(wrapper):
            wrapper.process_row = _joined_rows(wrapper)
        wrapper.cursor, wrapper.count, wrapper.index, wrapper.populated, wrapper.row_cache = cursor, 0, 0, False, []
        return wrapper

    def rows(self, *arguments: Any) -> list[M]:
        query, cursor = self._execute(arguments)
        return list(self._wrapper(query, cursor).iterator())  # read whole before the wrapper is reused

    def first(self, *arguments: Any) -> M | None:
        query, cursor = self._execute(arguments)
        try:
            row: M = self._wrapper(query, cursor).iterate(False)
        except StopIteration:
            return None
        cursor.close()
        return row


def update_by_id(model: type[Any], row_id: int, *, later: bool = False, **fields: Any) -> None:
    """``model.update(**fields).where(model.id == row_id)`` without the query compiler (a hot path under
    the write lock). Each value goes through its field's ``db_value``, as peewee would send it.
    ``later``: on PostgreSQL it may travel with the next statement or the COMMIT (``models.batch``)."""
    db = database.obj
    meta = model._meta
    columns = [meta.fields[name] for name in fields]
    assignments = ", ".join(f'"{field.column_name}" = {db.param}' for field in columns)
    values = [field.db_value(fields[field.name]) for field in columns]
    (statements.later if later else statements.run)(
        f'UPDATE "{meta.table_name}" SET {assignments} WHERE "{meta.primary_key.column_name}" = {db.param}',
        [*values, row_id])


# Fields whose python_value gives back a value of the type the driver already returned unchanged.
_SAME_IF = {peewee.CharField: str, peewee.TextField: str, peewee.IntegerField: int, peewee.AutoField: int,
            peewee.BigIntegerField: int}


def _joined_rows(wrapper: Any) -> Callable[[Sequence[Any]], Any]:
    """``wrapper.process_row`` (peewee's ModelCursorWrapper of a join, initialised) for the same rows, made
    faster for a shape read on every save (the score save's four-table join, ~55 columns, was a fifth
    of a save under SQLite's write lock): a model's own field goes straight into its ``__data__``
    instead of through its descriptor, and a converter that would give back the driver's value as it
    is (text into a text field, an integer into an integer field) is not called. The joined models
    are then linked exactly as peewee links them, and the result is the same instances."""
    if not hasattr(wrapper, "_constructor_list") or not hasattr(wrapper, "_row_spec"):
        return wrapper.process_row  # not a join (peewee builds a single model its own way): peewee's own
    constructors = [(key, constructor) for key, constructor, is_model in wrapper._constructor_list if is_model]
    if len(constructors) != len(wrapper._constructor_list):
        return wrapper.process_row  # dicts among the sources: peewee's own
    root = wrapper.model
    spec: list[tuple[int, Any, str, Any, bool, type | None]] = []
    for idx, key, column, converter in wrapper._row_spec:
        model: Any = key if isinstance(key, type) else getattr(key, "model", None)
        field = model._meta.fields.get(column) if model is not None else None
        direct = field is not None and field.name == column
        if isinstance(field, peewee.ForeignKeyField):
            same = _SAME_IF.get(type(field.rel_field))
        else:
            same = _SAME_IF.get(type(field)) if field is not None else None
        spec.append((idx, key, column, converter, direct, same))
    links = list(wrapper.src_to_dest)
    reachable = wrapper._dest_reachable

    def process_row(row: Sequence[Any]) -> Any:
        objects: dict[Any, Any] = {key: constructor(__no_default__=True) for key, constructor in constructors}
        default = objects[root]
        set_keys = set()
        for idx, key, column, converter, direct, same in spec:
            instance = objects.get(key, default)
            value = row[idx]
            if value is not None:
                set_keys.add(key)
                if converter is not None and type(value) is not same:
                    value = converter(value)
            elif converter is not None:
                value = converter(value)
            if direct:
                instance.__data__[column] = value
            else:
                setattr(instance, column, value)
        for src, attr, dest, is_dict, is_outer, is_fk in links:  # as peewee's process_row links them
            source: Any = objects.get(src)
            joined = objects.get(dest)
            if joined is None and dest not in objects:
                continue
            assign = False
            if dest not in set_keys and dest in reachable:
                assign = bool(reachable[dest] & set_keys)
            if dest not in set_keys and not assign:
                if is_outer:
                    joined = None
                else:
                    continue
            if src not in set_keys and dest not in set_keys and is_outer:
                continue
            if is_dict:
                source[attr] = joined
            elif is_fk and joined is None:
                source.__rel__[attr] = None
            else:
                setattr(source, attr, joined)
        for instance in objects.values():
            instance._dirty.clear()
        return default

    return process_row
