"""Transform steps.

A step is a callable that takes an iterable of records and returns an
iterable of records. The factories in this module build the common steps;
each returned step leaves its input records unmodified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from pipeline.records import Record

Step = Callable[[Iterable[Record]], Iterable[Record]]


def rename(mapping: Mapping[str, str]) -> Step:
    """Rename fields; fields not in ``mapping`` keep their names and order."""
    mapping = dict(mapping)
    targets = list(mapping.values())
    if len(set(targets)) != len(targets):
        raise ValueError("two fields cannot be renamed to the same name")

    def step(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            yield {mapping.get(key, key): value for key, value in record.items()}

    return step


def select(fields: Sequence[str]) -> Step:
    """Keep only ``fields``, in that order; a missing field becomes ``None``."""
    fields = list(fields)

    def step(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            yield {name: record.get(name) for name in fields}

    return step


def filter_rows(predicate: Callable[[Record], bool]) -> Step:
    """Keep the records for which ``predicate`` returns a true value."""

    def step(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if predicate(record):
                yield record

    return step


def derive(field: str, fn: Callable[[Record], Any]) -> Step:
    """Add (or replace) ``field`` with ``fn(record)`` on every record."""

    def step(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            yield {**record, field: fn(record)}

    return step


def dedupe(keys: Sequence[str]) -> Step:
    """Drop records whose ``keys`` values repeat an earlier record's.

    The first record with a given key wins; the order of the kept records is
    the input order. A missing key field counts as ``None``.
    """
    # TODO: also accept a single field name, e.g. dedupe("id"); today a plain
    # string is split into its characters.
    keys = list(keys)

    def step(records: Iterable[Record]) -> list[Record]:
        seen: set[tuple[Any, ...]] = set()
        kept: list[Record] = []
        for record in records:
            key = tuple(record.get(name) for name in keys)
            if key in seen:
                continue
            seen.add(key)
            kept.append(record)
        return kept

    return step


def chain(*steps: Step) -> Step:
    """Compose steps left to right into a single step."""

    def step(records: Iterable[Record]) -> Iterable[Record]:
        for inner in steps:
            records = inner(records)
        return records

    return step
