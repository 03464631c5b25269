"""Rows to records and back, for every table, derived from records.TABLES and the models.

A column of records.TABLES is stored under its own name, except a DECIMAL one: exact
thousandths in <name>_milli. id and profile_id are the store's own; a model's created_at is
set when its row is made and its updated_at at every write. A TEXT column's limit is the length
of its String(n). To add a table, add its model to MODELS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, String, inspect

from ssi_coach.model import to_thousandths
from ssi_coach.records import TABLES, Column, Kind, Table, Values
from ssi_coach.store.tables import (
    AnswersRow,
    Base,
    DayMarkRow,
    DraftRow,
    KpiMonthRow,
    ProfileTextRow,
    ReadingRow,
    SettingRow,
    TickRow,
)

R = TypeVar("R")
MODELS: Mapping[str, type[Base]] = {
    "readings": ReadingRow,
    "answers": AnswersRow,
    "routine_ticks": TickRow,
    "day_marks": DayMarkRow,
    "kpi_months": KpiMonthRow,
    "settings": SettingRow,
    "drafts": DraftRow,
    "profile_texts": ProfileTextRow,
}
CREATED = "created_at"
UPDATED = "updated_at"


def stored_name(column: Column) -> str:
    """Return the name of the model's column that holds a table's column."""
    return f"{column.name}_milli" if column.kind is Kind.DECIMAL else column.name


def stored_columns(
    model: type[Base], columns: Sequence[Column]
) -> tuple[ColumnElement[object], ...]:
    """Return the model's columns that hold these columns, in the same order, for a select."""
    stored = inspect(model).columns
    return tuple(stored[stored_name(column)] for column in columns)


def owned_by(model: type[Base], profile_id: int) -> ColumnElement[bool]:
    """Return the condition that a model's row belongs to a profile."""
    return inspect(model).columns["profile_id"] == profile_id


def _from_store(column: Column, value: object) -> object:
    if column.kind is Kind.DECIMAL and isinstance(value, int):
        return value / 1000
    return value


def _to_store(column: Column, value: object) -> object:
    if column.kind is Kind.DECIMAL and isinstance(value, int | float):
        return to_thousandths(value)
    return value


def values_from_columns(columns: Sequence[Column], values: Sequence[object]) -> Values:
    """Return the values of a row selected with stored_columns(model, columns)."""
    return Values({c.name: _from_store(c, v) for c, v in zip(columns, values, strict=True)})


def record_from_columns(spec: Table[R], values: Sequence[object]) -> R:
    """Return the record of a row selected with stored_columns(model, spec.columns)."""
    return spec.build(values_from_columns(spec.columns, values))


def to_record(spec: Table[R], row: Base) -> R:
    """Return the record a stored row holds, built through the domain."""
    return record_from_columns(spec, [getattr(row, stored_name(c)) for c in spec.columns])


def fill(spec: Table[R], row: Base, record: R, stamp: datetime) -> None:
    """Write a record's values into a row, with its stamps; the row's keys are left alone."""
    for column, value in zip(spec.columns, spec.values(record), strict=True):
        setattr(row, stored_name(column), _to_store(column, value))
    stamps = inspect(type(row)).columns
    if CREATED in stamps and getattr(row, CREATED) is None:
        setattr(row, CREATED, stamp)
    if UPDATED in stamps:
        setattr(row, UPDATED, stamp)


def stored_values(spec: Table[R], record: R) -> dict[str, object]:
    """Return a record's values as stored, by the model's column names, for an UPDATE."""
    return {
        stored_name(column): _to_store(column, value)
        for column, value in zip(spec.columns, spec.values(record), strict=True)
    }


def text_limits() -> dict[str, dict[str, int]]:
    """Return the longest text each TEXT column takes, by table: its String(n) length."""
    limits: dict[str, dict[str, int]] = {}
    for name, spec in TABLES.items():
        stored = inspect(MODELS[name]).columns
        limits[name] = {}
        for column in spec.columns:
            kind = stored[stored_name(column)].type
            if column.kind is Kind.TEXT and isinstance(kind, String) and kind.length is not None:
                limits[name][column.name] = kind.length
    return limits
