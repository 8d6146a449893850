"""Group-by aggregation over records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.records import Record
from pipeline.transforms import Step


def _sum(values: list[Any]) -> Any:
    return sum(values)


def _mean(values: list[Any]) -> float:
    return sum(values) / len(values)


def _count(values: list[Any]) -> int:
    return len(values)


def _min(values: list[Any]) -> Any:
    return min(values)


def _max(values: list[Any]) -> Any:
    return max(values)


# TODO: median and mode are the next most requested aggregations.
AGGREGATORS: dict[str, Callable[[list[Any]], Any]] = {
    "sum": _sum,
    "mean": _mean,
    "count": _count,
    "min": _min,
    "max": _max,
}


@dataclass(frozen=True)
class Agg:
    """One aggregation: apply ``func`` to the values of ``field`` in a group.

    ``Agg("count")`` (no field) counts the records of the group.
    """

    func: str
    field: str | None = None

    def __post_init__(self) -> None:
        if self.func not in AGGREGATORS:
            raise ValueError(f"unknown aggregation {self.func!r}")
        if self.field is None and self.func != "count":
            raise ValueError(f"aggregation {self.func!r} needs a field")

    def apply(self, rows: list[Record]) -> Any:
        if self.field is None:
            return AGGREGATORS[self.func](rows)
        return AGGREGATORS[self.func]([row.get(self.field) for row in rows])


def group_by(
    records: Iterable[Record], keys: Sequence[str], aggs: Mapping[str, Agg]
) -> list[Record]:
    """Group records by the values of ``keys`` and aggregate each group.

    Each output record holds the key fields followed by one field per entry
    of ``aggs``. Groups are returned sorted by their key values.
    """
    keys = list(keys)
    clash = set(keys) & set(aggs)
    if clash:
        raise ValueError(f"aggregate names clash with key fields: {sorted(clash)}")
    groups: dict[tuple[Any, ...], list[Record]] = {}
    for record in records:
        key = tuple(record.get(name) for name in keys)
        groups.setdefault(key, []).append(record)
    out: list[Record] = []
    for key in sorted(groups):
        row: Record = dict(zip(keys, key))
        for name, agg in aggs.items():
            row[name] = agg.apply(groups[key])
        out.append(row)
    return out


def aggregate(keys: Sequence[str], aggs: Mapping[str, Agg]) -> Step:
    """Build a step that replaces its input with the grouped records."""
    keys = list(keys)
    aggs = dict(aggs)

    def step(records: Iterable[Record]) -> list[Record]:
        return group_by(records, keys, aggs)

    return step
