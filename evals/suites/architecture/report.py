"""The architecture suite's table in the report: the partial scores behind each kind's verdict
(review recall and precision, considerations named, root cause located), and the judge's grade
where one was configured."""

from __future__ import annotations

import pandas as pd

from evals.constants import OK

# kind -> the table's heading and its (column, label) pairs
PARTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "decision": ("Architecture decisions: the keyed choice and what was weighed",
                 [("choice_right", "keyed choice"), ("weighed", "considerations named")]),
    "review": ("Architecture reviews: defects found and false positives",
               [("recall_critical", "critical defects found"), ("recall", "all defects found"),
                ("precision", "findings that are defects")]),
    "diagnosis": ("Architecture diagnoses: where the root cause was placed",
                  [("file_right", "right file"), ("symbol_right", "right definition"),
                   ("mechanism_named", "mechanism named")]),
}


def _values(g: pd.DataFrame, col: str) -> pd.Series:
    """A column's numbers over the group (none when no sample recorded it: a part is only
    recorded once an answer's block was read)."""
    if col not in g.columns:
        return pd.Series(dtype=float)
    return pd.to_numeric(g[col], errors="coerce").dropna()


def _mean(g: pd.DataFrame, col: str) -> str:
    v = _values(g, col)
    return f"{v.mean():.0%}" if len(v) else "n/a"


def parts_table(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One table per kind, rows per tier, over scored samples: answers with a readable block,
    the kind's partial scores (means), review false positives per answer, and the judge's mean
    grade (n/a: no judge ran)."""
    ok = frame[(frame["status"] == OK) & frame.get("kind", pd.Series(dtype=object)).notna()]
    if ok.empty or "parsed" not in ok.columns:
        return []
    out = []
    for kind, (heading, parts) in PARTS.items():
        rows = []
        for tier, g in ok[ok["kind"] == kind].groupby("tier", sort=True):
            row = {"tier": tier, "samples": len(g), "answer block read": _mean(g, "parsed")}
            row.update({label: _mean(g, col) for col, label in parts})
            if kind == "review":
                fp = _values(g, "false_positives")
                row["false positives per answer"] = f"{fp.mean():.1f}" if len(fp) else "n/a"
            row["judge grade"] = _mean(g, "judge_grade")
            rows.append(row)
        if rows:
            out.append((heading, pd.DataFrame(rows)))
    return out
