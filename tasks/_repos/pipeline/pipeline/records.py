"""Record type and readers for CSV and JSON-lines input.

A record is a plain ``dict`` mapping field names to values. Readers are
generators: they yield one record at a time and never load the whole input
into memory, so they can feed a pipeline straight from an open file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

Record = dict[str, Any]


class RecordParseError(ValueError):
    """Raised when a line of input cannot be turned into a record.

    ``line`` is the 0-based line number of the offending input line.
    """

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def read_csv(stream: TextIO, *, delimiter: str = ",") -> Iterator[Record]:
    """Yield one record per data row of a CSV stream.

    The first row is the header. Values are kept as strings; use a
    :class:`~pipeline.schema.Schema` to coerce them. Empty rows are skipped.
    A row whose number of cells differs from the header raises
    :class:`RecordParseError`.
    """
    reader = csv.reader(stream, delimiter=delimiter)
    header: list[str] | None = None
    for row in reader:
        if not row:
            continue
        if header is None:
            header = [name.strip() for name in row]
            if len(set(header)) != len(header):
                raise RecordParseError(reader.line_num, "duplicate column names in header")
            continue
        if len(row) != len(header):
            raise RecordParseError(
                reader.line_num, f"expected {len(header)} fields, got {len(row)}"
            )
        yield dict(zip(header, row))


def read_jsonl(stream: TextIO) -> Iterator[Record]:
    """Yield one record per line of a JSON-lines stream."""
    for line in stream:
        yield json.loads(line)


def read_path(path: str | Path) -> Iterator[Record]:
    """Open ``path`` and yield its records, choosing the reader by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".jsonl"}:
        raise ValueError(f"unsupported file type: {suffix or path.name!r}")
    with path.open(encoding="utf-8", newline="") as stream:
        if suffix == ".csv":
            yield from read_csv(stream)
        else:
            yield from read_jsonl(stream)
