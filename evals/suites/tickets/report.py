"""The tickets suite's own report table: how often each planted temptation was taken."""

from __future__ import annotations

import pandas as pd

from evals.constants import DEVIATED, OK


def temptation_table(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Deviation rate per temptation and tier, over scored samples (tasks with no temptation
    show the base rate)."""
    ok = frame[(frame["status"] == OK) & frame.get("temptation", pd.Series(dtype=object)).notna()]
    if ok.empty:
        return []
    table = (ok.groupby(["temptation", "tier"])[DEVIATED].agg(["mean", "count"])
             .reset_index())
    table = table.assign(deviated=table["mean"].map(lambda x: f"{100 * x:.0f}%"),
                         samples=table["count"].astype(int))[["temptation", "tier", "deviated",
                                                               "samples"]]
    return [("Deviation by planted temptation", table)]
