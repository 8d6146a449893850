"""Plain-text table formatting."""

from __future__ import annotations

from collections.abc import Sequence

Cell = str | int | float | None


def cell_text(value: Cell) -> str:
    """Return the display text of one cell.

    ``None`` becomes an empty string and floats are shown with two decimals.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _is_numeric(value: Cell) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pad(text: str, width: int, right: bool) -> str:
    return text.rjust(width) if right else text.ljust(width)


def format_table(
    rows: Sequence[Sequence[Cell]],
    headers: Sequence[str] | None = None,
    *,
    sep: str = "  ",
) -> str:
    """Render *rows* as an aligned plain-text table and return it.

    Every row must have the same number of cells (and as many as *headers*,
    when given), otherwise :class:`ValueError` is raised.  A column whose
    non-empty cells are all numbers is right-aligned, any other column is
    left-aligned; a header is aligned like its column.  With *headers* a
    header line and a rule of dashes are printed first.  Columns are joined
    with *sep* and trailing spaces are stripped from every line.  An empty
    table without headers renders as ``""``.
    """
    ncols = len(headers) if headers is not None else (len(rows[0]) if rows else 0)
    for index, row in enumerate(rows, start=1):
        if len(row) != ncols:
            raise ValueError(f"row {index} has {len(row)} cells, expected {ncols}")

    texts = [[cell_text(value) for value in row] for row in rows]
    widths = [len(header) for header in headers] if headers is not None else [0] * ncols
    for row_text in texts:
        widths = [max(width, len(text)) for width, text in zip(widths, row_text)]
    right = [
        any(row[col] is not None for row in rows)
        and all(_is_numeric(row[col]) for row in rows if row[col] is not None)
        for col in range(ncols)
    ]

    def render(cells: Sequence[str]) -> str:
        padded = [_pad(text, widths[col], right[col]) for col, text in enumerate(cells)]
        return sep.join(padded).rstrip()

    out: list[str] = []
    if headers is not None:
        out.append(render(list(headers)))
        out.append(render(["-" * width for width in widths]))
    out.extend(render(row_text) for row_text in texts)
    return "\n".join(out)
