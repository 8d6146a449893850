"""Writers for CSV, JSON-lines and plain-text tables."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TextIO

from pipeline.records import Record


def _columns(records: Sequence[Record], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(records[0]) if records else []


def write_csv(
    records: Sequence[Record], stream: TextIO, *, columns: Sequence[str] | None = None
) -> int:
    """Write a header row and one row per record; return the number of records.

    ``columns`` defaults to the fields of the first record. A field missing
    from a record is written as an empty cell.
    """
    names = _columns(records, columns)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        cells: list[str] = []
        for name in names:
            value = record.get(name, "")
            cells.append(str(value))
        writer.writerow(cells)
    return len(records)


def write_jsonl(records: Sequence[Record], stream: TextIO) -> int:
    """Write one JSON object per line; return the number of records."""
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False, default=str))
        stream.write("\n")
    return len(records)


def format_table(records: Sequence[Record], columns: Sequence[str] | None = None) -> str:
    """Render records as a left-aligned text table with a header rule."""
    names = _columns(records, columns)
    rows: list[list[str]] = []
    for record in records:
        cells: list[str] = []
        for name in names:
            value = record.get(name, "")
            cells.append(str(value))
        rows.append(cells)
    widths = [len(name) for name in names]
    for cells in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, cells)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    for cells in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip())
    return "\n".join(lines) + "\n"
