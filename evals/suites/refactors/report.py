"""The refactors suite's table in the report: why refactors were not accepted, per kind."""

from __future__ import annotations

import pandas as pd

from evals.constants import API_CHANGED, OK

PARTS = {"goal_met": "goal reached", "behaviour_kept": "behaviour kept",
         API_CHANGED: "public API changed beyond the ticket"}


def outcome_table(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Per kind (mechanical, judgment) and tier: how often the goal was reached, the behaviour
    kept and the public API changed beyond the ticket, over scored samples."""
    ok = frame[(frame["status"] == OK) & frame.get("kind", pd.Series(dtype=object)).notna()]
    if ok.empty or "goal_met" not in ok.columns:
        return []
    rows = []
    for (kind, tier), g in ok.groupby(["kind", "tier"], sort=True):
        row = {"kind": kind, "tier": tier, "samples": len(g)}
        for col, label in PARTS.items():
            v = pd.to_numeric(g.get(col, pd.Series(dtype=float)), errors="coerce").dropna()
            row[label] = f"{(v > 0).mean():.0%}" if len(v) else "not run"
        rows.append(row)
    return [("Refactors: goal, behaviour and public API", pd.DataFrame(rows))]
