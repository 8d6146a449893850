"""How numbers read in tables, charts, reasons and the run table: shares, intervals, dollars."""

from __future__ import annotations

import math


def missing(x: object) -> bool:
    try:
        return x is None or math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def pct(x: object, signed: bool = False, digits: int = 0) -> str:
    """A share as a percent, whole by default ("–" when unknown)."""
    if missing(x):
        return "–"
    return f"{100 * float(x):{'+' if signed else ''}.{digits}f}%"  # type: ignore[arg-type]


def interval(p: object, lo: object, hi: object, signed: bool = False) -> str:
    """A share and its 95% interval, e.g. "25% [10%, 40%]"; "not measured" without a value."""
    if missing(p):
        return "not measured"
    if missing(lo) or missing(hi):
        return f"{pct(p, signed)} (no interval)"
    return f"{pct(p, signed)} [{pct(lo, signed)}, {pct(hi, signed)}]"


def usd(x: object) -> str:
    """Dollars: "unknown" when a price is, "∞ (none accepted)" for a cost per nothing."""
    if missing(x):
        return "unknown"
    v = float(x)  # type: ignore[arg-type]
    if math.isinf(v):
        return "∞ (none accepted)"
    return f"${v:.4f}" if v < 100 else f"${v:,.0f}"
