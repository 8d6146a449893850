"""The test-writing suite's tables in the report: how much of the specification the tests pin."""

from __future__ import annotations

import pandas as pd

from evals.constants import OK


def _spread(values: pd.Series) -> str:
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return "not run"
    q1, med, q3 = v.quantile([0.25, 0.5, 0.75])
    return f"{med:.2f} ({q1:.2f}-{q3:.2f})"


def mutation_table(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Per tier and model: valid share, the median share of planted and of library-generated
    mutants killed (with the quartiles), and how long the tests were (verbosity, not a fault)."""
    ok = frame[frame["status"] == OK]
    if ok.empty or "mutation_score" not in ok.columns:
        return []
    rows = []
    for (tier, model), g in ok.groupby(["tier", "model_name"], sort=True, dropna=False):
        rows.append({
            "tier": tier, "model": model, "samples": len(g),
            "valid": f"{pd.to_numeric(g['valid'], errors='coerce').mean():.0%}",
            "planted mutants killed, median (IQR)": _spread(g["mutation_score"]),
            "library mutants killed, median (IQR)": _spread(
                g.get("library_mutation_score", pd.Series(dtype=float))),
            "test lines, median": (f"{pd.to_numeric(g['test_lines'], errors='coerce').median():.0f}"
                                   if "test_lines" in g else ""),
        })
    return [("Test writing: mutants killed", pd.DataFrame(rows))]
